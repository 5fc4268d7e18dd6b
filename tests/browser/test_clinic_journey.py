"""The whole clinic loop in one browser run, at phone and at laptop size: a clinician adds a
patient; the patient opens the invitation in a fresh browser, chooses a password, passes the
safety check and does a set that hurts; the clinician sees the alert, opens the session,
acknowledges it and finds the program's step back in the routine's timeline."""

import pytest
from playwright.sync_api import Browser, Page, expect

from clinic.models import Alert
from sessions.models import SetLog
from tests.browser.conftest import PHONE
from tests.clinic.onboarding_data import herniated_disc_template
from tests.factories import ClinicianFactory

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1280, "height": 800}
PASSWORD = "a-long-good-pass-2026"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_from_invitation_to_an_acknowledged_alert(
    page: Page, browser: Browser, live_server, login, viewport
):
    template = herniated_disc_template()
    press_up = template.items.get(order=1)
    press_up.current_target = 15
    press_up.save()
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
    invitation_page = page.url

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
    phone.clock.run_for(5_000 + 3 * 15_000 + 2 * 5_000 + 500)  # count-in, 3 holds, 2 rests
    checkin = phone.locator("#checkin")
    expect(checkin).to_be_visible()
    checkin.get_by_text("Hard", exact=True).click()
    checkin.locator(".choices.scale label", has_text="6").first.click()
    checkin.get_by_text("Below the knee", exact=True).click()
    checkin.get_by_role("button", name="Save and go on").click()
    phone.get_by_role("link", name="End the session now").click()
    finish = phone.locator(".finish-form")
    finish.locator(".choices.scale label", has_text="6").first.click()
    finish.get_by_text("Thigh", exact=True).click()
    phone.get_by_role("button", name="See my summary").click()
    expect(phone.locator(".stat .value").first).to_be_visible()
    expect(phone.locator("#sync-state")).to_have_text("All saved")
    [logged] = SetLog.objects.filter(session__patient__user__username="jane-smith")
    assert (logged.exercise.name, logged.outcome, logged.reps_done) == (
        "Press-up on elbows",
        "completed",
        3,
    )
    assert (logged.effort, logged.pain, logged.pain_reach) == ("hard", 6, 4)
    patient_context.close()

    page.goto(invitation_page)
    expect(page.locator(".ok-box")).to_contain_text("Jane Smith has joined")

    page.goto(f"{live_server.url}/clinician/")
    alert = page.locator(".inbox .alert-row").first
    expect(alert).to_contain_text("Pain rose or spread")
    expect(alert).to_contain_text("Jane Smith")
    alert.get_by_role("link", name="Open the session").click()
    row = page.locator("table.sets tbody tr").first
    expect(row).to_contain_text("Press-up on elbows")
    expect(row).to_contain_text("6/10")
    expect(row).to_contain_text("Below the knee")
    page.locator(".alert-row").get_by_role("button", name="Acknowledge").click()
    expect(page.locator(".alert-row")).to_contain_text("Acknowledged by dana")
    assert Alert.objects.get().acknowledged_by == clinician

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Jane Smith").click()
    expect(page.locator(".timeline")).to_contain_text("Step back: Press-up on elbows, 15 s → 10 s.")
