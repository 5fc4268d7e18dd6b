"""What a finished session amounts to, for the summary page."""

from __future__ import annotations

from dataclasses import dataclass

from exercises.models import DoseKind, DoseValues
from sessions.models import PainReach, SetLog, WorkoutSession
from sessions.plan import session_plan


@dataclass(frozen=True)
class ItemDone:
    """One exercise of a finished session: the dose it was done at then, and the decision."""

    name: str
    dose: DoseValues
    decision_message: str


def dose_done(logs: list[SetLog]) -> DoseValues:
    """The dose a session's sets of one exercise were done at, from their own targets."""
    first = logs[0]
    sets = max(log.set_number for log in logs)
    if first.target_reps is None:
        minutes = (first.target_seconds or 0) // 60
        return DoseValues(DoseKind.DURATION, None, 1, sets, 0, minutes)
    if first.target_seconds is None:
        return DoseValues(DoseKind.REPS, None, first.target_reps, sets, 0, None)
    return DoseValues(DoseKind.HOLD, first.target_seconds, first.target_reps, sets, 0, None)


def items_done(session: WorkoutSession) -> list[ItemDone]:
    """Each exercise of the session in routine order, with its own dose and decision then."""
    by_item: dict[int | None, list[SetLog]] = {}
    for log in session.set_logs.select_related("exercise", "routine_item").order_by("id"):
        by_item.setdefault(log.routine_item_id, []).append(log)
    decisions = dict(session.decisions.values_list("routine_item_id", "message"))

    def routine_order(logs: list[SetLog]) -> tuple[bool, int]:
        item = logs[0].routine_item  # None once a clinician removed it: last
        return (item is None, item.order if item else 0)

    ordered = sorted(by_item.values(), key=routine_order)
    return [
        ItemDone(
            name=logs[0].exercise.name,
            dose=dose_done(logs),
            decision_message=decisions.get(logs[0].routine_item_id, ""),
        )
        for logs in ordered
    ]


def reach_trend(before: int | None, after: int | None) -> str:
    """ "centralizing" when the pain now stops nearer the spine, "spreading" when further."""
    if before is None or after is None or before == after:
        return "unchanged"
    return "centralizing" if after < before else "spreading"


def session_summary(session: WorkoutSession) -> dict[str, object]:
    plan = session_plan(session)
    logs = session.set_logs.select_related("exercise")
    return {
        "session": session,
        "sets_done": plan.completed,
        "sets_planned": len(plan.slots),
        "stopped": [log for log in logs if log.outcome == SetLog.Outcome.STOPPED],
        "reach_before": PainReach(session.reach_before).label,
        "reach_after": PainReach(session.reach_after).label
        if session.reach_after is not None
        else "",
        "trend": reach_trend(session.reach_before, session.reach_after),
        "pain_change": (session.pain_after or 0) - session.pain_before,
        "items": items_done(session),
    }
