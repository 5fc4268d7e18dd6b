"""A visitor on a phone goes from the causes to a cause to one exercise."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import CauseFactory, ExerciseFactory, ExerciseStepFactory, SuitabilityFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_browses_from_causes_to_an_exercise(page: Page, live_server):
    cause = CauseFactory(name="Herniated disc", slug="herniated-disc")
    exercise = ExerciseFactory(
        name="Press-up on elbows",
        hold_seconds=5,
        reps=1,
        progression_start=5,
        progression_target=30,
        progression_step=5,
    )
    ExerciseStepFactory(exercise=exercise, order=1, text="Lie face down with your hips flat.")
    ExerciseStepFactory(exercise=exercise, order=2, text="Rise onto your elbows and hold.")
    SuitabilityFactory(exercise=exercise, cause=cause)
    SuitabilityFactory(exercise=ExerciseFactory(name="Walking", category="aerobic"), cause=cause)

    page.goto(live_server.url)
    page.get_by_role("link", name="Herniated disc").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Herniated disc")

    page.get_by_role("link", name="Aerobic", exact=True).click()
    expect(page.locator("#exercise-lists")).to_contain_text("Walking")
    expect(page.locator("#exercise-lists")).not_to_contain_text("Press-up on elbows")
    assert page.url.endswith("?category=aerobic")

    page.get_by_role("link", name="All", exact=True).click()
    page.get_by_role("link", name="Press-up on elbows").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Press-up on elbows")
    expect(page.locator(".steps li")).to_have_text(
        ["Lie face down with your hips flat.", "Rise onto your elbows and hold."]
    )
    expect(page.locator(".dose")).to_have_text("Hold 5 s × 1")
    assert page.viewport_size == {"width": 412, "height": 915}
