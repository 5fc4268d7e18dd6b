"""A long history built fast with bulk_create, for the scale tests and ``make bench``.

``history_of`` builds exactly the number of set logs asked for: four finished sessions a day,
going back from today, each logging every set of the routine (~14), the newest first. The
numbers drift slowly with age, so a long chart has a shape. ``five_years_of_logs`` is the same
history by years, ~100,000 set logs for five.
"""

import uuid
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from sessions.models import SetLog, WorkoutSession

SESSIONS_A_DAY = 4


def _sets_per_session(items) -> list[tuple[object, int]]:
    """(routine item, set number) for one session: five sets of the first two items, four of
    the others."""
    return [
        (item, set_number)
        for i, item in enumerate(items)
        for set_number in range(1, 6 if i < 2 else 5)
    ]


def history_of(patient, routine, *, sets: int) -> int:
    """Exactly ``sets`` set logs for ``patient``, in finished sessions four a day back from
    today (the last session may be partly logged). Returns the patient's set-log count."""
    items = list(routine.items.select_related("exercise"))
    slots = _sets_per_session(items)
    count = -(-sets // len(slots))  # sessions needed, rounded up
    today, now = patient.local_date(), timezone.now()
    sessions = WorkoutSession.objects.bulk_create(
        WorkoutSession(
            patient=patient,
            routine=routine,
            status=WorkoutSession.Status.FINISHED,
            started_at=now - timedelta(days=n // SESSIONS_A_DAY, hours=n % SESSIONS_A_DAY),
            finished_at=now
            - timedelta(days=n // SESSIONS_A_DAY, hours=n % SESSIONS_A_DAY)
            + timedelta(minutes=30),
            local_date=today - timedelta(days=n // SESSIONS_A_DAY),
            pain_before=max(0, 6 - n // 1600),
            reach_before=max(0, 4 - n // 2000),
            pain_after=max(0, 5 - n // 1600),
            reach_after=max(0, 3 - n // 2400),
        )
        for n in range(count)
    )
    logs = (
        SetLog(
            client_id=uuid.uuid4(),
            session_id=session.pk,
            routine_item_id=item.pk,
            exercise_id=item.exercise_id,
            set_number=set_number,
            outcome=SetLog.Outcome.COMPLETED,
            target_seconds=10 + n % 20,
            held_seconds=9 + n % 20,
            target_reps=2,
            reps_done=2,
            logged_at=session.started_at + timedelta(minutes=1 + k),
        )
        for n, session in enumerate(sessions)
        for k, (item, set_number) in enumerate(slots)
    )
    SetLog.objects.bulk_create(
        (log for _, log in zip(range(sets), logs, strict=False)), batch_size=2000
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # planner statistics for the rows just loaded
            cursor.execute(f"ANALYZE {SetLog._meta.db_table}, {WorkoutSession._meta.db_table}")
    return SetLog.objects.filter(session__patient=patient).count()


def five_years_of_logs(patient, routine, *, years: int = 5) -> int:
    """Four finished sessions a day for ``years`` years, ~14 sets each: ~100,000 set logs."""
    items = list(routine.items.all())
    per_day = SESSIONS_A_DAY * len(_sets_per_session(items))
    return history_of(patient, routine, sets=years * 365 * per_day)


def ten_logs(patient, routine) -> None:
    """One finished session with ten sets of the routine's first item."""
    session = WorkoutSession.objects.create(
        patient=patient,
        routine=routine,
        local_date=patient.local_date(),
        pain_before=3,
        reach_before=2,
        status="finished",
        pain_after=2,
        reach_after=1,
    )
    item = routine.items.first()
    SetLog.objects.bulk_create(
        SetLog(
            client_id=uuid.uuid4(),
            session=session,
            routine_item=item,
            exercise=item.exercise,
            set_number=n,
            outcome="completed",
        )
        for n in range(1, 11)
    )
