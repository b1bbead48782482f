"""Appointments get a random public id: sequential primary keys are never shown outside."""

import uuid

from django.db import migrations, models


def fill_public_ids(apps, schema_editor):
    Appointment = apps.get_model("booking", "Appointment")
    for appointment in Appointment.objects.filter(public_id__isnull=True).only("pk").iterator():
        Appointment.objects.filter(pk=appointment.pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("booking", "0004_appointment_no_overlap_postgresql")]

    operations = [
        migrations.AddField(
            model_name="appointment",
            name="public_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="appointment",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
