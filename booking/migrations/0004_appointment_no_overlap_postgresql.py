"""On PostgreSQL, the database itself refuses two confirmed appointments that overlap.

An exclusion constraint over the time range (btree_gist for the business column). SQLite has
no such constraint: there, BookedCell's unique cells do the same job, inside the serialized
write transaction.
"""

from django.db import migrations

CONSTRAINT = "booking_appointment_no_overlap"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE booking_appointment ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (business_id WITH =, tstzrange(start, \"end\", '[)') WITH &&) "
        "WHERE (status = 'confirmed')"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE booking_appointment DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("booking", "0003_calendarhealth_appointment_sync_status_and_more")]

    operations = [migrations.RunPython(forwards, backwards)]
