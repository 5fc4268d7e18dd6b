"""The progression rules, case by case, with plain values (no database)."""

from datetime import date, timedelta

import pytest

from sessions.progression import (
    AT_TARGET,
    HARD,
    INCOMPLETE,
    KEEP,
    NO_CHECK_IN,
    NOT_DONE,
    OFFER_NEXT_STAGE,
    ONCE_A_DAY,
    PAIN_HIGHER,
    PAUSE,
    READY_FOR_NEXT_STAGE,
    SECOND_WARNING_SIGN,
    STEP_BACK,
    STEP_UP,
    STILL_PAUSED,
    WARNING_SIGN,
    WENT_WELL,
    Decision,
    History,
    Prescription,
    SessionResult,
    SetResult,
    decide,
    replay,
)

ELBOWS = Prescription(
    start=5, target=30, step=5, unit="s", next_stage_name="Press-up on straight arms"
)
KNEE_HUG = Prescription(start=None, target=None, step=None, unit="s")
MONDAY = date(2026, 3, 2)
TUESDAY = MONDAY + timedelta(days=1)


def done(effort="easy", pain=None, reach=None) -> SetResult:
    return SetResult(completed=True, effort=effort, pain=pain, reach=reach)


def session(
    *sets: SetResult,
    day=MONDAY,
    planned_sets=None,
    pain_before=3,
    reach_before=3,
    pain_after=3,
    reach_after=3,
) -> SessionResult:
    """One session of the item, by default one easy set with pain and reach unchanged."""
    sets = sets or (done(),)
    return SessionResult(
        day=day,
        pain_before=pain_before,
        reach_before=reach_before,
        pain_after=pain_after,
        reach_after=reach_after,
        sets=sets,
        planned_sets=len(sets) if planned_sets is None else planned_sets,
    )


# Step up


def test_it_steps_up_after_an_easy_complete_session():
    decision = decide(ELBOWS, 10, session(), History())

    assert decision.kind == STEP_UP
    assert decision.new_target == 15
    assert not decision.flagged
    assert decision.message == (
        "Next time: 15 s. Your last session was easy and your pain did not spread."
    )


def test_it_steps_up_when_the_effort_was_about_right():
    decision = decide(ELBOWS, 10, session(done("about_right"), done("easy")))

    assert decision.kind == STEP_UP
    assert decision.new_target == 15
    assert decision.reason == "Your last session felt about right and your pain did not spread."


def test_it_steps_up_on_the_first_session_with_no_history():
    decision = decide(ELBOWS, 5, session())

    assert decision.kind == STEP_UP
    assert decision.new_target == 10


def test_a_first_session_without_a_current_target_starts_from_the_start():
    decision = decide(ELBOWS, None, session())

    assert decision.new_target == 10


def test_it_steps_up_when_the_pain_ends_where_it_started():
    decision = decide(ELBOWS, 10, session(pain_before=4, pain_after=4))

    assert decision.kind == STEP_UP


def test_it_steps_up_when_the_pain_centralizes():
    decision = decide(
        ELBOWS, 10, session(pain_before=5, reach_before=4, pain_after=2, reach_after=1)
    )

    assert decision.kind == STEP_UP


def test_it_never_steps_up_above_the_target():
    big_steps = Prescription(start=5, target=30, step=10)

    decision = decide(big_steps, 25, session())

    assert decision.kind == STEP_UP
    assert decision.new_target == 30
    assert decision.headline == "Next time: 30 s, your target."


def test_it_names_reps_and_minutes_in_the_message():
    bridges = Prescription(start=5, target=15, step=1, unit="reps")
    walk = Prescription(start=5, target=30, step=5, unit="min")

    assert decide(bridges, 10, session()).headline == "Next time: 11 reps."
    assert decide(walk, 10, session()).headline == "Next time: 15 min."


# Warning signs: step back and flag, then pause


def test_exactly_two_points_of_pain_rise_steps_back_and_flags():
    decision = decide(ELBOWS, 15, session(pain_before=3, pain_after=5))

    assert decision.kind == STEP_BACK
    assert decision.new_target == 10
    assert decision.flagged
    assert decision.rule == WARNING_SIGN
    assert decision.message == (
        "Next time: 10 s, one step back. Your pain rose by 2 points during the session, "
        "so we eased off and told your clinician."
    )


