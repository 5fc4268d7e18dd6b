"""The order of a session's sets and the phases inside one set, as plain values."""

from dataclasses import asdict

from sessions.steps import (
    LEFT,
    NO_SIDE,
    RIGHT,
    Phase,
    PlannedItem,
    Slot,
    next_slot,
    plan_slots,
    sides_for,
    timeline,
    timeline_json,
)


def test_an_each_side_exercise_alternates_sides_within_each_set():
    slots = plan_slots([PlannedItem(item_id=7, kind="hold", sets=2, sides=(LEFT, RIGHT))])
    assert [(s.set_number, s.side) for s in slots] == [
        (1, LEFT),
        (1, RIGHT),
        (2, LEFT),
        (2, RIGHT),
    ]


def test_the_check_in_follows_only_the_last_side_of_a_set():
    slots = plan_slots([PlannedItem(item_id=7, kind="hold", sets=1, sides=(LEFT, RIGHT))])
    assert [s.checkin for s in slots] == [False, True]


def test_items_follow_each_other_in_routine_order():
    slots = plan_slots(
        [
            PlannedItem(item_id=1, kind="hold", sets=1, sides=(NO_SIDE,)),
            PlannedItem(item_id=2, kind="reps", sets=2, sides=(NO_SIDE,)),
            PlannedItem(item_id=3, kind="duration", sets=1, sides=(NO_SIDE,)),
        ]
    )
    assert [(s.item_id, s.set_number) for s in slots] == [(1, 1), (2, 1), (2, 2), (3, 1)]
    assert all(s.checkin for s in slots)


def test_painful_side_only_means_the_patients_painful_side():
    assert sides_for("affected_side", "right") == (RIGHT,)


def test_painful_side_with_both_legs_means_each_side():
    assert sides_for("affected_side", "both") == (LEFT, RIGHT)


def test_a_two_sided_exercise_has_no_side():
    assert sides_for("none", "left") == (NO_SIDE,)


def test_a_reload_resumes_at_the_first_slot_not_logged():
    slots = plan_slots([PlannedItem(item_id=1, kind="hold", sets=3, sides=(NO_SIDE,))])
    assert next_slot(slots, {(1, 1, ""), (1, 3, "")}) == Slot(1, 2, "", checkin=True)
    assert next_slot(slots, {(1, 1, ""), (1, 2, ""), (1, 3, "")}) is None


def test_a_hold_set_counts_in_then_holds_each_rep_with_rests_between():
    phases = timeline(kind="hold", hold_seconds=10, reps=3, rest_seconds=5, duration_minutes=None)
    assert phases == [
        Phase("ready", 5),
        Phase("hold", 10, rep=1, reps=3),
        Phase("rest", 5, rep=1, reps=3),
        Phase("hold", 10, rep=2, reps=3),
        Phase("rest", 5, rep=2, reps=3),
        Phase("hold", 10, rep=3, reps=3),
    ]


def test_the_second_side_counts_in_with_switch_sides():
    phases = timeline(
        kind="hold",
        hold_seconds=60,
        reps=1,
        rest_seconds=10,
        duration_minutes=None,
        switching_sides=True,
    )
    assert phases == [Phase("switch", 5), Phase("hold", 60, rep=1, reps=1)]


def test_a_later_set_starts_with_the_rest_between_sets():
    phases = timeline(
        kind="hold",
        hold_seconds=30,
        reps=1,
        rest_seconds=10,
        duration_minutes=None,
        rest_first=True,
    )
    assert phases[:2] == [Phase("rest", 10), Phase("ready", 5)]


def test_a_duration_counts_down_its_minutes():
    phases = timeline(
        kind="duration", hold_seconds=None, reps=1, rest_seconds=0, duration_minutes=10
    )
    assert phases == [Phase("ready", 5), Phase("move", 600)]


def test_plain_reps_are_counted_by_taps():
    phases = timeline(
        kind="reps", hold_seconds=None, reps=10, rest_seconds=0, duration_minutes=None
    )
    assert phases == [Phase("ready", 5), Phase("reps", 0, rep=1, reps=10)]


def test_the_timeline_as_json_is_every_field_of_every_phase():
    phases = timeline(
        kind="hold",
        hold_seconds=10,
        reps=3,
        rest_seconds=5,
        duration_minutes=None,
        switching_sides=True,
        rest_first=True,
    )
    assert len(phases) > 4
    assert timeline_json(phases) == [asdict(phase) for phase in phases]
