from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = "Rendez-vous"
    default_auto_field = "django.db.models.BigAutoField"