def test_a_one_point_pain_rise_does_not_flag_but_keeps():
    decision = decide(ELBOWS, 15, session(pain_before=3, pain_after=4))

    assert decision.kind == KEEP
    assert decision.new_target == 15
    assert not decision.flagged
    assert decision.rule == PAIN_HIGHER
    assert decision.message == (
        "Next time: stays at 15 s. Your pain was a little higher at the end, "
        "so it stays here for now."
    )


def test_pain_reaching_one_level_further_down_the_leg_steps_back_and_flags():
    decision = decide(ELBOWS, 15, session(reach_before=3, reach_after=4))

    assert decision.kind == STEP_BACK
    assert decision.new_target == 10
    assert decision.flagged
    assert decision.reason == (
        "Your pain spread, and now reaches below your knee, "
        "so we eased off and told your clinician."
    )


def test_pain_reaching_as_far_as_before_is_fine():
    decision = decide(ELBOWS, 15, session(reach_before=3, reach_after=3))

    assert decision.kind == STEP_UP


def test_a_rise_and_a_spread_together_are_both_named():
    decision = decide(
        ELBOWS, 15, session(pain_before=2, reach_before=2, pain_after=5, reach_after=3)
    )

    assert decision.kind == STEP_BACK
    assert decision.reason.startswith(
        "Your pain rose by 3 points and spread, and now reaches your thigh"
    )


def test_pain_now_is_read_from_the_last_set_when_the_end_was_not_recorded():
    sets = (done(pain=3, reach=3), done(pain=6, reach=3), SetResult(completed=True, effort="easy"))

    decision = decide(ELBOWS, 15, session(*sets, pain_after=None, reach_after=None))

    assert decision.kind == STEP_BACK
    assert "rose by 3 points" in decision.reason


def test_pain_at_the_end_wins_over_the_pain_during_a_set():
    sets = (done(pain=7, reach=5),)

    decision = decide(ELBOWS, 15, session(*sets, pain_after=3, reach_after=3))

    assert decision.kind == STEP_UP


def test_it_never_steps_back_below_the_start():
    decision = decide(ELBOWS, 5, session(pain_before=2, pain_after=5))

    assert decision.kind == KEEP
    assert decision.new_target == 5
    assert decision.flagged
    assert decision.message == (
        "Next time: stays at 5 s. Your pain rose by 3 points during the session, "
        "so we kept it here and told your clinician."
    )


def test_a_step_back_from_just_above_the_start_lands_on_the_start():
    decision = decide(ELBOWS, 8, session(reach_after=4))

    assert decision.kind == STEP_BACK
    assert decision.new_target == 5


def test_a_step_back_from_the_target_leaves_the_target():
    decision = decide(ELBOWS, 30, session(pain_after=6))

    assert decision.kind == STEP_BACK
    assert decision.new_target == 25


def test_a_warning_sign_outranks_an_unfinished_hard_set():
    stopped = SetResult(completed=False, effort="hard", pain=7, reach=4)

    decision = decide(ELBOWS, 15, session(stopped, pain_after=None, reach_after=None))

    assert decision.kind == STEP_BACK
    assert decision.flagged


def test_a_second_flagged_session_in_a_row_pauses_the_item():
    history = History(consecutive_flags=1)

    decision = decide(ELBOWS, 15, session(reach_after=4), history)

    assert decision.kind == PAUSE
    assert decision.flagged
    assert decision.new_target == 10
    assert decision.rule == SECOND_WARNING_SIGN
    assert decision.message == (
        "Paused until your clinician checks it. This is the second session in a row that "
        "didn't agree with you: your pain spread, and now reaches below your knee. "
        "Your clinician will take a look before you carry on."
    )


def test_a_flag_after_an_unflagged_session_does_not_pause():
    decisions = replay(
        ELBOWS,
        15,
        [
            session(day=MONDAY, pain_after=6),
            session(day=TUESDAY),
            session(day=TUESDAY + timedelta(days=1), pain_after=6),
        ],
    )

    assert [d.kind for d in decisions] == [STEP_BACK, STEP_UP, STEP_BACK]


