"""The printable programme shows each exercise's poses beside its steps."""

import pytest
from django.urls import reverse

from tests.factories import (
    ExerciseFactory,
    PatientFactory,
    RoutineFactory,
    RoutineItemFactory,
    catalog_figure,
)

pytestmark = pytest.mark.django_db


def test_the_programme_draws_the_poses_for_the_painful_side(client, clinician):
    patient = PatientFactory(clinician=clinician, affected_side="left")
    routine = RoutineFactory(cause=patient.cause, patient=patient.user)
    RoutineItemFactory(
        routine=routine,
        exercise=ExerciseFactory(
            name="Knee hug", sidedness="affected_side", figure=catalog_figure("knee-hug")
        ),
    )
    client.force_login(clinician)

    page = client.get(reverse("clinician_programme", args=[patient.pk])).content.decode()

    assert '<div class="figure-poses">' in page
    assert "<figcaption>1. Start</figcaption>" in page
    assert "<figcaption>2. Hold</figcaption>" in page
    assert "(left side)</title>" in page
