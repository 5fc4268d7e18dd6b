"""A clinician adjusts a figure in the admin, with a preview; bad poses are refused."""

import json

import pytest
from django.urls import reverse

from exercises.forms import FigureJSONField
from tests.exercises.test_admin import exercise_form
from tests.factories import ExerciseFactory, ExerciseStepFactory, UserFactory, catalog_figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def cobra():
    exercise = ExerciseFactory(name="Cobra", figure=catalog_figure("cobra"))
    ExerciseStepFactory(exercise=exercise, text="Lie on your front.")
    return exercise


def change(client, exercise, figure_text):
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    return client.post(url, exercise_form(exercise, figure=figure_text))


def test_the_change_page_shows_the_poses_as_json_and_a_preview(client, clinician, cobra):
    client.force_login(clinician)
    html = client.get(reverse("admin:exercises_exercise_change", args=[cobra.pk])).content.decode()
    assert "&quot;arm&quot;: [150, -45]," in html  # one line per list, readable
    assert 'id="figure-preview"' in html
    assert html.count('data-pose="') == 2
    assert "Text alternative: Lying face down, lifting the head" in html


def test_a_clinician_adjusts_a_pose(client, clinician, cobra):
    figure = catalog_figure("cobra")
    figure["poses"][1]["torso"] = 40
    client.force_login(clinician)

    response = change(client, cobra, json.dumps(figure))

    assert response.status_code == 302, response.content.decode()[:3000]
    cobra.refresh_from_db()
    assert cobra.figure["poses"][1]["torso"] == 40


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"view": "side",', "This is not valid JSON: check the commas and brackets."),
        (
            json.dumps({**catalog_figure("cobra"), "poses": catalog_figure("cobra")["poses"][:1]}),
            "A figure needs from 2 to 6 poses: at least a start and an end.",
        ),
        (
            json.dumps(catalog_figure("cobra")).replace('"torso": 35', '"torso": "up"'),
            "Pose 2 (&quot;Hold&quot;): &quot;torso&quot; must be a number.",
        ),
        (
            json.dumps(catalog_figure("cobra")).replace('"torso": 35', '"torso": 395'),
            "The torso turns",
        ),
    ],
)
def test_a_bad_figure_gets_a_clear_message_and_nothing_is_saved(
    client, clinician, cobra, text, message
):
    client.force_login(clinician)

    response = change(client, cobra, text)

    assert response.status_code == 200
    assert message in response.content.decode()
    cobra.refresh_from_db()
    assert cobra.figure == catalog_figure("cobra")


def test_the_preview_draws_typed_poses_for_staff(client, clinician):
    client.force_login(clinician)
    figure = catalog_figure("sphinx")
    response = client.post(reverse("figure_preview"), {"figure": json.dumps(figure)})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 2
    assert "<figcaption>2. Hold</figcaption>" in html


def test_the_preview_says_what_is_wrong_with_a_400(client, clinician):
    client.force_login(clinician)
    figure = catalog_figure("sphinx")
    figure["poses"][0]["hip"] = [155, 5]
    response = client.post(reverse("figure_preview"), {"figure": json.dumps(figure)})
    assert response.status_code == 400
    assert "goes outside the frame" in response.content.decode()
    assert "<svg" not in response.content.decode()


def test_the_preview_is_for_staff_only_and_posts_only(client):
    url = reverse("figure_preview")
    client.force_login(UserFactory(username="pat"))
    assert client.post(url, {"figure": "{}"}).status_code == 302
    client.force_login(UserFactory(username="staffer", is_staff=True))
    assert client.get(url).status_code == 405


def test_the_json_keeps_each_list_of_numbers_on_one_line():
    text = FigureJSONField().prepare_value({"poses": [{"hip": [58, 5.5], "name": "Start"}]})
    assert '"hip": [58, 5.5]' in text
    assert json.loads(text) == {"poses": [{"hip": [58, 5.5], "name": "Start"}]}
