from django.urls import path

from booking.apis import AppointmentListApi
from booking.notifications.apis import SmsInboundApi
from booking.views import appointment_calendar_file

app_name = "booking"

urlpatterns = [
    path("appointments", AppointmentListApi.as_view(), name="appointment-list"),
    path("sms/inbound", SmsInboundApi.as_view(), name="sms-inbound"),
    path(
        "appointments/calendar/<str:token>.ics",
        appointment_calendar_file,
        name="appointment-calendar",
    ),
]
