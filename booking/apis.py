"""Staff API: the appointments of a period (DRF token or staff session)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from booking.models import Appointment, Business
from booking.selectors import appointments_between
from receptionist.lib.openapi import RETRY_AFTER, error_responses
from receptionist.lib.params import query_params

MAX_WINDOW_DAYS = 366
# What LenientDateTimeField accepts, for the schema.
YEARS_1901_2999 = r"^(19(0[1-9]|[1-9][0-9])|2[0-9]{3})-"
APPOINTMENT_EXAMPLE = {
    "id": "5f0c7a2e-8d1b-4c3e-9a6f-2b7d1e4c9a08",
    "start": "2026-11-24T09:00:00+01:00",
    "end": "2026-11-24T10:00:00+01:00",
    "name": "Jean Dupont",
    "phone": "+33612345678",
    "email": "",
    "motif": "vidange",
    "status": "confirmed",
    "channel": "voice",
    "practitioner": None,
}


class LenientDateTimeField(serializers.DateTimeField):
    """Accepts « +01:00 » offsets that arrived unencoded in a query string (« 01:00 » after a space)."""

    def to_internal_value(self, value: Any) -> datetime:
        if isinstance(value, str):
            value = value.strip().replace(" ", "+")
        result = super().to_internal_value(value)
        if not 1900 < result.year < 3000:
            raise serializers.ValidationError("Date out of range.")
        return result


class AppointmentListApi(APIView):
    required_permissions = ("booking.view_appointment",)

    class FilterSerializer(serializers.Serializer):
        from_ = LenientDateTimeField(required=False)
        to = LenientDateTimeField(required=False)

        def get_fields(self) -> dict[str, serializers.Field]:
            fields = super().get_fields()
            fields["from"] = fields.pop("from_")
            return fields

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            now = timezone.now()
            start = attrs.get("from") or now - timedelta(days=1)
            end = attrs.get("to") or start + timedelta(days=60)
            if end <= start:
                raise serializers.ValidationError("'to' must be after 'from'.")
            if end - start > timedelta(days=MAX_WINDOW_DAYS):
                raise serializers.ValidationError(
                    f"The window is limited to {MAX_WINDOW_DAYS} days."
                )
            return {"start": start, "end": end}

    @extend_schema_serializer(component_name="StaffAppointment")
    class OutputSerializer(serializers.ModelSerializer):
        id = serializers.CharField(source="public_id")
        start = serializers.SerializerMethodField()
        end = serializers.SerializerMethodField()
        practitioner = serializers.SerializerMethodField()

        class Meta:
            model = Appointment
            fields = [
                *("id", "start", "end", "name", "phone", "email", "motif", "status"),
                *("channel", "practitioner"),
            ]

        @extend_schema_field(
            {
                "type": "object",
                "nullable": True,
                "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
                "description": "Null for a business with a single agenda.",
            }
        )
        def get_practitioner(self, obj: Appointment) -> dict[str, str] | None:
            if obj.practitioner.implicit:
                return None
            return {"id": obj.practitioner.key, "name": obj.practitioner.name}

        def _local(self, moment: datetime) -> str:
            return moment.astimezone(self.context["tz"]).isoformat()

        @extend_schema_field(OpenApiTypes.DATETIME)
        def get_start(self, obj: Appointment) -> str:
            return self._local(obj.start)

        @extend_schema_field(OpenApiTypes.DATETIME)
        def get_end(self, obj: Appointment) -> str:
            return self._local(obj.end)

    @extend_schema(
        operation_id="appointments_list",
        summary="Appointments starting in a period (staff only), in the business's time zone.",
        parameters=[
            OpenApiParameter(
                "from",
                OpenApiTypes.DATETIME,
                pattern=YEARS_1901_2999,
                description="ISO 8601 start (default: yesterday).",
            ),
            OpenApiParameter(
                "to",
                OpenApiTypes.DATETIME,
                pattern=YEARS_1901_2999,
                description="ISO 8601 end, after `from` and at most 366 days from it "
                "(default: 60 days after `from`).",
            ),
            RETRY_AFTER,
        ],
        responses={
            200: OpenApiResponse(
                OutputSerializer(many=True), description="In the business's time zone."
            ),
            **error_responses(400, 401, 403, 429, invalid=("from", "Datetime has wrong format.")),
        },
        examples=[
            OpenApiExample(
                "one appointment",
                value=APPOINTMENT_EXAMPLE,
                response_only=True,
                status_codes=[200],
            )
        ],
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=query_params(request))
        filters.is_valid(raise_exception=True)
        business = Business.objects.current()
        rows = appointments_between(business=business, **filters.validated_data).select_related(
            "practitioner"
        )
        context = {"tz": business.zone}
        return Response(self.OutputSerializer(rows, many=True, context=context).data)
