from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from receptionist.lib.errors import NotConfigured


def zone_or_default(name: str | None) -> ZoneInfo:
    """The named time zone, else the installation's (settings.TIME_ZONE)."""
    try:
        return ZoneInfo(name or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


class BusinessManager(models.Manager["Business"]):
    def current(self) -> Business:
        """The business this installation serves (one per deployment)."""
        business = self.order_by("pk").first()
        if business is None:
            raise BusinessNotLoaded(BusinessNotLoaded.message)
        return business


class Business(models.Model):
    name = models.CharField("nom", max_length=200)
    timezone = models.CharField("fuseau horaire", max_length=64, default="Europe/Paris")
    slot_minutes = models.PositiveSmallIntegerField("durée d'un créneau (min)", default=30)
    min_notice_minutes = models.PositiveIntegerField("délai minimum (min)", default=120)
    horizon_days = models.PositiveSmallIntegerField("horizon (jours)", default=21)
    transfer_number = models.CharField("numéro de transfert", max_length=32, blank=True)
    # Where the appointments take place: on confirmations and in the calendar file.
    address = models.CharField("adresse", max_length=300, blank=True)
    cancel_notice_hours = models.PositiveIntegerField(
        "préavis d'annulation (h)", null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = BusinessManager()

    class Meta:
        verbose_name = "établissement"
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5), name="booking_business_slot_min"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> ZoneInfo:
        """The business's time zone; the installation's (TIME_ZONE) if the one stored is unknown.

        Every reader of a business's clock goes through here, so a bad value never raises."""
        return zone_or_default(self.timezone)

    def clean(self) -> None:
        errors = {}
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            errors["timezone"] = "Fuseau horaire inconnu (exemple : Europe/Paris)."
        if not 5 <= self.slot_minutes <= 24 * 60:
            errors["slot_minutes"] = "Entre 5 minutes et 24 heures."
        if not 1 <= self.horizon_days <= 366:
            errors["horizon_days"] = "Entre 1 et 366 jours."
        if self.transfer_number:
            try:
                number = phonenumbers.parse(self.transfer_number, "FR")
                valid = phonenumbers.is_valid_number(number)
            except phonenumbers.NumberParseException:
                valid = False
            if not valid:
                errors["transfer_number"] = "Numéro invalide (exemple : +33123456789)."
            else:
                self.transfer_number = phonenumbers.format_number(
                    number, phonenumbers.PhoneNumberFormat.E164
                )
        if errors:
            raise ValidationError(errors)


class BusinessNotLoaded(Business.DoesNotExist, NotConfigured):
    """`Business.objects.current()` before a profile is loaded: a Business.DoesNotExist for
    the ORM's callers, and the domain's NotConfigured for every channel's answer."""


class Motif(models.Model):
    business = models.ForeignKey(Business, models.CASCADE, related_name="motifs")
    name = models.CharField("motif", max_length=100)
    minutes = models.PositiveSmallIntegerField("durée (min)")

    class Meta:
        verbose_name = "motif"
        constraints = [
            models.UniqueConstraint(fields=["business", "name"], name="booking_motif_unique_name"),
            models.CheckConstraint(condition=Q(minutes__gte=5), name="booking_motif_minutes_min"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.minutes} min)"


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 1, "lundi"
        TUESDAY = 2, "mardi"
        WEDNESDAY = 3, "mercredi"
        THURSDAY = 4, "jeudi"
        FRIDAY = 5, "vendredi"
        SATURDAY = 6, "samedi"
        SUNDAY = 7, "dimanche"

    business = models.ForeignKey(Business, models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField("jour", choices=Weekday.choices)
    start = models.TimeField("ouverture")
    end = models.TimeField("fermeture")

    class Meta:
        verbose_name = "horaire d'ouverture"
        verbose_name_plural = "horaires d'ouverture"
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="booking_hours_start_before_end"
            ),
            models.UniqueConstraint(
                fields=["business", "weekday", "start"], name="booking_hours_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class Closure(models.Model):
    business = models.ForeignKey(Business, models.CASCADE, related_name="closures")
    date = models.DateField("date de fermeture")
    reason = models.CharField("raison", max_length=200, blank=True)

    class Meta:
        verbose_name = "fermeture exceptionnelle"
        verbose_name_plural = "fermetures exceptionnelles"
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["business", "date"], name="booking_closure_unique_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"


class Practitioner(models.Model):
    """Who (or what: a room, a machine) is booked: one agenda of the business.

    A business whose profile names no practitioner has one implicit practitioner, made when
    it is first needed, so that every appointment belongs to exactly one agenda.
    """

    # The implicit agenda's key: no profile id can take it (ids start with a letter or digit).
    IMPLICIT_KEY = "_agenda"

    business = models.ForeignKey(Business, models.CASCADE, related_name="practitioners")
    key = models.SlugField("identifiant", max_length=60)
    name = models.CharField("nom affiché", max_length=120)
    spoken = models.CharField("nom parlé", max_length=120, blank=True)
    kind = models.CharField("métier", max_length=60, blank=True)
    active = models.BooleanField("actif", default=True)
    # Its own calendar (a Google calendar id or a CalDAV calendar's URL); empty = the
    # business's calendar for the implicit practitioner, the database only for the others.
    calendar_id = models.CharField("agenda en ligne", max_length=300, blank=True)
    implicit = models.BooleanField(default=False, editable=False)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "praticien"
        verbose_name_plural = "praticiens"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["business", "key"], name="booking_practitioner_unique_key"
            ),
            # At most one implicit agenda per business.
            models.UniqueConstraint(
                fields=["business"],
                condition=Q(implicit=True),
                name="booking_practitioner_one_implicit",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PractitionerHours(models.Model):
    """A weekly period the practitioner works (none: the business's hours)."""

    practitioner = models.ForeignKey(Practitioner, models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField("jour", choices=OpeningHours.Weekday.choices)
    start = models.TimeField("début")
    end = models.TimeField("fin")

    class Meta:
        verbose_name = "horaire du praticien"
        verbose_name_plural = "horaires du praticien"
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="booking_pract_hours_start_before_end"
            ),
            models.UniqueConstraint(
                fields=["practitioner", "weekday", "start"], name="booking_pract_hours_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class PractitionerAbsence(models.Model):
    """Days off (holidays, training), first and last day included."""

    practitioner = models.ForeignKey(Practitioner, models.CASCADE, related_name="absences")
    first_day = models.DateField("du")
    last_day = models.DateField("au")
    reason = models.CharField("raison", max_length=200, blank=True)

    class Meta:
        verbose_name = "absence"
        verbose_name_plural = "absences"
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_day__lte=F("last_day")), name="booking_absence_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_day:%Y-%m-%d} → {self.last_day:%Y-%m-%d}"


class PractitionerMotif(models.Model):
    """A motif the practitioner handles, with its own length if it differs (none listed:
    every motif, at the business's length)."""

    practitioner = models.ForeignKey(Practitioner, models.CASCADE, related_name="motif_links")
    motif = models.ForeignKey(Motif, models.CASCADE, related_name="practitioner_links")
    minutes = models.PositiveSmallIntegerField("durée (min)", null=True, blank=True)

    class Meta:
        verbose_name = "motif traité"
        verbose_name_plural = "motifs traités"
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "motif"], name="booking_pract_motif_unique"
            ),
            models.CheckConstraint(
                condition=Q(minutes__isnull=True) | Q(minutes__gte=5),
                name="booking_pract_motif_minutes_min",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.practitioner} · {self.motif.name}"


