"""What the messages did, for the managers' report: reminders sent, attendance confirmed or
cancelled through the link, and no-shows with a reminder against without."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q

from booking.models import Appointment
from booking.notifications.models import Notification, SelfServiceAction


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class MessageFigures:
    sent_email: int  # messages sent in the period
    sent_sms: int
    reminded: int  # appointments of the period with a reminder sent
    confirmed_by_link: int  # of those, how many confirmed they would come
    cancelled_by_link: int  # cancellations made through the link in the period
    moved_by_link: int
    # Past appointments whose attendance was marked, with a reminder sent or without.
    marked_reminded: int
    no_show_reminded: int
    marked_unreminded: int
    no_show_unreminded: int

    @property
    def confirmed_rate(self) -> float | None:
        return _rate(self.confirmed_by_link, self.reminded)

    @property
    def no_show_rate_reminded(self) -> float | None:
        return _rate(self.no_show_reminded, self.marked_reminded)

    @property
    def no_show_rate_unreminded(self) -> float | None:
        return _rate(self.no_show_unreminded, self.marked_unreminded)


def message_figures(
    *, since: datetime, until: datetime, now: datetime, channel: str = ""
) -> MessageFigures:
    sent = Notification.objects.filter(
        status=Notification.Status.SENT, sent_at__gte=since, sent_at__lt=until
    )
    appointments = Appointment.objects.filter(start__gte=since, start__lt=until)
    actions = SelfServiceAction.objects.filter(at__gte=since, at__lt=until)
    if channel:
        sent = sent.filter(appointment__channel=channel)
        appointments = appointments.filter(channel=channel)
        actions = actions.filter(appointment__channel=channel)
    by_medium = sent.aggregate(
        email=Count("id", filter=Q(medium=Notification.Medium.EMAIL)),
        sms=Count("id", filter=Q(medium=Notification.Medium.SMS)),
    )
    reminder_sent = Exists(
        Notification.objects.filter(
            appointment=OuterRef("pk"),
            kind=Notification.Kind.REMINDER,
            status=Notification.Status.SENT,
        )
    )
    confirmed = Exists(
        SelfServiceAction.objects.filter(
            appointment=OuterRef("pk"), action=SelfServiceAction.Action.CONFIRM
        )
    )
    kept = appointments.filter(status=Appointment.Status.CONFIRMED).annotate(
        has_reminder=reminder_sent, has_confirmation=confirmed
    )
    marked = Q(attendance__in=[Appointment.Attendance.ARRIVED, Appointment.Attendance.NO_SHOW])
    absent = Q(attendance=Appointment.Attendance.NO_SHOW)
    begun = Q(start__lt=now)
    counts = kept.aggregate(
        reminded=Count("id", filter=Q(has_reminder=True)),
        confirmed_by_link=Count("id", filter=Q(has_reminder=True, has_confirmation=True)),
        marked_reminded=Count("id", filter=begun & marked & Q(has_reminder=True)),
        no_show_reminded=Count("id", filter=begun & absent & Q(has_reminder=True)),
        marked_unreminded=Count("id", filter=begun & marked & Q(has_reminder=False)),
        no_show_unreminded=Count("id", filter=begun & absent & Q(has_reminder=False)),
    )
    by_action = actions.aggregate(
        cancelled=Count("id", filter=Q(action=SelfServiceAction.Action.CANCEL)),
        moved=Count("id", filter=Q(action=SelfServiceAction.Action.MOVE)),
    )
    return MessageFigures(
        sent_email=by_medium["email"],
        sent_sms=by_medium["sms"],
        cancelled_by_link=by_action["cancelled"],
        moved_by_link=by_action["moved"],
        **counts,
    )
