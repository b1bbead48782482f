"""The staff groups get French names, as the rest of the back office: « Front desk » becomes
« Accueil », « Manager » becomes « Direction ». Permissions are kept: the groups are renamed."""

from django.db import migrations

NAMES = {"Front desk": "Accueil", "Manager": "Direction"}


def rename(apps, schema_editor, names=NAMES):
    Group = apps.get_model("auth", "Group")
    for old, new in names.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in NAMES.items()})


class Migration(migrations.Migration):
    dependencies = [("conversations", "0010_manager_teaches_the_faq")]

    operations = [migrations.RunPython(rename, rename_back)]
