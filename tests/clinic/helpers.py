"""Sessions done through the patient's own services, for the clinic's tests."""

import uuid

from sessions.plan import session_plan
from sessions.services import finish_session, log_set, start_session


def do_session(
    patient,
    *,
    pain_before: int = 3,
    reach_before: int = 2,
    pain_after: int = 3,
    reach_after: int = 2,
    effort: str = "easy",
):
    """Start, do every set in full with the given check-in, and finish a session."""
    session = start_session(patient=patient, pain=pain_before, reach=reach_before)
    plan = session_plan(session)
    for slot in plan.slots:
        item = plan.items[slot.item_id]
        dose = item.next_dose
        log_set(
            session=session,
            item=item,
            client_id=uuid.uuid4(),
            set_number=slot.set_number,
            side=slot.side,
            outcome="completed",
            held_seconds=(
                dose.duration_minutes * 60 if dose.kind == "duration" else dose.hold_seconds
            ),
            reps_done=dose.reps,
            effort=effort,
            pain=pain_after,
            pain_reach=reach_after,
        )
    return finish_session(session=session, pain=pain_after, reach=reach_after)
