"""The database keeps each day's best itself: a trigger on the set log's insert.

Before, ``log_set`` ran the upsert after the insert, both in one transaction: four statements
for one set. The trigger runs the same upsert inside the insert, so storing a set is one
statement, atomic on its own, and every insert counts, whoever makes it (``bulk_create``
included). Only sets done or stopped count; skipped ones are left out, as the charts leave
them out. Each number is the greater of the stored and the new one, so a late set (sent after
its session finished) still lands on its session's day and a retry changes nothing.
"""

from django.db import migrations

NAME = "workout_sessions_setlog_daily_best"
BEST = "workout_sessions_dailybest"
NUMBERS = ("target_seconds", "held_seconds", "target_reps", "reps_done")


def upsert(greater: str) -> str:
    """The upsert of NEW into its day's best; ``greater(stored, new)`` as the vendor writes it."""
    updates = ", ".join(
        f"{name} = {greater.format(stored=f'{BEST}.{name}', new=f'excluded.{name}')}"
        for name in NUMBERS
    )
    return (
        f"INSERT INTO {BEST} (patient_id, day, exercise_id, {', '.join(NUMBERS)}) "
        f"SELECT ws.patient_id, ws.local_date, NEW.exercise_id, "
        f"{', '.join(f'NEW.{name}' for name in NUMBERS)} "
        "FROM workout_sessions_workoutsession AS ws WHERE ws.id = NEW.session_id "
        f"ON CONFLICT (patient_id, day, exercise_id) DO UPDATE SET {updates};"
    )


COUNTED = "NEW.outcome IN ('completed', 'stopped')"
# SQLite's two-argument MAX is NULL when either is; COALESCE keeps the number that is there.
SQLITE_GREATER = "MAX(COALESCE({stored}, {new}), COALESCE({new}, {stored}))"
# PostgreSQL's GREATEST skips a NULL by itself.
POSTGRESQL_GREATER = "GREATEST({stored}, {new})"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER {NAME} AFTER INSERT ON workout_sessions_setlog WHEN {COUNTED} "
            f"BEGIN {upsert(SQLITE_GREATER)} END"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            f"CREATE FUNCTION {NAME}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {upsert(POSTGRESQL_GREATER)} RETURN NULL; END; $$"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {NAME} AFTER INSERT ON workout_sessions_setlog "
            f"FOR EACH ROW WHEN ({COUNTED}) EXECUTE FUNCTION {NAME}()"
        )
    else:
        raise NotImplementedError(f"No daily-best trigger is written for {vendor}.")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {NAME}")
    else:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {NAME} ON workout_sessions_setlog")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {NAME}()")


class Migration(migrations.Migration):
    dependencies = [("workout_sessions", "0007_daily_best")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