def test_two_flags_in_a_row_pause_even_on_the_same_day():
    decisions = replay(ELBOWS, 15, [session(pain_after=6), session(reach_after=5)])

    assert [d.kind for d in decisions] == [STEP_BACK, PAUSE]
    assert [d.new_target for d in decisions] == [10, 5]


def test_a_paused_item_stays_paused_until_a_clinician_clears_it():
    decision = decide(ELBOWS, 10, session(), History(paused=True, consecutive_flags=2))

    assert decision.kind == PAUSE
    assert decision.rule == STILL_PAUSED
    assert decision.new_target == 10
    assert not decision.flagged
    assert decision.headline == "Paused until your clinician checks it."


def test_a_paused_item_done_anyway_with_a_warning_sign_is_flagged():
    decision = decide(ELBOWS, 10, session(pain_after=6), History(paused=True))

    assert decision.kind == PAUSE
    assert decision.flagged
    assert decision.new_target == 10


# Keep


def test_a_hard_session_keeps():
    decision = decide(ELBOWS, 15, session(done("easy"), done("hard")))

    assert decision.kind == KEEP
    assert decision.new_target == 15
    assert decision.rule == HARD
    assert decision.message == (
        "Next time: stays at 15 s. It felt hard, so it stays here until it feels easier."
    )


def test_a_set_stopped_early_keeps():
    stopped = SetResult(completed=False, effort="about_right")

    decision = decide(ELBOWS, 15, session(done(), stopped))

    assert decision.kind == KEEP
    assert decision.rule == INCOMPLETE
    assert not decision.flagged


def test_fewer_sets_than_planned_keeps():
    decision = decide(ELBOWS, 15, session(done(), planned_sets=3))

    assert decision.kind == KEEP
    assert decision.rule == INCOMPLETE


def test_one_skipped_set_among_done_ones_keeps():
    decision = decide(ELBOWS, 15, session(done(), SetResult(completed=False, skipped=True)))

    assert decision.rule == INCOMPLETE


def test_an_item_with_every_set_skipped_keeps_and_says_so_kindly():
    skipped = SetResult(completed=False, skipped=True)

    decision = decide(ELBOWS, 15, session(skipped, skipped))

    assert decision.kind == KEEP
    assert decision.new_target == 15
    assert decision.rule == NOT_DONE
    assert decision.message == (
        "Next time: stays at 15 s. This one wasn't done last time, and that's fine. "
        "It stays as it was."
    )


def test_an_item_not_done_is_not_flagged_for_the_sessions_pain():
    skipped = SetResult(completed=False, skipped=True)

    decision = decide(ELBOWS, 15, session(skipped, pain_after=8, reach_after=5))

    assert decision.rule == NOT_DONE
    assert not decision.flagged


def test_an_item_with_nothing_logged_keeps():
    nothing = SessionResult(
        day=MONDAY, pain_before=3, reach_before=2, sets=(), planned_sets=2, pain_after=3
    )

    decision = decide(ELBOWS, 15, nothing)

    assert decision.rule == NOT_DONE


def test_a_session_without_an_effort_check_in_keeps():
    no_check_in = SetResult(completed=True)

    decision = decide(ELBOWS, 15, session(no_check_in))

    assert decision.kind == KEEP
    assert decision.rule == NO_CHECK_IN
    assert "check-in" in decision.reason


def test_a_session_without_pain_at_the_end_keeps():
    decision = decide(ELBOWS, 15, session(done(), pain_after=None))

    assert decision.kind == KEEP
    assert decision.rule == NO_CHECK_IN


def test_a_two_sided_set_needs_only_its_last_side_checked_in():
    left = SetResult(completed=True)
    right = done("easy", pain=3, reach=3)

    decision = decide(ELBOWS, 15, session(left, right, pain_after=None, reach_after=None))

    assert decision.kind == STEP_UP


# One step a day


