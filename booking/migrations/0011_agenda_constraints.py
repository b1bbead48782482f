"""Overlaps are refused per agenda: two practitioners may be booked at the same time.

The unique constraints move from the business to the practitioner, and on PostgreSQL the
exclusion constraint of 0004 too (same guard, keyed by the practitioner).
"""

import django.db.models.deletion
from django.db import migrations, models


OLD, NEW = "booking_appointment_no_overlap", "booking_appointment_no_overlap_per_agenda"


def exclusion(key: str, name: str) -> str:
    return (
        f"ALTER TABLE booking_appointment ADD CONSTRAINT {name} "
        f"EXCLUDE USING gist ({key} WITH =, tstzrange(start, \"end\", '[)') WITH &&) "
        "WHERE (status = 'confirmed')"
    )


def per_agenda(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE booking_appointment DROP CONSTRAINT IF EXISTS {OLD}")
    schema_editor.execute(exclusion("practitioner_id", NEW))


def per_business(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE booking_appointment DROP CONSTRAINT IF EXISTS {NEW}")
    schema_editor.execute(exclusion("business_id", OLD))


class Migration(migrations.Migration):

    dependencies = [
        ('booking', '0010_implicit_practitioners'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='appointment',
            name='booking_appointment_one_confirmed_per_slot',
        ),
        migrations.RemoveConstraint(
            model_name='bookedcell',
            name='booking_cell_one_holder',
        ),
        migrations.AlterField(
            model_name='appointment',
            name='practitioner',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='appointments', to='booking.practitioner', verbose_name='praticien'),
        ),
        migrations.AlterField(
            model_name='bookedcell',
            name='practitioner',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='booking.practitioner'),
        ),
        migrations.AddIndex(
            model_name='appointment',
            index=models.Index(fields=['practitioner', 'start'], name='booking_appt_practitioner'),
        ),
        migrations.AddConstraint(
            model_name='appointment',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'confirmed')), fields=('practitioner', 'start'), name='booking_appointment_one_confirmed_per_agenda_slot'),
        ),
        migrations.AddConstraint(
            model_name='bookedcell',
            constraint=models.UniqueConstraint(fields=('practitioner', 'start'), name='booking_cell_one_holder_per_agenda'),
        ),
        migrations.RunPython(per_agenda, per_business),
    ]
