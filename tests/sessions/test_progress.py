"""The progression rules applied when a session ends, stored with their reasons."""

import uuid
from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.html import escape

from exercises.models import RoutineChange
from sessions.models import ProgressionDecision, SafetyCheck, SetLog
from sessions.plan import session_plan
from sessions.progress import clear_pause
from sessions.services import finish_session, log_set, start_session
from tests.factories import ExerciseFactory, RoutineFactory, RoutineItemFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def press_up_routine(patient):
    straight = ExerciseFactory(name="Press-up on straight arms", hold_seconds=1, reps=10)
    elbows = ExerciseFactory(
        name="Press-up on elbows",
        hold_seconds=5,
        reps=1,
        progression_start=5,
        progression_target=30,
        progression_step=5,
        next_stage=straight,
    )
    routine = RoutineFactory(cause=patient.cause, patient=patient.user, sessions_per_day=4)
    return RoutineItemFactory(routine=routine, exercise=elbows)


def do_session(
    patient,
    at,
    *,
    effort="easy",
    pain_before=3,
    pain_after=2,
    reach=2,
    reach_after=2,
    held=None,
    set_reach=None,
):
    """Run one whole session at local time ``at``: every set done in full."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        SafetyCheck.objects.create(
            patient=patient,
            answered_at=at,
            red_flag=False,
            **dict.fromkeys(SafetyCheck.QUESTIONS, False),
        )
        session = start_session(patient=patient, pain=pain_before, reach=reach)
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
                outcome=SetLog.Outcome.COMPLETED,
                held_seconds=held if held is not None else dose.hold_seconds,
                reps_done=dose.reps,
                effort=effort,
                pain=pain_after,
                pain_reach=reach_after if set_reach is None else set_reach,
            )
        return finish_session(session=session, pain=pain_after, reach=reach_after)


def morning(day: int) -> datetime:
    return datetime(2026, 3, 2, 8, 0, tzinfo=LONDON) + timedelta(days=day)


def test_an_easy_session_steps_up_and_says_why(patient, press_up_routine):
    session = do_session(patient, morning(0))
    press_up_routine.refresh_from_db()
    assert press_up_routine.current_target == 10
    decision = session.decisions.get()
    assert (decision.kind, decision.from_target, decision.to_target) == ("step_up", 5, 10)
    assert decision.message.startswith("Next time: 10 s.")


def test_the_press_up_climbs_one_step_a_day_from_5_to_30_then_offers_straight_arms(
    patient, press_up_routine, client
):
    targets = []
    for day in range(7):
        for hour in (0, 3, 6, 9):  # four sessions a day, every few hours
            do_session(patient, morning(day) + timedelta(hours=hour))
        press_up_routine.refresh_from_db()
        targets.append(press_up_routine.current_target)
    assert targets == [10, 15, 20, 25, 30, 30, 30]
    assert press_up_routine.next_stage_offered is True
    assert ProgressionDecision.objects.filter(kind="step_up").count() == 5
    offer = ProgressionDecision.objects.get(kind="offer_next_stage")
    assert "Press-up on straight arms" in offer.message

    client.force_login(patient.user)
    today = client.get(reverse("today")).content.decode()
    assert "Move on to Press-up on straight arms" in today
    latest = press_up_routine.decisions.latest()
    assert f'<span class="decision">{escape(latest.message)}</span>' in today  # the latest one

    client.post(reverse("accept_next_stage", args=[press_up_routine.pk]))
    press_up_routine.refresh_from_db()
    assert press_up_routine.exercise.name == "Press-up on straight arms"
    assert (press_up_routine.hold_seconds, press_up_routine.reps) == (1, 10)
    assert press_up_routine.set_logs.count() == 28
    assert press_up_routine.decisions.count() == 28
    change = RoutineChange.objects.get()
    assert change.changed_by == patient.user
    assert "next stage, Press-up on straight arms" in change.description
    today = client.get(reverse("today")).content.decode()
    assert "Press-up on straight arms: hold 1 s × 10" in today
    # The old exercise's last decision does not speak for the new one.
    assert offer.message not in today
    assert 'class="decision"' not in today


def test_an_old_summary_shows_that_sessions_dose_and_decision(patient, press_up_routine, client):
    first = do_session(patient, morning(0))
    do_session(patient, morning(1))
    press_up_routine.refresh_from_db()
    assert press_up_routine.current_target == 15
    client.force_login(patient.user)
    html = client.get(reverse("session_summary", args=[first.pk])).content.decode()
    assert "Press-up on elbows: hold 5 s × 1" in html
    assert first.decisions.get().message in html
    assert "15 s" not in html


def test_a_patient_in_another_time_zone_climbs_by_their_own_days(patient, press_up_routine):
    patient.time_zone = "Pacific/Auckland"
    patient.save()
    # 23:00 on 2 March and 00:30 on 3 March in London are two London days, but 12:00 and
    # 13:30 on 3 March in Auckland: one Auckland day, so one step up.
    late = datetime(2026, 3, 2, 23, 0, tzinfo=LONDON)
    do_session(patient, late)
    do_session(patient, late + timedelta(hours=1, minutes=30))
    press_up_routine.refresh_from_db()
    assert press_up_routine.current_target == 10


def test_a_hard_session_keeps_the_target(patient, press_up_routine):
    session = do_session(patient, morning(0), effort="hard")
    press_up_routine.refresh_from_db()
    assert press_up_routine.current_target == 5
    assert session.decisions.get().kind == "keep"


def test_a_pain_rise_of_two_steps_back_and_flags(patient, press_up_routine):
    do_session(patient, morning(0))
    do_session(patient, morning(1))
    session = do_session(patient, morning(2), pain_before=3, pain_after=5)
    press_up_routine.refresh_from_db()
    assert press_up_routine.current_target == 10
    decision = session.decisions.get()
    assert (decision.kind, decision.flagged) == ("step_back", True)


def test_two_flagged_sessions_in_a_row_pause_the_item_until_a_clinician_clears_it(
    patient, press_up_routine, clinician
):
    do_session(patient, morning(0), reach=2, reach_after=4)
    do_session(patient, morning(1), reach=2, reach_after=4)
    press_up_routine.refresh_from_db()
    assert press_up_routine.paused is True
    assert ProgressionDecision.objects.filter(kind="pause").count() == 1
    third = do_session(patient, morning(2))
    assert not third.set_logs.exists()  # a paused item is left out of sessions

    clear_pause(item=press_up_routine, by=clinician, day=morning(3).date())
    press_up_routine.refresh_from_db()
    assert press_up_routine.paused is False
    do_session(patient, morning(3), reach=2, reach_after=4)
    press_up_routine.refresh_from_db()
    assert press_up_routine.paused is False  # one flag after the clearance does not pause


def test_pain_that_spread_during_a_set_flags_even_if_it_settled_by_the_end(
    patient, press_up_routine
):
    session = do_session(patient, morning(0), reach=2, reach_after=2, set_reach=5)
    assert session.reach_after == 2
    decision = session.decisions.get()
    assert (decision.kind, decision.flagged) == ("keep", True)  # already at its start: kept
