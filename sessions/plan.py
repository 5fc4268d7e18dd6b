"""A session's plan: its slots from the routine's active items, and what is logged so far."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from exercises.models import DoseKind, ExerciseStep, RoutineItem
from exercises.templatetags.figures import figure_motion, figure_small
from sessions import steps
from sessions.models import SetLog, Side, WorkoutSession


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

    @cached_property
    def steps(self) -> dict[int, list[str]]:
        """Each exercise's numbered steps by exercise id, read in one query when first asked
        for: only the player shows them. (A prefetch built model rows for them, 3 ms.)"""
        texts: dict[int, list[str]] = {item.exercise_id: [] for item in self.items.values()}
        rows = ExerciseStep.objects.filter(exercise_id__in=texts).values_list("exercise_id", "text")
        for exercise_id, text in rows:
            texts[exercise_id].append(text)
        return texts


def session_plan(session: WorkoutSession) -> SessionPlan:
    """The session's slots from its routine's active items, and which are already logged."""
    # By the routine's id: the routine row itself is not needed.
    listed = RoutineItem.objects.filter(routine_id=session.routine_id).active()
    items = {item.pk: item for item in listed.select_related("exercise").listed()}
    slots = _slots(items.values(), session.patient.affected_side)
    logged = {
        (item_id, set_number, side): outcome
        for item_id, set_number, side, outcome in session.set_logs.values_list(
            "routine_item_id", "set_number", "side", "outcome"
        )
    }
    return SessionPlan(items=items, slots=slots, logged=logged)


def _slots(items: Iterable[RoutineItem], affected_side: str) -> list[steps.Slot]:
    return steps.plan_slots(
        steps.PlannedItem(
            item_id=item.pk,
            kind=item.dose_kind,
            sets=item.sets,
            sides=steps.sides_for(item.exercise.sidedness, affected_side),
        )
        for item in items
    )


def routine_minutes(items: Iterable[RoutineItem], affected_side: str) -> int:
    """About how long one session of these items takes (paused items are left out)."""
    active = {item.pk: item for item in items if not item.paused}
    plan = SessionPlan(items=active, slots=_slots(active.values(), affected_side), logged={})
    return minutes(estimated_seconds(plan, affected_side))


def slot_targets(item: RoutineItem) -> tuple[int | None, int | None]:
    """The target seconds and target reps a slot of this item is logged against."""
    dose = item.next_dose
    if dose.kind == DoseKind.DURATION:
        return (dose.duration_minutes or 0) * 60, None
    if dose.kind == DoseKind.REPS:
        return None, dose.reps
    return dose.hold_seconds, dose.reps


def slot_phases(item: RoutineItem, slot: steps.Slot, affected_side: str) -> list[steps.Phase]:
    """The timed phases of one slot of ``item``."""
    dose = item.next_dose
    sides = steps.sides_for(item.exercise.sidedness, affected_side)
    return steps.timeline(
        kind=dose.kind,
        hold_seconds=dose.hold_seconds,
        reps=dose.reps,
        rest_seconds=dose.rest_seconds,
        duration_minutes=dose.duration_minutes,
        switching_sides=slot.side != sides[0],
        rest_first=slot.set_number > 1 and slot.side == sides[0],
    )


def estimated_seconds(plan: SessionPlan, affected_side: str, *, remaining: bool = False) -> int:
    """How long the plan's slots take (only those not yet logged, with ``remaining``), with a
    "Next up" pause between exercises."""
    slots = [slot for slot in plan.slots if not (remaining and slot.key in plan.logged)]
    exercises = len({slot.item_id for slot in slots})
    return sum(
        steps.estimate_seconds(slot_phases(plan.items[slot.item_id], slot, affected_side))
        for slot in slots
    ) + steps.TRANSITION_SECONDS * max(0, exercises - 1)


def minutes(seconds: int) -> int:
    """Seconds as whole minutes for an estimate, rounded up (a started minute counts)."""
    return -(-seconds // 60)


def player_plan(session: WorkoutSession, plan: SessionPlan) -> dict[str, object]:
    """The whole session as the player runs it offline: every item and every slot's timeline."""
    affected = session.patient.affected_side
    items = [
        {
            "id": item.pk,
            "number": number,
            "name": item.exercise.name,
            "position": item.exercise.get_position_display(),
            "dose": str(item.next_dose),
            "kind": item.dose_kind,
            "sets": item.sets,
            "steps": plan.steps[item.exercise_id],
            "cautions": item.exercise.cautions,
            # The moving figure's markup for each side this item is done on ("" for none).
            "figures": {
                side: figure_motion(item.exercise, side)
                for side in {slot.side for slot in plan.slots if slot.item_id == item.pk}
            },
            # The small hold-pose figure the "Next up" card shows (one side: the first done).
            "thumb": figure_small(
                item.exercise,
                next((slot.side for slot in plan.slots if slot.item_id == item.pk), ""),
            ),
        }
        for number, item in enumerate(plan.items.values(), start=1)
    ]
    slots = []
    for slot in plan.slots:
        item = plan.items[slot.item_id]
        phases = slot_phases(item, slot, affected)
        slots.append(
            {
                "item": slot.item_id,
                "set_number": slot.set_number,
                "side": slot.side,
                "side_label": Side(slot.side).label if slot.side else "",
                "checkin": slot.checkin,
                "target_reps": slot_targets(item)[1],
                "done": slot.key in plan.logged,
                "seconds": steps.estimate_seconds(phases),
                "timeline": steps.timeline_json(phases),
            }
        )
    return {"session": session.pk, "items": items, "slots": slots}
