"""A long history built fast with bulk_create, for the scale tests and ``make bench``."""

import uuid
from datetime import timedelta

from django.utils import timezone

from sessions.models import SetLog, WorkoutSession


def five_years_of_logs(patient, routine, *, years: int = 5) -> int:
    """Four finished sessions a day for ``years`` years, ~14 sets each: ~100,000 set logs."""
    items = list(routine.items.select_related("exercise"))
    today, now = patient.local_date(), timezone.now()
    sessions = WorkoutSession.objects.bulk_create(
        WorkoutSession(
            patient=patient,
            routine=routine,
            status=WorkoutSession.Status.FINISHED,
            started_at=now - timedelta(days=back, hours=k),
            local_date=today - timedelta(days=back),
            pain_before=6 - back // 400,
            reach_before=4 - back // 500,
            pain_after=5 - back // 400,
            reach_after=3 - back // 600,
        )
        for back in range(years * 365)
        for k in range(4)
    )
    SetLog.objects.bulk_create(
        (
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
            )
            for n, session in enumerate(sessions)
            for i, item in enumerate(items)
            for set_number in range(1, 6 if i < 2 else 5)
        ),
        batch_size=2000,
    )
    return SetLog.objects.filter(session__patient=patient).count()


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
