"""axe-core finds no violation on the clinician's pages, in the light and the dark theme."""

import pytest
from playwright.sync_api import Page

from tests.browser.test_accessibility import THEMES, assert_clean, history  # noqa: F401
from tests.factories import ClinicianFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("theme", THEMES)
def test_clinician_pages_have_no_violations(page: Page, live_server, login, theme, history):  # noqa: F811
    clinician = ClinicianFactory(username="dana", first_name="Dana")
    patient = history.patient
    patient.clinician = clinician
    patient.save()
    login(clinician)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.emulate_media(color_scheme=theme)
    mine = f"/clinician/patients/{patient.pk}"
    for path in [
        "/clinician/",
        "/clinician/alerts/",
        "/clinician/patients/add/",
        "/clinician/clinic/",
        f"{mine}/",
        f"{mine}/sessions/{history.pk}/",
        f"{mine}/timeline/",
        f"{mine}/programme/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert_clean(page, f"{path} ({theme})")
