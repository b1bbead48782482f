from django.apps import AppConfig
from django.conf import settings


class BookingConfig(AppConfig):
    name = "booking"
    # Not « Rendez-vous »: the breadcrumb would read « Rendez-vous › Rendez-vous ».
    verbose_name = "Prise de rendez-vous"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Decode the Google key at start-up: a bad key stops the process now, with a message
        # that never quotes it, rather than failing on the first booking.
        if settings.GOOGLE_SERVICE_ACCOUNT_BASE64:
            from booking.calendars import service_account_info

            service_account_info(settings.GOOGLE_SERVICE_ACCOUNT_BASE64)
