"""The progression rules' words for a patient no clinician follows: nobody is said to be told."""

from datetime import date

from sessions.progression import (
    PAUSE,
    STEP_BACK,
    History,
    Prescription,
    SessionResult,
    SetResult,
    decide,
)

ELBOWS = Prescription(start=5, target=30, step=5, unit="s")
KNEE_HUG = Prescription(start=None, target=None, step=None, unit="s")


def alone(pain_after=3, reach_after=3, **extra) -> SessionResult:
    return SessionResult(
        day=date(2026, 3, 2),
        pain_before=3,
        reach_before=3,
        pain_after=pain_after,
        reach_after=reach_after,
        sets=(SetResult(completed=True, effort="easy"),),
        planned_sets=1,
        has_clinician=False,
        **extra,
    )


def test_a_warning_sign_steps_back_without_telling_anyone():
    decision = decide(ELBOWS, 15, alone(pain_after=6), History())
    assert decision.kind == STEP_BACK
    assert decision.flagged
    assert decision.message == (
        "Next time: 10 s, one step back. Your pain rose by 3 points during the session, "
        "so we eased off."
    )


def test_a_warning_sign_at_the_start_keeps_without_telling_anyone():
    decision = decide(ELBOWS, 5, alone(reach_after=4), History())
    assert "so we kept it here." in decision.message
    assert "clinician" not in decision.message


def test_a_second_warning_sign_pauses_and_points_to_a_doctor():
    decision = decide(ELBOWS, 15, alone(reach_after=4), History(consecutive_flags=1))
    assert decision.kind == PAUSE
    assert decision.headline == "Paused until a doctor or physiotherapist checks it."
    assert decision.message.endswith(
        "Please check with a doctor or physiotherapist before you carry on."
    )
    assert "clinician" not in decision.message


def test_a_paused_item_done_anyway_tells_nobody():
    decision = decide(ELBOWS, 10, alone(pain_after=6), History(paused=True))
    assert decision.flagged
    assert "clinician" not in decision.message
    assert "until a doctor or physiotherapist has had a look" in decision.message


def test_an_item_that_does_not_progress_stays_as_it_is():
    decision = decide(KNEE_HUG, None, alone(), History())
    assert decision.message.endswith("This one stays as it is.")