def test_a_second_session_on_the_same_day_keeps_with_the_one_a_day_reason():
    first, second = replay(ELBOWS, 10, [session(), session()])

    assert first.kind == STEP_UP
    assert second.kind == KEEP
    assert second.new_target == 15
    assert second.rule == ONCE_A_DAY
    assert second.message == (
        "Next time: stays at 15 s. You already stepped up today; one step a day keeps it safe."
    )


def test_a_step_up_yesterday_does_not_hold_back_today():
    decision = decide(ELBOWS, 15, session(day=TUESDAY), History(last_step_up_day=MONDAY))

    assert decision.kind == STEP_UP


def test_press_ups_every_few_hours_still_climb_one_step_a_day():
    days = [MONDAY] * 4 + [TUESDAY] * 4

    decisions = replay(ELBOWS, 5, [session(day=day) for day in days])

    assert [d.new_target for d in decisions] == [10, 10, 10, 10, 15, 15, 15, 15]


# At target, and the next stage


def test_an_item_already_at_target_keeps_at_target():
    decision = decide(ELBOWS, 30, session(done("about_right")))

    assert decision.kind == KEEP
    assert decision.new_target == 30
    assert decision.rule == AT_TARGET
    assert not decision.easy_at_target
    assert (
        decision.message
        == "Next time: stays at 30 s, your target. You're at your target. Well done."
    )


def test_an_easy_session_at_target_counts_toward_the_next_stage():
    decision = decide(ELBOWS, 30, session())

    assert decision.kind == KEEP
    assert decision.easy_at_target
    assert decision.reason == (
        "You're at your target. Well done. "
        "One more easy session on another day and you can try the next stage."
    )


def test_at_target_is_kept_even_after_a_step_up_earlier_that_day():
    decision = decide(ELBOWS, 30, session(), History(last_step_up_day=MONDAY))

    assert decision.rule == AT_TARGET
    assert decision.easy_at_target


def test_the_session_that_steps_up_to_the_target_is_not_yet_at_target():
    decision = decide(ELBOWS, 25, session())

    assert decision.kind == STEP_UP
    assert not decision.easy_at_target


def test_it_offers_the_next_stage_on_the_second_different_easy_day_at_target():
    history = History(easy_at_target_days=frozenset({MONDAY}))

    decision = decide(ELBOWS, 30, session(day=TUESDAY), history)

    assert decision.kind == OFFER_NEXT_STAGE
    assert decision.offer_next_stage
    assert decision.new_target == 30
    assert decision.rule == READY_FOR_NEXT_STAGE
    assert decision.next_stage_name == "Press-up on straight arms"
    assert decision.message.startswith(
        "You're ready for the next stage: Press-up on straight arms. "
        "It has been easy at your target on two different days."
    )


def test_two_easy_sessions_at_target_on_the_same_day_count_once():
    decisions = replay(ELBOWS, 30, [session(), session(), session()])

    assert [d.kind for d in decisions] == [KEEP, KEEP, KEEP]
    assert all(d.easy_at_target for d in decisions)


def test_an_about_right_day_at_target_does_not_count_toward_the_offer():
    decisions = replay(ELBOWS, 30, [session(done("about_right"), day=MONDAY), session(day=TUESDAY)])

    assert [d.kind for d in decisions] == [KEEP, KEEP]
    assert [d.easy_at_target for d in decisions] == [False, True]


def test_the_next_stage_is_offered_only_once():
    history = History(easy_at_target_days=frozenset({MONDAY}), next_stage_offered=True)

    decision = decide(ELBOWS, 30, session(day=TUESDAY), history)

    assert decision.kind == KEEP
    assert decision.rule == AT_TARGET
    assert decision.reason == "You're at your target. Well done."


def test_no_next_stage_is_offered_when_the_exercise_has_none():
    last_stage = Prescription(start=5, target=30, step=5)
    history = History(easy_at_target_days=(MONDAY,))

    decision = decide(last_stage, 30, session(day=TUESDAY), history)

    assert decision.kind == KEEP
    assert decision.easy_at_target