class Appointment(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmé"
        CANCELLED = "cancelled", "Annulé"
        MOVED = "moved", "Déplacé"

    class Attendance(models.TextChoices):
        UNKNOWN = "", "Non renseignée"
        ARRIVED = "arrived", "Arrivé"
        NO_SHOW = "no_show", "Absent"

    class Channel(models.TextChoices):
        WEB = "web", "Web"
        VOICE = "voice", "Téléphone"
        STAFF = "staff", "Accueil"

    business = models.ForeignKey(Business, models.PROTECT, related_name="appointments")
    practitioner = models.ForeignKey(
        Practitioner, models.PROTECT, related_name="appointments", verbose_name="praticien"
    )
    # The id shown outside (turn payloads, staff API, voice tools): random, never guessable.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    start = models.DateTimeField("début")
    end = models.DateTimeField("fin")
    name = models.CharField("nom", max_length=120)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("e-mail", blank=True)
    motif = models.CharField("motif", max_length=200, blank=True)
    status = models.CharField(
        "statut", max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    channel = models.CharField("canal", max_length=10, choices=Channel.choices, default=Channel.WEB)
    # Whether the person came, marked by the front desk on the day; the slot stays held either
    # way (the status stays « confirmed »: the time was theirs).
    attendance = models.CharField(
        "présence", max_length=10, choices=Attendance.choices, default="", blank=True
    )
    conversation_key = models.CharField("conversation", max_length=100, blank=True)
    # Idempotency: one conversation turn (or one voice tool call) books at most once.
    booking_key = models.CharField(
        max_length=160, unique=True, null=True, blank=True, editable=False
    )
    moved_to = models.OneToOneField(
        "self", models.SET_NULL, null=True, blank=True, related_name="moved_from"
    )

    class SyncStatus(models.TextChoices):
        LOCAL = "local", "Base de données seule"
        PENDING = "pending", "En attente"
        SYNCED = "synced", "Synchronisé"
        FAILED = "failed", "Échec"

    calendar_event_id = models.CharField(max_length=200, blank=True)
    # Where that event was last written (see booking.sync.calendar_ref): a move to another
    # practitioner, or a practitioner given another calendar, removes it from there.
    calendar_ref = models.CharField(max_length=310, blank=True, editable=False)
    calendar_synced_at = models.DateTimeField(null=True, blank=True)
    sync_status = models.CharField(
        "agenda", max_length=10, choices=SyncStatus.choices, default=SyncStatus.LOCAL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "rendez-vous"
        verbose_name_plural = "rendez-vous"
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="booking_appointment_start_before_end"
            ),
            # Only a kept appointment can be attended or missed.
            models.CheckConstraint(
                condition=Q(attendance="") | Q(status="confirmed"),
                name="booking_appointment_attendance_confirmed",
            ),
            models.CheckConstraint(
                condition=Q(attendance__in=["", "arrived", "no_show"]),
                name="booking_appointment_attendance_known",
            ),
            # Two confirmed appointments of one agenda never share a start; overlaps of any
            # length are refused cell by cell by BookedCell (and on PostgreSQL by an exclusion
            # constraint, migration 0011). Two practitioners may be booked at the same time.
            models.UniqueConstraint(
                fields=["practitioner", "start"],
                condition=Q(status="confirmed"),
                name="booking_appointment_one_confirmed_per_agenda_slot",
            ),
        ]
        indexes = [
            # Slot finding and the staff list: appointments of one business in a time window.
            models.Index(fields=["business", "start"], name="booking_appt_business_start"),
            # Cancel/move by name: upcoming confirmed appointments of one business.
            models.Index(fields=["business", "status", "start"], name="booking_appt_status_start"),
            # One practitioner's busy times and load.
            models.Index(fields=["practitioner", "start"], name="booking_appt_practitioner"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED


class BookedCell(models.Model):
    """One five-minute cell of one agenda's time, held by a confirmed appointment.

    A confirmed appointment holds every cell it covers on its practitioner's agenda; the
    unique constraint makes the database refuse any overlap on that agenda, whatever the
    durations, on SQLite as on PostgreSQL (which alone would offer an exclusion constraint).
    """

    MINUTES = 5

    business = models.ForeignKey(Business, models.CASCADE, related_name="+")
    practitioner = models.ForeignKey(Practitioner, models.CASCADE, related_name="+")
    appointment = models.ForeignKey(Appointment, models.CASCADE, related_name="cells")
    start = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "start"], name="booking_cell_one_holder_per_agenda"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}"


class CalendarChange(models.Model):
    """Outbox: an appointment whose copy in the remote calendar must be brought up to date.

    Written in the same transaction as the appointment change; pushed right after the commit,
    or later by ``sync_calendar``. Claimed with a conditional update, so that two workers never
    push the same change.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        CLAIMED = "claimed", "En cours"
        DONE = "done", "Fait"
        FAILED = "failed", "Abandonné"

    appointment = models.ForeignKey(Appointment, models.CASCADE, related_name="calendar_changes")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "synchronisation d'agenda"
        verbose_name_plural = "synchronisations d'agenda"
        indexes = [
            # sync_calendar: the pending changes that are due, oldest first.
            models.Index(fields=["status", "next_attempt_at"], name="booking_change_due"),
        ]

    def __str__(self) -> str:
        return f"{self.appointment_id} {self.status}"


class CalendarHealth(models.Model):
    """The remote calendar's last known state, shared by every process (one row per backend)."""

    backend = models.CharField(max_length=20, unique=True)
    healthy = models.BooleanField(default=True)
    reason = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "état de l'agenda"

    def __str__(self) -> str:
        return f"{self.backend}: {'ok' if self.healthy else self.reason}"


class SlotHold(models.Model):
    """A slot proposed to one conversation, kept from the others for a few minutes."""

    business = models.ForeignKey(Business, models.CASCADE, related_name="+")
    # The agenda whose time is held (none: held on every agenda, as before practitioners).
    practitioner = models.ForeignKey(Practitioner, models.CASCADE, null=True, related_name="+")
    holder = models.CharField(max_length=100)
    start = models.DateTimeField()
    end = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = "créneau réservé temporairement"
        indexes = [
            # Slot finding: the live holds of one business.
            models.Index(fields=["business", "expires_at"], name="booking_hold_live"),
            models.Index(fields=["holder"], name="booking_hold_holder"),
        ]

    def __str__(self) -> str:
        return f"{self.holder} {self.start:%Y-%m-%d %H:%M}"
