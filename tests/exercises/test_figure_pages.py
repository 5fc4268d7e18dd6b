"""Figures on the pages: the staff sheet, an exercise's page, a cause's page and Today."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import (
    ClinicianFactory,
    ExerciseFactory,
    RoutineFactory,
    RoutineItemFactory,
    SuitabilityFactory,
    UserFactory,
    catalog_figure,
)

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _svgs(html: str) -> list[ET.Element]:
    """Every inline SVG of a page, parsed (each must be well-formed on its own)."""
    found, start = [], 0
    while (start := html.find("<svg", start)) != -1:
        end = html.index("</svg>", start) + len("</svg>")
        found.append(ET.fromstring(html[start:end]))
        start = end
    return [svg for svg in found if "figure" in (svg.get("class") or "")]


def test_the_figure_sheet_is_for_staff_only(client):
    url = reverse("figure_sheet")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(username="pat"))
    assert client.get(url).status_code == 302


def test_the_figure_sheet_shows_every_exercises_poses_and_flags_missing_ones(
    client, django_assert_num_queries
):
    ExerciseFactory(name="Knee hug", sidedness="each_side", figure=catalog_figure("knee-hug"))
    ExerciseFactory(name="Cobra", figure=catalog_figure("cobra"))
    ExerciseFactory(name="Something new")
    client.force_login(ClinicianFactory(username="dana"))

    # The session, the user, their patient record (for the menu), the exercises: flat.
    with django_assert_num_queries(4):
        html = client.get(reverse("figure_sheet")).content.decode()

    titles = [svg.find(f"{SVG}title").text for svg in _svgs(html)]
    assert titles == [
        "Start. Lying face down, lifting the head and chest with the back muscles, hands beside "
        "the chest and elbows bent",
        "Hold. Lying face down, lifting the head and chest with the back muscles, hands beside "
        "the chest and elbows bent",
        "Start. Lying on the back, hugging one knee to the chest while the other foot stays flat "
        "on the mat",
        "Hold. Lying on the back, hugging one knee to the chest while the other foot stays flat "
        "on the mat",
        "Start. Lying on the back, hugging one knee to the chest while the other foot stays flat "
        "on the mat (left side)",
        "Hold. Lying on the back, hugging one knee to the chest while the other foot stays flat "
        "on the mat (left side)",
    ]
    assert "Something new" in html and "No figure yet." in html


def test_an_exercises_page_shows_its_poses_with_the_steps(client):
    exercise = ExerciseFactory(
        name="Press-up on elbows", figure=catalog_figure("press-up-on-elbows")
    )
    html = client.get(reverse("exercise_detail", args=[exercise.slug])).content.decode()

    figures = _svgs(html)
    assert [svg.get("data-pose") for svg in figures] == ["Start", "Hold"]
    assert "<figcaption>1. Start</figcaption>" in html
    assert html.index("How to do it") < html.index("<svg")


def test_an_exercise_without_a_figure_still_shows_its_page(client):
    exercise = ExerciseFactory(name="Something new")
    response = client.get(reverse("exercise_detail", args=[exercise.slug]))
    assert response.status_code == 200
    assert _svgs(response.content.decode()) == []


def test_a_causes_page_shows_a_small_figure_beside_each_exercise(client):
    cobra = ExerciseFactory(name="Cobra", figure=catalog_figure("cobra"))
    suitability = SuitabilityFactory(exercise=cobra, cause__name="Herniated disc")
    SuitabilityFactory(exercise=ExerciseFactory(name="Plain"), cause=suitability.cause)

    html = client.get(suitability.cause.get_absolute_url()).content.decode()

    small = _svgs(html)
    assert len(small) == 1
    assert small[0].get("class") == "figure small"
    assert small[0].get("data-pose") == "Hold"


def test_today_shows_each_exercise_with_its_figure_for_the_painful_side(patient_client, patient):
    patient.affected_side = "left"
    patient.save()
    routine = RoutineFactory(cause=patient.cause, patient=patient.user)
    RoutineItemFactory(
        routine=routine,
        order=1,
        exercise=ExerciseFactory(
            name="Piriformis stretch",
            sidedness="affected_side",
            figure=catalog_figure("piriformis-stretch"),
        ),
    )
    RoutineItemFactory(
        routine=routine,
        order=2,
        exercise=ExerciseFactory(name="Cobra", figure=catalog_figure("cobra")),
    )

    html = patient_client.get(reverse("today")).content.decode()

    titles = [svg.find(f"{SVG}title").text for svg in _svgs(html)]
    assert titles[0].endswith("(left side)")
    assert titles[1].startswith("Lying face down, lifting the head")
