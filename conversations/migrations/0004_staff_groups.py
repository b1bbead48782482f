"""The two staff groups: « Front desk » runs the day, « Manager » reads everything and the reports.

Permissions are normally created after all migrations ran; they are created here first so that
the groups get them on a fresh database too. Re-running only adds what is missing.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

FRONT_DESK = "Front desk"
MANAGER = "Manager"

# (app label, model): the actions front desk staff may take on it.
FRONT_DESK_RIGHTS = {
    ("booking", "appointment"): ("view", "add", "change"),
    ("booking", "business"): ("view", "change"),
    ("booking", "openinghours"): ("view", "add", "change", "delete"),
    ("booking", "closure"): ("view", "add", "change", "delete"),
    ("booking", "motif"): ("view", "add", "change", "delete"),
    ("booking", "calendarchange"): ("view",),
    ("faq", "faqentry"): ("view", "add", "change", "delete"),
    ("conversations", "prompt"): ("view", "add", "change", "delete"),
    ("conversations", "conversation"): ("view",),
    ("conversations", "turn"): ("view",),
}
MANAGED_APPS = ("booking", "faq", "conversations")


def create_groups(apps, schema_editor):
    for label in (*MANAGED_APPS, "auth", "contenttypes"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    front_desk, _ = Group.objects.get_or_create(name=FRONT_DESK)
    for (app_label, model), actions in FRONT_DESK_RIGHTS.items():
        front_desk.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )

    manager, _ = Group.objects.get_or_create(name=MANAGER)
    manager.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=MANAGED_APPS, codename__startswith="view_"
        )
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[FRONT_DESK, MANAGER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("booking", "0004_appointment_no_overlap_postgresql"),
        ("faq", "0001_initial"),
        ("conversations", "0003_conversation_view_report"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
