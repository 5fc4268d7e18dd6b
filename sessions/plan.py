"""A session's plan: its slots from the routine's active items, and what is logged so far."""

from __future__ import annotations

from dataclasses import dataclass

from exercises.models import DoseKind, RoutineItem
from sessions import steps
from sessions.models import SetLog, WorkoutSession


@dataclass(frozen=True)
class SessionPlan:
    """The slots of a session with the routine items they belong to, and what is logged."""

    items: dict[int, RoutineItem]
    slots: list[steps.Slot]
    logged: dict[tuple[int, int, str], str]  # slot key -> outcome

    @property
    def next_slot(self) -> steps.Slot | None:
        return steps.next_slot(self.slots, set(self.logged))

    @property
    def completed(self) -> int:
        return sum(outcome == SetLog.Outcome.COMPLETED for outcome in self.logged.values())

    def item_number(self, item_id: int) -> int:
        return list(self.items).index(item_id) + 1


def session_plan(session: WorkoutSession) -> SessionPlan:
    """The session's slots from its routine's active items, and which are already logged."""
    items = {
        item.pk: item
        for item in session.routine.items.active()
        .select_related("exercise")
        .prefetch_related("exercise__steps")
    }
    affected = session.patient.affected_side
    slots = steps.plan_slots(
        steps.PlannedItem(
            item_id=item.pk,
            kind=item.dose_kind,
            sets=item.sets,
            sides=steps.sides_for(item.exercise.sidedness, affected),
        )
        for item in items.values()
    )
    logged = {
        (item_id, set_number, side): outcome
        for item_id, set_number, side, outcome in session.set_logs.values_list(
            "routine_item_id", "set_number", "side", "outcome"
        )
    }
    return SessionPlan(items=items, slots=slots, logged=logged)


def slot_targets(item: RoutineItem) -> tuple[int | None, int | None]:
    """The target seconds and target reps a slot of this item is logged against."""
    dose = item.next_dose
    if dose.kind == DoseKind.DURATION:
        return (dose.duration_minutes or 0) * 60, None
    if dose.kind == DoseKind.REPS:
        return None, dose.reps
    return dose.hold_seconds, dose.reps
