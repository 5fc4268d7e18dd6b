"""The order of a session, as pure functions of plain values (no database).

A session is a list of *slots*: one set of one routine item on one side. Each slot is logged as
one ``SetLog``. A slot's *timeline* is the list of timed phases the player runs in the page:
a get-ready count-in, then each repetition's hold with a rest between, or a duration, or a
tap-counted block of reps.

Sides: an exercise done on each side runs set 1 left, set 1 right, set 2 left, ... The check-in
(effort, pain, reach) follows the last side of each set; between sides the player goes straight
on with a "switch sides" count-in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

COUNT_IN_SECONDS = 5
TRANSITION_SECONDS = 15  # the "Next up" countdown between exercises, unless the patient sets it
SECONDS_PER_TAPPED_REP = 4  # a plain rep has no timer: this is only for the time estimate

LEFT, RIGHT, NO_SIDE = "left", "right", ""


@dataclass(frozen=True)
class PlannedItem:
    """One routine item as the step order sees it."""

    item_id: int
    kind: str  # "hold", "reps" or "duration"
    sets: int
    sides: tuple[str, ...]


@dataclass(frozen=True)
class Slot:
    """One set of one item on one side: the unit that is played and logged."""

    item_id: int
    set_number: int
    side: str
    checkin: bool  # a check-in follows this slot (it is the last side of its set)

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.item_id, self.set_number, self.side)


@dataclass(frozen=True)
class Phase:
    """One timed stretch of a slot's timeline."""

    phase: str  # "ready", "switch", "hold", "rest", "move" or "reps"
    seconds: int  # 0 for "reps": the patient taps each one
    rep: int = 0  # 1-based repetition, for "hold" and "reps"
    reps: int = 0  # repetitions in the set


def sides_for(sidedness: str, affected_side: str) -> tuple[str, ...]:
    """Which sides an exercise is done on, for a patient whose ``affected_side`` hurts.

    "Painful side only" means that side; with both legs (or not sure) it means each side.
    """
    if sidedness == "each_side":
        return (LEFT, RIGHT)
    if sidedness == "affected_side":
        return (affected_side,) if affected_side in (LEFT, RIGHT) else (LEFT, RIGHT)
    return (NO_SIDE,)


def plan_slots(items: Iterable[PlannedItem]) -> list[Slot]:
    """Every slot of a session, in the order they are done."""
    slots = []
    for item in items:
        for set_number in range(1, item.sets + 1):
            for index, side in enumerate(item.sides):
                last_side = index == len(item.sides) - 1
                slots.append(Slot(item.item_id, set_number, side, checkin=last_side))
    return slots


def next_slot(slots: Sequence[Slot], logged: set[tuple[int, int, str]]) -> Slot | None:
    """The first slot not yet logged: where a reload or another device resumes."""
    return next((slot for slot in slots if slot.key not in logged), None)


def timeline(
    *,
    kind: str,
    hold_seconds: int | None,
    reps: int,
    rest_seconds: int,
    duration_minutes: int | None,
    switching_sides: bool = False,
    rest_first: bool = False,
) -> list[Phase]:
    """The phases of one slot.

    ``switching_sides``: this slot is the second side, so the count-in says "switch sides".
    ``rest_first``: this slot starts a later set, so it begins with the rest between sets.
    """
    phases = []
    if rest_first and rest_seconds:
        phases.append(Phase("rest", rest_seconds))
    phases.append(Phase("switch" if switching_sides else "ready", COUNT_IN_SECONDS))
    if kind == "duration":
        phases.append(Phase("move", (duration_minutes or 0) * 60))
    elif kind == "reps":
        phases.append(Phase("reps", 0, rep=1, reps=reps))
    else:
        for rep in range(1, reps + 1):
            phases.append(Phase("hold", hold_seconds or 0, rep=rep, reps=reps))
            if rep < reps and rest_seconds:
                phases.append(Phase("rest", rest_seconds, rep=rep, reps=reps))
    return phases


def timeline_json(phases: Sequence[Phase]) -> list[dict[str, object]]:
    """The phases as plain dicts, field by field (``asdict`` deep-copies each value through
    ``copy.deepcopy``'s checks: 2 % of the player's page for flat ints and strings)."""
    return [{"phase": p.phase, "seconds": p.seconds, "rep": p.rep, "reps": p.reps} for p in phases]


def estimate_seconds(phases: Sequence[Phase]) -> int:
    """How long a slot takes: its timed phases, and a few seconds for each tapped rep."""
    return sum(
        phase.reps * SECONDS_PER_TAPPED_REP if phase.phase == "reps" else phase.seconds
        for phase in phases
    )
