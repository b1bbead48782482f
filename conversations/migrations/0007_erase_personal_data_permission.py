"""The right to export and erase a person's data, given to « Manager » (the data controller).

The permission is created here first, as in 0004, so that the group gets it on a fresh database.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

MANAGER = "Manager"
CODENAME = "erase_personal_data"


def _permission(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="conversations", codename=CODENAME
    ).first()


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("conversations"), apps=apps, verbosity=0)
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
        ("conversations", "0006_conversation_french_labels"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="conversation",
            options={
                "ordering": ["-created_at"],
                "permissions": [
                    ("view_report", "Peut consulter les rapports de conversion"),
                    (
                        "erase_personal_data",
                        "Peut exporter et effacer les données d'une personne",
                    ),
                ],
                "verbose_name": "conversation",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
