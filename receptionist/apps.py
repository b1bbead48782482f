from django.contrib.admin.apps import AdminConfig


class ReceptionistAdminConfig(AdminConfig):
    """Django's admin, on the receptionist's own site (receptionist/admin_site.py)."""

    default_site = "receptionist.admin_site.ReceptionistAdminSite"
