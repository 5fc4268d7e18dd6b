"""Applying the progression rules (``sessions.progression``) to stored sessions.

The rules are pure; this module reads what they need from the database, runs them when a
session ends, and stores each decision with its reason. A clinician's clearing of a pause is
stored as a decision too, so the next decision starts from a clean slate.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import Q

from clinic.services import alert_progression
from exercises.models import RoutineItem
from exercises.services import record_change
from sessions import progression
from sessions.models import ProgressionDecision, SetLog, WorkoutSession
from sessions.plan import session_plan


def prescription_for(item: RoutineItem) -> progression.Prescription:
    next_stage = item.exercise.next_stage
    return progression.Prescription(
        start=item.progression_start,
        target=item.progression_target,
        step=item.progression_step,
        unit=item.progression_unit,
        next_stage_name=next_stage.name if next_stage else None,
    )


def history_for(item: RoutineItem) -> progression.History:
    """The item's past as the rules need it, from a few small indexed queries."""
    decisions = ProgressionDecision.objects.for_item(item).counted()
    last_step_up = decisions.filter(kind=ProgressionDecision.Kind.STEP_UP).order_by("-day").first()
    recent = list(decisions.values_list("flagged", flat=True)[: progression.FLAGS_THAT_PAUSE])
    streak = next((n for n, flagged in enumerate(recent) if not flagged), len(recent))
    reset = decisions.filter(Q(flagged=True) | Q(decided_by__isnull=False)).first()
    easy = decisions.filter(easy_at_target=True)
    if reset is not None:
        easy = easy.filter(decided_at__gt=reset.decided_at)
    easy_days = easy.order_by("-day").values_list("day", flat=True).distinct()
    return progression.History(
        last_step_up_day=last_step_up.day if last_step_up else None,
        consecutive_flags=streak,
        easy_at_target_days=frozenset(easy_days[: progression.EASY_DAYS_AT_TARGET_FOR_NEXT_STAGE]),
        next_stage_offered=item.next_stage_offered,
        paused=item.paused,
    )


def set_result(log: SetLog) -> progression.SetResult:
    """A logged set as the rules see it: completed means done in full, at its target."""
    at_target = (log.held_seconds or 0) >= (log.target_seconds or 0) and (log.reps_done or 0) >= (
        log.target_reps or 0
    )
    if log.target_reps and log.reps_done is None:
        at_target = log.outcome == SetLog.Outcome.COMPLETED
    return progression.SetResult(
        completed=log.outcome == SetLog.Outcome.COMPLETED and at_target,
        effort=log.effort,
        pain=log.pain,
        reach=log.pain_reach,
        skipped=log.outcome == SetLog.Outcome.SKIPPED,
    )


@transaction.atomic
def apply_progression(session: WorkoutSession) -> list[ProgressionDecision]:
    """Decide and store each active item's next target once ``session`` has finished; then
    raise the clinician's alerts for what was decided (warning signs, pauses, offers)."""
    plan = session_plan(session)
    logs = defaultdict(list)
    for log in session.set_logs.order_by("logged_at", "id"):
        logs[log.routine_item_id].append(log)
    planned = defaultdict(int)
    for slot in plan.slots:
        planned[slot.item_id] += 1
    stored, outcomes = [], []
    has_clinician = session.patient.clinician_id is not None
    for item in plan.items.values():
        result = progression.SessionResult(
            day=session.local_date,
            pain_before=session.pain_before,
            reach_before=session.reach_before,
            pain_after=_worst(session.pain_after, (log.pain for log in logs[item.pk])),
            reach_after=_worst(session.reach_after, (log.pain_reach for log in logs[item.pk])),
            sets=tuple(set_result(log) for log in logs[item.pk]),
            planned_sets=planned[item.pk],
            has_clinician=has_clinician,
        )
        decision = progression.decide(
            prescription_for(item), item.current_target, result, history_for(item)
        )
        stored.append(record_decision(item=item, session=session, decision=decision))
        outcomes.append((item, stored[-1], result))
    alert_progression(session=session, outcomes=outcomes)
    return stored


def _worst(after: int | None, during) -> int | None:
    """The highest pain (or furthest reach) at the end or during the item's sets: pain that
    spread mid-session and settled by the end still counts."""
    values = [value for value in (after, *during) if value is not None]
    return max(values) if values else None


def record_decision(
    *, item: RoutineItem, session: WorkoutSession, decision: progression.Decision
) -> ProgressionDecision:
    from_target = item.current_target
    if item.has_progression:
        item.current_target = decision.new_target
    item.paused = item.paused or decision.kind == progression.PAUSE
    item.next_stage_offered = item.next_stage_offered or decision.offer_next_stage
    item.save(update_fields=["current_target", "paused", "next_stage_offered"])
    return ProgressionDecision.objects.create(
        routine_item=item,
        session=session,
        day=session.local_date,
        kind=decision.kind,
        rule=decision.rule,
        flagged=decision.flagged,
        easy_at_target=decision.easy_at_target,
        from_target=from_target,
        to_target=item.current_target,
        message=decision.message,
    )


@transaction.atomic
def clear_pause(*, item: RoutineItem, by, day) -> ProgressionDecision:
    """A clinician puts a paused item back in the patient's sessions, flags forgiven."""
    item.paused = False
    item.save(update_fields=["paused"])
    record_change(item, by, f"Cleared the pause on {item.exercise}.")
    return ProgressionDecision.objects.create(
        routine_item=item,
        day=day,
        decided_by=by,
        kind=ProgressionDecision.Kind.KEEP,
        rule=ProgressionDecision.CLEARED_BY_CLINICIAN,
        from_target=item.current_target,
        to_target=item.current_target,
        message=f"Your clinician has checked {item.exercise} and put it back in your sessions.",
    )
