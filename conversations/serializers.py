"""The turn payload as the APIs describe it: the web chat answers it, the staff API extends it."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers, lists and objects instead of turning them into text."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class PractitionerSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The practitioner's id in the business profile.")
    name = serializers.CharField()


class SlotSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    # The payload's `label`: DRF's metaclass moves declared fields off the class, so this does
    # not replace Field.label at runtime, as the stub assumes.
    label = serializers.CharField()  # type: ignore[assignment]
    practitioner = PractitionerSerializer(
        required=False, allow_null=True, help_text="Only for a business with practitioners."
    )


class AppointmentSerializer(serializers.Serializer):
    id = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    name = serializers.CharField()
    phone = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    motif = serializers.CharField(allow_blank=True)
    status = serializers.CharField()
    channel = serializers.CharField()
    practitioner = PractitionerSerializer(
        allow_null=True, help_text="Null for a business with a single agenda."
    )
    duration_minutes = serializers.IntegerField()
    address = serializers.CharField(allow_blank=True, help_text="The business's address.")
    calendar_url = serializers.CharField(
        allow_null=True,
        help_text="Path of the appointment's .ics (signed token); null once cancelled or moved.",
    )


class TurnSerializer(serializers.Serializer):
    conversation_id = serializers.CharField()
    reply = serializers.CharField()
    state = serializers.CharField()
    intent = serializers.CharField()
    slots = SlotSerializer(many=True, allow_null=True)
    appointment = AppointmentSerializer(allow_null=True)
    faq_id = serializers.CharField(allow_null=True)
    transfer = serializers.BooleanField()
    ended = serializers.BooleanField()
    faq_question = serializers.CharField(
        allow_null=True,
        required=False,
        help_text="The question of the entry `faq_id` names, as staff wrote it (what the "
        "widget shows as the source); null without `faq_id`.",
    )
