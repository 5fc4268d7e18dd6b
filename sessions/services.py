"""One function per patient action that writes more than one row. Views stay thin."""

from __future__ import annotations

import uuid
from contextlib import nullcontext
from datetime import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from clinic.services import alert_red_flag
from exercises.models import Cause, Routine, RoutineItem
from exercises.services import assign_template_routine
from sessions.models import DeletedAccount, Patient, SafetyCheck, SetLog, WorkoutSession
from sessions.plan import session_plan, slot_targets
from sessions.progress import apply_progression


class SessionError(Exception):
    """An action the patient asked for that cannot be done; the message says why."""


class SessionStopped(SessionError):
    """A warning sign was reported (on any device): the open session stops at once."""


ON_HOLD = (
    "Sessions are on hold: you answered yes to a warning sign in the safety check. "
    "Please get medical advice."
)


def ensure_not_on_hold(session: WorkoutSession, done_at: datetime | None = None) -> None:
    """Refuse while a red flag stands, except a set that was done before it was reported."""
    since = on_hold_since(session)
    if since is None or (done_at is not None and done_at < since):
        return
    raise SessionStopped(ON_HOLD)


def on_hold_since(session: WorkoutSession) -> datetime | None:
    """When the red flag standing now was reported, or None: a session fetched
    ``with_hold()`` carries the answer; any other costs one look."""
    if hasattr(session, "on_hold_since"):
        return session.on_hold_since
    status = session.patient.safety_status()
    return status.latest.answered_at if status.blocked else None


@transaction.atomic
def enroll_patient(
    *,
    user,
    cause: Cause,
    affected_side: str = "both",
    time_zone: str | None = None,
    clinician=None,
) -> Patient:
    """Make ``user`` a patient with their own copy of the cause's template routine."""
    patient, _ = Patient.objects.update_or_create(
        user=user,
        defaults={
            "cause": cause,
            "affected_side": affected_side,
            "clinician": clinician,
            **({"time_zone": time_zone} if time_zone else {}),
        },
    )
    assign_template_routine(patient_user=user, cause=cause)
    return patient


@transaction.atomic
def record_safety_check(*, patient: Patient, answers: dict[str, bool]) -> SafetyCheck:
    """Store the answers; any yes blocks sessions until a doctor or the clinician clears it,
    and raises an alert for the clinician."""
    check = SafetyCheck.objects.create(patient=patient, red_flag=any(answers.values()), **answers)
    if check.red_flag:
        alert_red_flag(check)
    return check


def start_session(*, patient: Patient, pain: int, reach: int) -> WorkoutSession:
    status = patient.safety_status()
    if not status.ok:
        raise SessionError("Answer the safety check before you start.")
    now = timezone.now()
    in_progress = WorkoutSession.objects.filter(
        patient=patient,
        local_date=patient.local_date(now),
        status=WorkoutSession.Status.IN_PROGRESS,
    ).first()
    if in_progress is not None:  # a double tap, or Start on a second device
        return in_progress
    return WorkoutSession.objects.create(
        patient=patient,
        routine=patient.user.routine,
        started_at=now,
        local_date=patient.local_date(now),
        pain_before=pain,
        reach_before=reach,
    )


