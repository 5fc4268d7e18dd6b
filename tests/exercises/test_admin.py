import pytest
from django.urls import reverse

from exercises.models import Exercise
from tests.factories import (
    ExerciseFactory,
    ExerciseStepFactory,
    PatientFactory,
    SuitabilityFactory,
)

pytestmark = pytest.mark.django_db


def exercise_form(exercise: Exercise, **changes) -> dict[str, object]:
    data = {
        "name": exercise.name,
        "slug": exercise.slug,
        "summary": exercise.summary,
        "category": exercise.category,
        "position": exercise.position,
        "sidedness": exercise.sidedness,
        "dose_kind": exercise.dose_kind,
        "hold_seconds": exercise.hold_seconds,
        "reps": exercise.reps,
        "sets": exercise.sets,
        "rest_seconds": exercise.rest_seconds,
        "duration_minutes": "",
        "progression_start": "",
        "progression_target": "",
        "progression_step": "",
        "next_stage": "",
        "cautions": "",
        "own_media_use": exercise.own_media_use,
        "steps-TOTAL_FORMS": 1,
        "steps-INITIAL_FORMS": 1,
        "steps-0-id": exercise.steps.get().pk,
        "steps-0-exercise": exercise.pk,
        "steps-0-order": 1,
        "steps-0-text": "Lie on your front.",
        "suitabilities-TOTAL_FORMS": 0,
        "suitabilities-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_a_clinician_who_is_not_a_superuser_edits_a_dose(client, clinician):
    exercise = ExerciseFactory(hold_seconds=5, reps=1)
    ExerciseStepFactory(exercise=exercise)
    SuitabilityFactory(exercise=exercise)
    assert not clinician.is_superuser
    client.force_login(clinician)

    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    response = client.post(url, exercise_form(exercise, hold_seconds=12))

    assert response.status_code == 302, response.content.decode()[:2000]
    exercise.refresh_from_db()
    assert exercise.hold_seconds == 12
    page = client.get(reverse("exercise_detail", args=[exercise.slug])).content.decode()
    assert "Hold 12 s × 1" in page


def test_the_admin_refuses_an_impossible_hold_with_a_message(client, clinician):
    exercise = ExerciseFactory(hold_seconds=5)
    ExerciseStepFactory(exercise=exercise)
    client.force_login(clinician)

    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    response = client.post(url, exercise_form(exercise, hold_seconds=900))

    assert response.status_code == 200
    assert "Hold seconds must be from 1 to 600." in response.content.decode()
    exercise.refresh_from_db()
    assert exercise.hold_seconds == 5


def test_a_clinician_sees_the_catalog_in_the_admin(client, clinician):
    ExerciseFactory(name="Cat-cow")
    client.force_login(clinician)
    response = client.get(reverse("admin:exercises_exercise_changelist"))
    assert "Cat-cow" in response.content.decode()


def test_a_patient_cannot_reach_the_admin(client):
    patient = PatientFactory()
    client.force_login(patient.user)
    response = client.get(reverse("admin:exercises_exercise_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
