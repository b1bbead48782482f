from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "booking.notifications"
    label = "notifications"
    verbose_name = "Confirmations et rappels"
    default_auto_field = "django.db.models.BigAutoField"
