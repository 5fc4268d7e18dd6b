"""Each patient's best per exercise and day (``DailyBest``), kept up to date as sets arrive.

The history charts draw the highest target and the best done of each day (or week). Reading
those from every set log costs more the longer the history; reading one row per exercise and
day costs the same at ten sets and at a hundred thousand.

``count`` folds one new set into its row in a single statement: an insert, or on a clash the
greater of the stored and the new number, field by field. So it is safe under concurrent
requests, a retry changes nothing, and a set that arrives late (after its session finished,
from the offline queue) still lands on its session's day. Skipped sets are not counted, as the
charts leave them out. ``rebuild`` recomputes a patient's rows from their set logs (for data
loaded in bulk); the migration that made the table did the same for every patient.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import Max

from sessions.models import DailyBest, Patient, SetLog

COUNTED = (SetLog.Outcome.COMPLETED, SetLog.Outcome.STOPPED)
NUMBERS = ("target_seconds", "held_seconds", "target_reps", "reps_done")


def count(log: SetLog) -> None:
    """Fold ``log`` into its patient's best of its exercise on its session's day."""
    if log.outcome not in COUNTED:
        return
    session = log.session
    table = connection.ops.quote_name(DailyBest._meta.db_table)
    greatest = "MAX" if connection.vendor == "sqlite" else "GREATEST"
    # COALESCE on both sides: SQLite's MAX of a NULL is NULL, PostgreSQL's GREATEST skips it.
    updates = ", ".join(
        f"{name} = {greatest}(COALESCE({table}.{name}, excluded.{name}), "
        f"COALESCE(excluded.{name}, {table}.{name}))"
        for name in NUMBERS
    )
    sql = (
        f"INSERT INTO {table} (patient_id, day, exercise_id, {', '.join(NUMBERS)}) "
        f"VALUES (%s, %s, %s, {', '.join(['%s'] * len(NUMBERS))}) "
        f"ON CONFLICT (patient_id, day, exercise_id) DO UPDATE SET {updates}"
    )
    params = [session.patient_id, session.local_date, log.exercise_id]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *(getattr(log, name) for name in NUMBERS)])


def best_rows(set_logs):
    """The ``DailyBest`` numbers of ``set_logs``, one dict per patient, day and exercise."""
    return (
        set_logs.filter(outcome__in=COUNTED)
        .values("session__patient_id", "session__local_date", "exercise_id")
        .annotate(**{name: Max(name) for name in NUMBERS})
        .order_by()
    )


@transaction.atomic
def rebuild(patient: Patient) -> int:
    """Recompute ``patient``'s rows from their set logs; returns how many there are."""
    DailyBest.objects.filter(patient=patient).delete()
    rows = best_rows(SetLog.objects.for_patient(patient))
    made = DailyBest.objects.bulk_create(
        (
            DailyBest(
                patient_id=row["session__patient_id"],
                day=row["session__local_date"],
                exercise_id=row["exercise_id"],
                **{name: row[name] for name in NUMBERS},
            )
            for row in rows.iterator(chunk_size=2000)
        ),
        batch_size=2000,
    )
    return len(made)
