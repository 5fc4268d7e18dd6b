"""Alerts are stored as rows when something happens, once each, in plain words."""

from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from clinic.models import Alert, AlertKind
from clinic.services import raise_inactivity_alerts
from exercises.models import RoutineItem
from sessions.models import ProgressionDecision, SafetyCheck, WorkoutSession
from sessions.services import record_safety_check
from tests.clinic.helpers import do_session
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db

NO = dict.fromkeys(SafetyCheck.QUESTIONS, False)


def test_a_red_flag_raises_an_alert_naming_the_symptom(my_patient):
    check = record_safety_check(
        patient=my_patient, answers={**NO, "saddle_numbness": True, "fever_unwell": True}
    )
    alert = Alert.objects.get()
    assert (alert.kind, alert.patient, alert.safety_check) == (
        AlertKind.RED_FLAG,
        my_patient,
        check,
    )
    assert "saddle-area numbness; fever or feeling unwell" in alert.message
    assert alert.happened_at == check.answered_at


def test_a_clear_safety_check_raises_nothing(my_patient):
    record_safety_check(patient=my_patient, answers=NO)
    assert not Alert.objects.exists()


def test_pain_up_two_raises_one_warning_for_the_session(my_patient):
    session = do_session(my_patient, pain_before=3, pain_after=5)
    alert = Alert.objects.get()
    assert alert.kind == AlertKind.WARNING
    assert alert.session == session
    assert "Pain rose from 3 to 5 out of 10 during the session." in alert.message
    # The press-up was at its start: it is kept; every exercise of the session is named.
    for name in ("Press-up on elbows", "Crossed-leg stretch", "Walking"):
        assert name in alert.message


def test_a_warning_on_one_exercise_names_it_and_its_step_back(my_patient, routine):
    routine.items.exclude(exercise__name="Press-up on elbows").update(retired_at=timezone.now())
    press_up = routine.items.get()
    press_up.current_target = 15
    press_up.save()
    do_session(my_patient, reach_before=2, reach_after=4)
    alert = Alert.objects.get()
    assert alert.exercise.name == "Press-up on elbows"
    assert alert.routine_item == press_up
    assert "spread from the buttock to below the knee" in alert.message
    assert "Stepped back: Press-up on elbows (15 s → 10 s)." in alert.message


def test_pain_one_point_higher_raises_nothing(my_patient):
    do_session(my_patient, pain_before=3, pain_after=4)
    assert not Alert.objects.exists()


def test_a_second_warning_in_a_row_pauses_and_raises_a_pause_alert(my_patient, routine):
    routine.items.exclude(exercise__name="Press-up on elbows").update(retired_at=timezone.now())
    do_session(my_patient, pain_before=2, pain_after=5)
    WorkoutSession.objects.update(local_date=my_patient.local_date() - timedelta(days=1))
    second = do_session(my_patient, pain_before=2, pain_after=6)
    paused = Alert.objects.get(kind=AlertKind.PAUSED)
    assert paused.session == second
    assert paused.message.startswith("Press-up on elbows is paused")
    assert "pain rose from 2 to 6 out of 10" in paused.message
    assert Alert.objects.filter(kind=AlertKind.WARNING).count() == 1  # the first session only
    assert RoutineItem.objects.get().paused


def test_a_next_stage_offered_raises_an_alert(my_patient, routine):
    routine.items.exclude(exercise__name="Press-up on elbows").update(retired_at=timezone.now())
    press_up = routine.items.get()
    press_up.exercise.next_stage = ExerciseFactory(name="Press-up on straight arms")
    press_up.exercise.save()
    press_up.current_target = 30
    press_up.save()
    do_session(my_patient)
    yesterday = my_patient.local_date() - timedelta(days=1)
    WorkoutSession.objects.update(local_date=yesterday)
    ProgressionDecision.objects.update(day=yesterday)
    do_session(my_patient)
    alert = Alert.objects.get()
    assert alert.kind == AlertKind.NEXT_STAGE
    assert "Press-up on straight arms was offered" in alert.message


@pytest.mark.parametrize(("days_ago", "raised"), [(3, 0), (4, 1)])
def test_three_quiet_days_raise_one_inactivity_alert_never_doubled(my_patient, days_ago, raised):
    session = do_session(my_patient)
    # The last session at noon on the patient's own day ``days_ago`` days back: 24-hour steps
    # back from now land an hour off across a change of daylight saving time, on the day before
    # (or the same day as) the one meant when the test runs near midnight.
    day = my_patient.local_date() - timedelta(days=days_ago)
    last = datetime.combine(day, time(12), tzinfo=my_patient.tz)
    WorkoutSession.objects.filter(pk=session.pk).update(started_at=last, local_date=day)
    assert raise_inactivity_alerts() == raised  # two full quiet days and today: not yet
    assert raise_inactivity_alerts() == 0
    call_command("raise_inactivity_alerts")
    assert Alert.objects.count() == raised
    if raised:
        alert = Alert.objects.get()
        assert alert.kind == AlertKind.INACTIVE
        assert alert.inactive_since == day
        assert "No session for 3 days" in alert.message
        assert "4 sessions a day planned" in alert.message


def test_a_patient_with_nothing_planned_is_never_quiet(my_patient, routine):
    my_patient.user.date_joined = timezone.now() - timedelta(days=30)
    my_patient.user.save()
    routine.items.update(paused=True)
    assert raise_inactivity_alerts() == 0
    routine.items.filter(exercise__name="Walking").update(paused=False)
    assert raise_inactivity_alerts() == 1
    assert "No session yet since joining" in Alert.objects.get().message


def test_a_new_quiet_spell_after_a_session_is_a_new_alert(my_patient):
    my_patient.user.date_joined = timezone.now() - timedelta(days=30)
    my_patient.user.save()
    assert raise_inactivity_alerts() == 1
    session = do_session(my_patient)
    assert raise_inactivity_alerts() == 0
    five_days_ago = timezone.now() - timedelta(days=5)
    WorkoutSession.objects.filter(pk=session.pk).update(
        started_at=five_days_ago, local_date=my_patient.local_date(five_days_ago)
    )
    assert raise_inactivity_alerts() == 1
    assert Alert.objects.filter(kind=AlertKind.INACTIVE).count() == 2
