"""The set card carries the exercise's moving figure, drawn for the side being worked."""

import html
import json
import re

import pytest
from django.urls import reverse

from exercises import figures
from sessions.services import start_session
from tests.factories import ExerciseFactory, RoutineFactory, RoutineItemFactory, catalog_figure

pytestmark = pytest.mark.django_db


def motion_of(page: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-motion="([^"]*)"', page).group(1)))


def test_the_card_shows_the_figure_mirrored_for_the_left_side(patient_client, safe_patient):
    routine = RoutineFactory(cause=safe_patient.cause, patient=safe_patient.user)
    RoutineItemFactory(
        routine=routine,
        exercise=ExerciseFactory(
            name="Knee hug", sidedness="each_side", figure=catalog_figure("knee-hug")
        ),
    )
    session = start_session(patient=safe_patient, pain=3, reach=1)

    page = patient_client.get(reverse("session_play", args=[session.pk])).content.decode()

    figure = figures.parse(catalog_figure("knee-hug"))
    assert motion_of(page) == json.loads(json.dumps(figures.motion(figure, "left")))
    assert motion_of(page) != json.loads(json.dumps(figures.motion(figure)))
    assert "(left side)</title>" in page
    # The key poses for reduced motion: start and hold, named.
    assert re.findall(r'<li data-pose-index="(\d)">.*?<span>(\w+)</span></li>', page) == [
        ("0", "Start"),
        ("1", "Hold"),
    ]


def test_an_exercise_without_a_figure_plays_without_one(patient_client, safe_patient):
    routine = RoutineFactory(cause=safe_patient.cause, patient=safe_patient.user)
    RoutineItemFactory(routine=routine, exercise=ExerciseFactory(name="Something new"))
    session = start_session(patient=safe_patient, pain=3, reach=1)

    page = patient_client.get(reverse("session_play", args=[session.pk])).content.decode()

    assert '<h1 id="set-title" tabindex="-1">Something new</h1>' in page
    assert "data-figure" not in page


def plan_of(page: str) -> dict:
    found = re.search(r'<script id="session-plan" type="application/json">(.*?)</script>', page)
    return json.loads(found.group(1))


def test_the_plan_carries_each_sides_figure_and_the_next_up_thumbnail(patient_client, safe_patient):
    """The player advances offline, so every later card's figure comes from the plan."""
    routine = RoutineFactory(cause=safe_patient.cause, patient=safe_patient.user)
    RoutineItemFactory(routine=routine, order=1, exercise=ExerciseFactory(name="Something new"))
    RoutineItemFactory(
        routine=routine,
        order=2,
        exercise=ExerciseFactory(
            name="Knee hug", sidedness="each_side", figure=catalog_figure("knee-hug")
        ),
    )
    session = start_session(patient=safe_patient, pain=3, reach=1)

    plan = plan_of(patient_client.get(reverse("session_play", args=[session.pk])).content.decode())

    plain, knee_hug = plan["items"]
    assert plain["figures"] == {"": ""} and plain["thumb"] == ""
    assert set(knee_hug["figures"]) == {"left", "right"}
    assert "(left side)</title>" in knee_hug["figures"]["left"]
    assert "(right side)</title>" in knee_hug["figures"]["right"]
    assert "data-motion" in knee_hug["figures"]["right"]
    assert knee_hug["thumb"].startswith("<svg") and "figure small" in knee_hug["thumb"]
