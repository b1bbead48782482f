"""« Manager » may add a phrasing to an FAQ entry (``faq.add_phrasing``), nothing more: a
question the FAQ missed, read in the report, becomes a phrasing of the entry the manager picks.

The permission is created here first, as in 0004, so that the group gets it on a fresh database.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

MANAGER = "Manager"
CODENAME = "add_phrasing"


def _permission(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="faq", codename=CODENAME).first()


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("faq"), apps=apps, verbosity=0)
    manager = apps.get_model("auth", "Group").objects.filter(name=MANAGER).first()
    permission = _permission(apps)
    if manager is not None and permission is not None:
        manager.permissions.add(permission)


def revoke(apps, schema_editor):
    manager = apps.get_model("auth", "Group").objects.filter(name=MANAGER).first()
    permission = _permission(apps)
    if manager is not None and permission is not None:
        manager.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0009_conversation_client"),
        ("faq", "0002_add_phrasing_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
