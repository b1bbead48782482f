"""The staff groups' rights on messages: the front desk resends, rewrites and sets them; the
management reads them."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

FRONT_DESK_RIGHTS = {
    "notification": ("view", "change"),  # change: resend
    "messagetemplate": ("view", "add", "change", "delete"),
    "notificationpolicy": ("view", "add", "change"),
    "smssuppression": ("view", "add", "delete"),
    "selfserviceaction": ("view",),
}


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("notifications"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="notifications")
    front_desk = Group.objects.filter(name="Accueil").first()
    if front_desk is not None:
        for model, actions in FRONT_DESK_RIGHTS.items():
            front_desk.permissions.add(
                *ours.filter(codename__in=[f"{action}_{model}" for action in actions])
            )
    manager = Group.objects.filter(name="Direction").first()
    if manager is not None:
        manager.permissions.add(*ours.filter(codename__startswith="view_"))


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("conversations", "0011_french_group_names"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
