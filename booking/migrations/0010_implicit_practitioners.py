"""Every business gets its implicit practitioner, and every appointment and held cell its
agenda: the one agenda the business had before practitioners."""

from django.db import migrations


def forwards(apps, schema_editor):
    Business = apps.get_model("booking", "Business")
    Practitioner = apps.get_model("booking", "Practitioner")
    Appointment = apps.get_model("booking", "Appointment")
    BookedCell = apps.get_model("booking", "BookedCell")
    for business in Business.objects.all():
        agenda, _ = Practitioner.objects.get_or_create(
            business=business,
            implicit=True,
            defaults={"key": "_agenda", "name": business.name or "Agenda"},
        )
        Appointment.objects.filter(business=business, practitioner__isnull=True).update(
            practitioner=agenda
        )
        BookedCell.objects.filter(business=business, practitioner__isnull=True).update(
            practitioner=agenda
        )


class Migration(migrations.Migration):
    dependencies = [("booking", "0009_practitioners")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