def log_set(
    *,
    session: WorkoutSession,
    item: RoutineItem,
    client_id: uuid.UUID,
    set_number: int,
    side: str,
    outcome: str,
    held_seconds: int | None = None,
    reps_done: int | None = None,
    effort: str = "",
    pain: int | None = None,
    pain_reach: int | None = None,
    stop_reason: str = "",
    started_at: datetime | None = None,
    finished_at: datetime | None = None,
) -> tuple[SetLog, bool]:
    """Store one set exactly once. Returns the row and whether this call created it.

    A set that arrives after the session finished (it waited offline) is still stored: a
    set the patient did is never lost. The progression decided at the end is not redone.

    A retry with the same ``client_id`` returns the stored row. A second tab or device logging
    a slot that is already logged gets the existing row too: a set can never be doubled. A set
    stopped early is only that set: the patient then chooses to rest and go on, skip the
    rest of the exercise (``skip_item``) or end the session.

    While a red flag stands the set is refused, unless it was done before the flag, or it is
    stored already (a retry whose first answer was lost).

    The insert comes first and the unique constraints (``client_id``, one log per slot) tell a
    repeat, so a new set costs the insert only (the hold comes with the session, ``with_hold``;
    the day's best is kept by a trigger inside the insert, ``sessions.daily``). Being one
    statement, the insert needs no transaction of its own; inside one (a caller's), a
    savepoint keeps a clash from spoiling it.
    """
    try:
        ensure_not_on_hold(session, finished_at)
    except SessionStopped:
        if (stored := _stored_set(session, item, client_id, set_number, side)) is not None:
            return stored, False
        raise
    target_seconds, target_reps = slot_targets(item)
    guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
    try:
        with guard:
            log = SetLog.objects.create(
                client_id=client_id,
                session=session,
                routine_item=item,
                exercise_id=item.exercise_id,
                set_number=set_number,
                side=side,
                outcome=outcome,
                target_seconds=target_seconds,
                held_seconds=held_seconds,
                target_reps=target_reps,
                reps_done=reps_done,
                effort=effort,
                pain=pain,
                pain_reach=pain_reach,
                stop_reason=stop_reason,
                started_at=started_at,
                finished_at=finished_at,
            )
    except IntegrityError:
        # Sent before (same client_id), or the slot was logged from another tab or device.
        if (stored := _stored_set(session, item, client_id, set_number, side)) is not None:
            return stored, False
        raise
    return log, True


def _stored_set(
    session: WorkoutSession, item: RoutineItem, client_id: uuid.UUID, set_number: int, side: str
) -> SetLog | None:
    """The row already stored for this client_id, or else for this slot of the session."""
    stored = SetLog.objects.filter(client_id=client_id).first()
    if stored is not None and stored.session_id != session.pk:
        raise SessionError("That set id belongs to another session.")
    return (
        stored
        or SetLog.objects.filter(
            session=session, routine_item=item, set_number=set_number, side=side
        ).first()
    )


@transaction.atomic
def skip_item(*, session: WorkoutSession, item: RoutineItem) -> int:
    """Log every slot of ``item`` not yet logged in this session as skipped."""
    if session.is_finished:
        raise SessionError("This session has already finished.")
    ensure_not_on_hold(session)
    plan = session_plan(session)
    target_seconds, target_reps = slot_targets(item)
    skipped = [
        SetLog(
            client_id=uuid.uuid4(),
            session=session,
            routine_item=item,
            exercise=item.exercise,
            set_number=slot.set_number,
            side=slot.side,
            outcome=SetLog.Outcome.SKIPPED,
            target_seconds=target_seconds,
            target_reps=target_reps,
        )
        for slot in plan.slots
        if slot.item_id == item.pk and slot.key not in plan.logged
    ]
    SetLog.objects.bulk_create(skipped, ignore_conflicts=True)
    return len(skipped)


@transaction.atomic
def finish_session(*, session: WorkoutSession, pain: int, reach: int) -> WorkoutSession:
    """Close the session with pain after; then the progression rules run for each item."""
    patient = session.patient
    session = WorkoutSession.objects.select_for_update().get(pk=session.pk)
    session.patient = patient
    if session.is_finished:
        return session
    ensure_not_on_hold(session)
    session.status = WorkoutSession.Status.FINISHED
    session.finished_at = timezone.now()
    session.pain_after = pain
    session.reach_after = reach
    session.save(update_fields=["status", "finished_at", "pain_after", "reach_after"])
    apply_progression(session)
    return session


@transaction.atomic
def delete_patient_account(*, patient: Patient) -> DeletedAccount:
    """Delete the patient's account and every row of their personal and health data.

    What stays: the access records (snapshots without health data) and one ``DeletedAccount``
    row, so their clinician sees that the patient left. The catalog is untouched: logs point at
    exercises with PROTECT, and deleting a log never deletes an exercise. Sessions go before the
    routine because a session protects the routine it followed.
    """
    user = patient.user
    routines = list(Routine.objects.filter(patient=user).values_list("pk", flat=True))
    tombstone = DeletedAccount.objects.create(
        patient_pk=patient.pk, username=user.get_username(), clinician_id=patient.clinician_id
    )
    for model, pks in ((Patient, [patient.pk]), (Routine, routines), (type(user), [user.pk])):
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in pks],
        ).delete()
    patient.sessions.all().delete()
    Routine.objects.filter(pk__in=routines).delete()
    user.delete()
    return tombstone
