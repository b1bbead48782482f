from django.urls import path

from booking.apis import AppointmentListApi

app_name = "booking"

urlpatterns = [
    path("appointments", AppointmentListApi.as_view(), name="appointment-list"),
]
