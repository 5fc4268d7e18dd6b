"""The database refuses impossible values, even when nothing validates them first."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from exercises.models import DoseKind, Exercise, SuitabilityLevel
from tests.factories import (
    CauseFactory,
    ExerciseFactory,
    RoutineFactory,
    RoutineItemFactory,
    SuitabilityFactory,
)

pytestmark = pytest.mark.django_db


def refused(**changes) -> bool:
    exercise = ExerciseFactory()
    for name, value in changes.items():
        setattr(exercise, name, value)
    try:
        with transaction.atomic():
            exercise.save()
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize("seconds", [0, 601])
def test_it_refuses_a_hold_outside_1_to_600_seconds(seconds):
    assert refused(hold_seconds=seconds)


@pytest.mark.parametrize("seconds", [1, 600])
def test_it_accepts_holds_at_the_limits(seconds):
    assert not refused(hold_seconds=seconds)


@pytest.mark.parametrize("reps", [0, 101])
def test_it_refuses_reps_outside_1_to_100(reps):
    assert refused(reps=reps)


def test_it_refuses_more_than_10_sets():
    assert refused(sets=11)


def test_it_refuses_a_hold_dose_without_seconds():
    assert refused(hold_seconds=None)


def test_it_refuses_a_duration_dose_without_minutes():
    assert refused(dose_kind=DoseKind.DURATION, hold_seconds=None, duration_minutes=None)


def test_it_refuses_a_progression_whose_start_is_past_its_target():
    assert refused(progression_start=30, progression_target=5, progression_step=5)


def test_it_refuses_a_half_filled_progression():
    assert refused(progression_start=5, progression_target=30, progression_step=None)


def test_it_accepts_a_full_progression():
    assert not refused(progression_start=5, progression_target=30, progression_step=5)


def test_a_routine_item_has_the_same_limits():
    item = RoutineItemFactory()
    item.hold_seconds = 900
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_it_refuses_more_than_12_sessions_a_day():
    routine = RoutineFactory()
    routine.sessions_per_day = 13
    with pytest.raises(IntegrityError), transaction.atomic():
        routine.save()


def test_it_refuses_a_second_template_for_one_cause():
    cause = CauseFactory()
    RoutineFactory(cause=cause)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoutineFactory(cause=cause)


def test_it_refuses_two_suitabilities_for_one_exercise_and_cause():
    first = SuitabilityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SuitabilityFactory(exercise=first.exercise, cause=first.cause, level=SuitabilityLevel.AVOID)


def test_deleting_an_exercise_a_routine_uses_is_refused():
    item = RoutineItemFactory()
    with pytest.raises(ProtectedError):
        item.exercise.delete()
    assert Exercise.objects.filter(pk=item.exercise_id).exists()
