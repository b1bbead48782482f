"""Admin forms for the front desk: the same rules as the agent, said in the staff's words."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.contrib.admin.widgets import AdminDateWidget, AdminSplitDateTime
from django.core.validators import MaxValueValidator, MinValueValidator

from booking.models import Appointment, Business, OpeningHours, Practitioner
from booking.selectors import appointment_conflicts, first_free, handles
from receptionist.lib.phones import to_e164


class AppointmentAdminForm(forms.ModelForm):
    end = forms.SplitDateTimeField(
        label="fin",
        required=False,
        widget=AdminSplitDateTime,
        help_text="Vide : début + la durée d'un créneau.",
    )

    practitioner = forms.ModelChoiceField(
        label="praticien",
        queryset=Practitioner.objects.none(),
        required=False,
        help_text="Vide : le premier praticien libre qui traite ce motif.",
    )

    class Meta:
        model = Appointment
        fields = ["start", "end", "practitioner", "name", "phone", "email", "motif"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        named = Practitioner.objects.filter(active=True, implicit=False).order_by("position")
        field = cast(forms.ModelChoiceField, self.fields["practitioner"])
        if named.exists():
            field.queryset = named
        else:
            # A single agenda: nothing to choose.
            del self.fields["practitioner"]

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        if not phone:
            return ""
        number = to_e164("".join(c for c in phone if c.isdigit() or c == "+"))
        if number is None:
            raise forms.ValidationError("Numéro de téléphone invalide.")
        return number

    def clean(self) -> dict[str, Any]:
        # ModelForm.clean returns cleaned_data; the stub allows None for overrides.
        data = cast("dict[str, Any]", super().clean())
        start, end = data.get("start"), data.get("end")
        if start is None:
            return data
        business = Business.objects.current()
        if end is None:
            end = data["end"] = start + timedelta(minutes=business.slot_minutes)
        if end <= start:
            self.add_error("end", "La fin doit être après le début.")
            return data
        if any(moment.minute % 5 or moment.second or moment.microsecond for moment in (start, end)):
            raise forms.ValidationError(
                "Les horaires se règlent de 5 en 5 minutes (10:05, 10:10…)."
            )
        practitioner = data.get("practitioner")
        if practitioner is not None and not handles(practitioner, data.get("motif", "")):
            self.add_error("practitioner", f"{practitioner} ne traite pas ce motif.")
            return data
        if practitioner is None and "practitioner" in self.fields:
            practitioner = data["practitioner"] = first_free(
                business, start, end, data.get("motif", "")
            )
        moving = self.instance.pk is None or {"start", "end", "practitioner"} & set(
            self.changed_data
        )
        if moving:
            clashes = appointment_conflicts(
                business=business,
                start=start,
                end=end,
                exclude_id=self.instance.pk,
                practitioner=practitioner
                or (self.instance.practitioner if self.instance.pk else None),
            )
            if clashes:
                taken = ", ".join(
                    f"{a.name} à {a.start.astimezone(start.tzinfo):%H:%M}" for a in clashes[:3]
                )
                raise forms.ValidationError(
                    f"Ce créneau chevauche un rendez-vous confirmé ({taken})."
                )
        return data


class DayForm(forms.Form):
    # Within reach of the day's neighbours and of UTC: 0001-01-01 or 9999-12-31 overflowed.
    date = forms.DateField(
        label="jour",
        widget=AdminDateWidget,
        validators=[MinValueValidator(date(1901, 1, 1)), MaxValueValidator(date(2999, 12, 31))],
    )


class OpeningHoursFormSet(forms.BaseInlineFormSet):
    """No two periods of one weekday may overlap."""

    model: type[OpeningHours]  # set by the inline's formset factory

    def clean(self) -> None:
        super().clean()
        by_day: dict[int, list[tuple[Any, Any]]] = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if (
                not data
                or data.get("DELETE")
                or data.get("start") is None
                or data.get("end") is None
            ):
                continue
            if data["end"] <= data["start"]:
                form.add_error("end", "La fermeture doit être après l'ouverture.")
                continue
            by_day.setdefault(data["weekday"], []).append((data["start"], data["end"]))
        for weekday, periods in by_day.items():
            periods.sort()
            for (_, first_end), (second_start, _) in zip(periods, periods[1:], strict=False):
                if second_start < first_end:
                    label = dict(self.model.Weekday.choices)[weekday]
                    raise forms.ValidationError(f"Deux plages se chevauchent le {label}.")
