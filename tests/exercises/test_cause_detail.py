import pytest
from django.urls import reverse

from exercises.models import Category, SuitabilityLevel
from tests.factories import CauseFactory, ExerciseFactory, SuitabilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cause():
    cause = CauseFactory(name="Spinal stenosis", slug="spinal-stenosis")
    SuitabilityFactory(
        cause=cause,
        exercise=ExerciseFactory(name="Knee-to-chest stretch", category=Category.STRETCHING),
    )
    SuitabilityFactory(
        cause=cause,
        exercise=ExerciseFactory(name="Walking", category=Category.AEROBIC),
    )
    SuitabilityFactory(
        cause=cause,
        exercise=ExerciseFactory(name="Press-up on elbows", category=Category.STRETCHING),
        level=SuitabilityLevel.AVOID,
        note="Arching back narrows the canal.",
    )
    return cause


def test_it_lists_recommended_and_avoided_exercises(client, cause):
    response = client.get(reverse("cause_detail", args=[cause.slug]))
    html = response.content.decode()
    assert "<h1>Spinal stenosis</h1>" in html
    recommended, avoid = html.split("<h2>Avoid</h2>")
    assert "Knee-to-chest stretch" in recommended and "Walking" in recommended
    assert "Press-up on elbows" in avoid and "Arching back narrows the canal." in avoid


def test_the_category_filter_returns_a_full_page_without_htmx(client, cause):
    response = client.get(reverse("cause_detail", args=[cause.slug]), {"category": "aerobic"})
    html = response.content.decode()
    assert "<html" in html
    assert "Walking" in html
    assert "Knee-to-chest stretch" not in html


def test_the_category_filter_returns_only_the_list_for_htmx(client, cause):
    response = client.get(
        reverse("cause_detail", args=[cause.slug]),
        {"category": "stretching"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "<html" not in html
    assert html.strip().startswith('<div id="exercise-lists">')
    assert "Knee-to-chest stretch" in html
    assert "Walking" not in html


def test_every_filter_link_has_a_real_href(client, cause):
    html = client.get(reverse("cause_detail", args=[cause.slug])).content.decode()
    assert f'href="/causes/{cause.slug}/?category=aerobic"' in html
    assert f'hx-get="/causes/{cause.slug}/?category=aerobic"' in html


def test_an_unknown_category_gets_a_400_with_a_message(client, cause):
    response = client.get(reverse("cause_detail", args=[cause.slug]), {"category": "juggling"})
    assert response.status_code == 400
    assert "There is no category called juggling." in response.content.decode()


def test_an_unknown_cause_is_a_404(client):
    assert client.get(reverse("cause_detail", args=["nope"])).status_code == 404
