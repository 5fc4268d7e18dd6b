"""A clinician adds a patient; the patient opens the invitation in a fresh browser, chooses a
password, passes the safety check and does a set. At phone and at laptop size."""

import pytest
from playwright.sync_api import Browser, Page, expect

from sessions.models import SetLog
from tests.browser.conftest import PHONE
from tests.clinic.onboarding_data import herniated_disc_template
from tests.factories import ClinicianFactory

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1280, "height": 800}
PASSWORD = "a-long-good-pass-2026"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_a_clinician_brings_a_patient_in_who_then_does_a_set(
    page: Page, browser: Browser, live_server, login, viewport
):
    template = herniated_disc_template()
    clinician = ClinicianFactory(username="dana", first_name="Dana", last_name="Reyes")
    page.set_viewport_size(viewport)
    login(clinician)

    page.goto(f"{live_server.url}/clinician/")
    page.get_by_role("link", name="Add a patient").click()
    page.get_by_label("First name").fill("Jane")
    page.get_by_label("Last name").fill("Smith")
    page.get_by_label("Cause").select_option(label=template.cause.name)
    page.get_by_label("Painful side").select_option("left")
    page.get_by_label("Sessions per day").fill("3")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/London")
    page.get_by_role("button", name="Add the patient and make their link").click()

    expect(page.get_by_role("heading", name="Invitation for Jane Smith")).to_be_visible()
    expect(page.locator(".qr svg")).to_be_visible()
    link = page.get_by_label("Invitation link").input_value()
    assert link.startswith(f"{live_server.url}/invitation/")

    patient_context = browser.new_context(viewport=viewport, locale="en-GB")
    phone = patient_context.new_page()
    phone.clock.install()
    phone.goto(link)
    expect(phone.get_by_role("heading", name="Welcome, Jane")).to_be_visible()
    expect(phone.locator(".username")).to_have_text("jane-smith")
    phone.get_by_label("New password", exact=True).fill(PASSWORD)
    phone.get_by_label("New password confirmation").fill(PASSWORD)
    phone.get_by_role("button", name="Save my password").click()

    expect(phone.get_by_role("heading", name="Safety check")).to_be_visible()
    expect(phone.locator(".messages")).to_contain_text("log in as jane-smith")
    for question in phone.locator("fieldset").all():
        question.get_by_text("No", exact=True).click()
    phone.get_by_role("button", name="Continue").click()

    phone.locator(".choices.scale label", has_text="3").first.click()
    phone.get_by_text("Buttock", exact=True).click()
    phone.get_by_role("button", name="Start").click()
    expect(phone.locator("#player-root[data-ready]")).to_be_attached()
    expect(phone.locator("#set-title")).to_have_text("Press-up on elbows")
    phone.get_by_role("button", name="I'm ready").click()
    phone.clock.run_for(5_000 + 3 * 5_000 + 2 * 5_000 + 500)  # count-in, 3 holds, 2 rests
    checkin = phone.locator("#checkin")
    expect(checkin).to_be_visible()
    checkin.get_by_text("Easy", exact=True).click()
    checkin.locator(".choices.scale label", has_text="2").first.click()
    checkin.get_by_text("Lower back", exact=True).click()
    checkin.get_by_role("button", name="Save and go on").click()
    expect(phone.locator("#next-title")).to_have_text("Walking")
    expect(phone.locator("#sync-state")).to_have_text("All saved")  # sent in the background

    [logged] = SetLog.objects.filter(session__patient__user__username="jane-smith")
    assert (logged.exercise.name, logged.outcome, logged.reps_done) == (
        "Press-up on elbows",
        "completed",
        3,
    )
    assert (logged.effort, logged.pain) == ("easy", 2)
    patient_context.close()

    page.reload()
    expect(page.locator(".ok-box")).to_contain_text("Jane Smith has joined")
