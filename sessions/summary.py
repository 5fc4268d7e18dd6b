"""What a finished session amounts to, for the summary page."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from sessions.models import PainReach, SetLog, WorkoutSession
from sessions.plan import session_plan


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
        "items": session.routine.items.select_related("exercise").annotate(
            decision_message=Subquery(
                session.decisions.filter(routine_item=OuterRef("pk")).values("message")[:1]
            )
        ),
    }
