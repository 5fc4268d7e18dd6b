"""A painful set reaches the clinician: the alert in the inbox, the session behind it,
acknowledged, and the program's step back in the routine's timeline. Phone and laptop."""

import pytest
from playwright.sync_api import Page, expect

from clinic.models import Alert
from sessions.models import SafetyCheck
from sessions.services import record_safety_check
from tests.browser.test_session import check_in, start_session
from tests.factories import (
    ClinicianFactory,
    ExerciseFactory,
    PatientFactory,
    RoutineFactory,
    RoutineItemFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "size", [{"width": 412, "height": 915}, {"width": 1280, "height": 800}], ids=["phone", "laptop"]
)
def test_a_painful_set_alerts_the_clinician_who_acknowledges_it(
    page: Page, live_server, login, size
):
    page.set_viewport_size(size)
    clinician = ClinicianFactory(username="dana", first_name="Dana")
    patient = PatientFactory(clinician=clinician, user__first_name="Sam")
    routine = RoutineFactory(cause=patient.cause, patient=patient.user)
    RoutineItemFactory(
        routine=routine,
        exercise=ExerciseFactory(
            name="Press-up on elbows",
            hold_seconds=5,
            reps=1,
            progression_start=5,
            progression_target=30,
            progression_step=5,
        ),
        current_target=15,
    )
    record_safety_check(patient=patient, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))

    page.clock.install()
    login(patient.user)
    start_session(page, live_server, pain="3", reach="Buttock")
    page.get_by_role("button", name="I'm ready").click()
    page.clock.run_for(5_500)
    page.clock.run_for(15_500)
    check_in(page, effort="Hard", pain="6", reach="Below the knee")
    # The last check-in's pain is the session's pain after: the finish is sent by itself, and
    # the summary opens once it is saved.
    expect(page.locator(".stat .value").first).to_be_visible()

    page.context.clear_cookies()
    login(clinician)
    page.goto(f"{live_server.url}/clinician/")
    alert = page.locator(".inbox .alert-row").first
    expect(alert).to_contain_text("Pain rose or spread")
    expect(alert).to_contain_text("Pain rose from 3 to 6 out of 10")
    expect(alert).to_contain_text("Stepped back: Press-up on elbows (15 s → 10 s).")
    alert.get_by_role("link", name="Open the session").click()

    expect(page.get_by_role("heading", name="Every set")).to_be_visible()
    row = page.locator("table.sets tbody tr").first
    expect(row).to_contain_text("Press-up on elbows")
    expect(row).to_contain_text("6/10")
    expect(row).to_contain_text("Below the knee")
    page.locator(".alert-row").get_by_role("button", name="Acknowledge").click()
    expect(page.locator(".messages")).to_contain_text("Acknowledged: Pain rose or spread")
    expect(page.locator(".alert-row")).to_contain_text("Acknowledged by dana")
    stored = Alert.objects.get()
    assert stored.acknowledged_by == clinician

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=str(patient)).click()
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("The program")
    expect(timeline).to_contain_text("Step back: Press-up on elbows, 15 s → 10 s.")
    page.goto(f"{live_server.url}/clinician/")
    expect(page.locator(".inbox")).to_contain_text("No open alerts")
