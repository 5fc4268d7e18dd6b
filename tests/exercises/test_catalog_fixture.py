"""The reference catalog loads on this database, completely, and twice changes nothing."""

import pytest
from django.core.management import call_command

from exercises.models import Cause, DoseKind, Exercise, Routine, RoutineItem, Suitability

pytestmark = pytest.mark.django_db

YOGA = [
    "Child's pose to upward dog",
    "Cat-cow",
    "Downward dog",
    "Cobra",
    "Sphinx",
    "Supported bridge",
    "Knee hug",
    "Reclining big-toe pose",
    "Reclining twist",
    "Seated twist",
    "Pigeon",
]


@pytest.fixture
def catalog():
    call_command("loaddata", "catalog", verbosity=0)


def test_loading_it_twice_changes_nothing(catalog):
    counts = [m.objects.count() for m in (Cause, Exercise, Suitability, Routine, RoutineItem)]
    call_command("loaddata", "catalog", verbosity=0)
    assert [m.objects.count() for m in (Cause, Exercise, Suitability, Routine, RoutineItem)] == (
        counts
    )


def test_it_has_the_three_causes_and_not_yet_diagnosed(catalog):
    assert set(Cause.objects.values_list("slug", flat=True)) == {
        "herniated-disc",
        "spinal-stenosis",
        "piriformis-syndrome",
        "not-yet-diagnosed",
    }


def test_the_press_up_progresses_from_5_to_30_seconds_then_straight_arms(catalog):
    elbows = Exercise.objects.get(name="Press-up on elbows")
    assert (elbows.dose_kind, elbows.hold_seconds) == (DoseKind.HOLD, 5)
    assert (elbows.progression_start, elbows.progression_target) == (5, 30)
    straight = elbows.next_stage
    assert straight.name == "Press-up on straight arms"
    assert (straight.hold_seconds, straight.reps) == (1, 10)


@pytest.mark.parametrize(
    ("name", "hold", "reps"),
    [
        ("Knee-to-chest stretch", 30, 6),
        ("Lower-abdominal brace", 10, 10),
        ("Crossed-leg piriformis stretch", 60, 1),
        ("Seated hamstring stretch", 30, 3),
        ("Standing hamstring stretch", 30, 1),
    ],
)
def test_article_doses_are_kept(catalog, name, hold, reps):
    exercise = Exercise.objects.get(name=name)
    assert (exercise.hold_seconds, exercise.reps) == (hold, reps)


def test_the_piriformis_stretch_works_up_to_30_seconds_on_the_painful_side(catalog):
    exercise = Exercise.objects.get(name="Piriformis stretch")
    assert exercise.progression_target == 30
    assert exercise.reps == 3
    assert exercise.sidedness == "affected_side"


def test_the_crossed_leg_stretch_is_done_on_each_side(catalog):
    assert Exercise.objects.get(name="Crossed-leg piriformis stretch").sidedness == "each_side"


@pytest.mark.parametrize("name", ["Walking", "Swimming or pool therapy"])
def test_aerobic_work_is_timed_in_minutes(catalog, name):
    exercise = Exercise.objects.get(name=name)
    assert exercise.dose_kind == DoseKind.DURATION
    assert exercise.duration_minutes


@pytest.mark.parametrize("name", YOGA)
def test_every_yoga_pose_is_there_with_steps(catalog, name):
    exercise = Exercise.objects.get(name=name)
    assert exercise.steps.count() >= 3
    assert str(exercise.default_dose)


def test_every_exercise_is_rated_for_every_cause(catalog):
    causes = Cause.objects.count()
    for exercise in Exercise.objects.all():
        assert exercise.suitabilities.count() == causes, exercise.name


def test_every_cause_has_one_template_routine(catalog):
    for cause in Cause.objects.all():
        template = Routine.objects.templates().get(cause=cause)
        assert template.items.count() >= 3


def test_every_row_passes_model_validation(catalog):
    for model in (Exercise, RoutineItem, Suitability):
        for row in model.objects.all():
            row.full_clean()
