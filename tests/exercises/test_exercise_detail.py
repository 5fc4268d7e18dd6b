import pytest
from django.urls import reverse

from tests.factories import ExerciseFactory, ExerciseStepFactory, SuitabilityFactory

pytestmark = pytest.mark.django_db


def test_it_shows_steps_dose_progression_and_cautions(client):
    straight = ExerciseFactory(name="Press-up on straight arms", hold_seconds=1, reps=10)
    exercise = ExerciseFactory(
        name="Press-up on elbows",
        hold_seconds=5,
        reps=1,
        progression_start=5,
        progression_target=30,
        progression_step=5,
        cautions="Stop if the pain spreads down the leg.",
        next_stage=straight,
    )
    ExerciseStepFactory(exercise=exercise, order=1, text="Lie on your front.")
    ExerciseStepFactory(exercise=exercise, order=2, text="Prop yourself on your elbows.")
    SuitabilityFactory(exercise=exercise, cause__name="Herniated disc")

    html = client.get(reverse("exercise_detail", args=[exercise.slug])).content.decode()

    assert "<h1>Press-up on elbows</h1>" in html
    assert html.index("Lie on your front.") < html.index("Prop yourself on your elbows.")
    assert "Hold 5 s × 1" in html
    assert "Start at 5 s, add 5 s at a time, up to 30 s." in html
    assert "Stop if the pain spreads down the leg." in html
    assert "Press-up on straight arms</a> (hold 1 s × 10)" in html
    assert "Herniated disc" in html


def test_an_unknown_exercise_is_a_404(client):
    assert client.get(reverse("exercise_detail", args=["nope"])).status_code == 404


def test_the_home_page_lists_causes_and_the_safety_warning(client):
    SuitabilityFactory(cause__name="Piriformis syndrome")
    html = client.get(reverse("home")).content.decode()
    assert "Piriformis syndrome" in html
    assert "This is not a diagnosis." in html
    assert "Get urgent medical help" in html
