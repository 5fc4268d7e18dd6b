"""In the admin, the figure's preview redraws as a clinician types, and says what is wrong."""

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import Page, expect

from tests.factories import ClinicianFactory, ExerciseFactory, ExerciseStepFactory, catalog_figure

pytestmark = pytest.mark.django_db(transaction=True)


def clinician():
    """A clinician who may edit exercises (the group's permissions come from a migration,
    which a test that flushes the database does not keep)."""
    user = ClinicianFactory(username="dana")
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_exercise", "change_exercise"])
    )
    return user


def test_the_preview_redraws_as_the_poses_are_typed(page: Page, live_server, login):
    exercise = ExerciseFactory(name="Cobra", figure=catalog_figure("cobra"))
    ExerciseStepFactory(exercise=exercise)
    login(clinician())
    page.goto(f"{live_server.url}/admin/exercises/exercise/{exercise.pk}/change/")
    preview = page.locator("#figure-preview")
    hold = preview.locator("svg[data-pose='Hold'] [data-part='head']")
    before = hold.get_attribute("cy")
    field = page.locator("#id_figure")
    text = field.input_value()

    field.fill(text.replace('"torso": 35', '"torso": 80'))
    expect(hold).not_to_have_attribute("cy", before)
    assert float(hold.get_attribute("cy")) < float(before)  # the chest is higher

    field.fill(text.replace('"torso": 35', '"torso": "up"'))
    expect(preview.locator(".errorlist")).to_have_text('Pose 2 ("Hold"): "torso" must be a number.')
    expect(preview.locator("svg")).to_have_count(0)