def test_a_flag_clears_the_easy_days_at_target():
    decisions = replay(
        ELBOWS,
        30,
        [
            session(day=MONDAY),
            session(day=TUESDAY, reach_after=4),
            session(day=TUESDAY + timedelta(days=1)),
            session(day=TUESDAY + timedelta(days=2)),
        ],
    )

    assert [d.kind for d in decisions] == [KEEP, STEP_BACK, STEP_UP, KEEP]


# An item that does not progress


def test_a_non_progressing_item_keeps_after_an_easy_session():
    decision = decide(KNEE_HUG, None, session(done("about_right")))

    assert decision.kind == KEEP
    assert decision.new_target is None
    assert decision.message == (
        "Next time: the same again. It went well. This one stays as your clinician prescribed it."
    )


def test_a_non_progressing_item_is_still_flagged_and_then_paused():
    first, second = replay(KNEE_HUG, None, [session(pain_after=6), session(pain_after=7)])

    assert (first.kind, first.flagged, first.new_target) == (KEEP, True, None)
    assert first.message == (
        "Next time: the same again. Your pain rose by 3 points during the session, "
        "so we kept it here and told your clinician."
    )
    assert (second.kind, second.flagged) == (PAUSE, True)


def test_a_non_progressing_item_is_offered_its_next_stage_after_two_easy_days():
    knee_hug = Prescription(
        start=None, target=None, step=None, unit="s", next_stage_name="Knee hug, both legs"
    )

    decisions = replay(knee_hug, None, [session(day=MONDAY), session(day=TUESDAY)])

    assert [d.kind for d in decisions] == [KEEP, OFFER_NEXT_STAGE]
    assert decisions[1].headline == "You're ready for the next stage: Knee hug, both legs."


# The seeds' example


def test_press_up_on_elbows_climbs_from_5_to_30_s_and_is_offered_the_next_stage():
    days = [MONDAY + timedelta(days=n) for n in range(8)]

    decisions = replay(ELBOWS, 5, [session(day=day) for day in days])

    targets_done_at = [5] + [d.new_target for d in decisions[:-1]]
    assert targets_done_at[:6] == [5, 10, 15, 20, 25, 30]
    assert [d.kind for d in decisions] == [STEP_UP] * 5 + [KEEP, OFFER_NEXT_STAGE, KEEP]
    assert decisions[4].message == (
        "Next time: 30 s, your target. Your last session was easy and your pain did not spread."
    )
    assert decisions[6].message == (
        "You're ready for the next stage: Press-up on straight arms. It has been easy at your "
        "target on two different days. Until you move on, it stays as it is."
    )
    assert decisions[7].rule == AT_TARGET


# History and plain values


def test_history_after_folds_each_decision_in():
    step_up = decide(ELBOWS, 10, session())
    flag = decide(ELBOWS, 15, session(day=TUESDAY, pain_after=6))

    history = History().after(MONDAY, step_up).after(TUESDAY, flag)

    assert history == History(last_step_up_day=MONDAY, consecutive_flags=1)


def test_a_skipped_item_does_not_break_a_run_of_flags():
    skipped = SetResult(completed=False, skipped=True)

    decisions = replay(
        ELBOWS, 15, [session(pain_after=6), session(skipped), session(reach_after=4)]
    )

    assert [d.rule for d in decisions] == [WARNING_SIGN, NOT_DONE, SECOND_WARNING_SIGN]


def test_a_step_up_names_the_rule_that_decided_it():
    assert decide(ELBOWS, 10, session()).rule == WENT_WELL


@pytest.mark.parametrize(
    "make",
    [
        lambda: Prescription(start=5, target=None, step=5),
        lambda: Prescription(start=40, target=30, step=5),
        lambda: Prescription(start=5, target=30, step=5, unit="hours"),
        lambda: SetResult(completed=True, effort="fine"),
        lambda: SetResult(completed=True, skipped=True),
        lambda: SetResult(completed=True, pain=11),
        lambda: SetResult(completed=True, reach=6),
        lambda: session(pain_before=-1),
    ],
)
def test_it_refuses_values_that_make_no_sense(make):
    with pytest.raises(ValueError):
        make()


def test_a_decision_refuses_an_unknown_kind():
    with pytest.raises(ValueError):
        Decision(kind="jump", new_target=1, flagged=False, rule="", headline="", reason="")
