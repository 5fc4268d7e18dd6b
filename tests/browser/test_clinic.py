"""A clinician clears a paused exercise, and the patient's Today shows it again."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import (
    ClinicianFactory,
    ExerciseFactory,
    PatientFactory,
    RoutineFactory,
    RoutineItemFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_clinician_clears_a_pause_and_the_patient_sees_it_back(page: Page, live_server, login):
    clinician = ClinicianFactory(username="dana")
    patient = PatientFactory(clinician=clinician)
    routine = RoutineFactory(cause=patient.cause, patient=patient.user)
    item = RoutineItemFactory(
        routine=routine, exercise=ExerciseFactory(name="Press-up on elbows"), paused=True
    )

    login(patient.user)
    page.goto(f"{live_server.url}/today/")
    expect(page.locator(".plan li", has_text="Press-up on elbows")).to_contain_text(
        "Paused until your clinician checks it."
    )

    page.context.clear_cookies()
    login(clinician)
    page.goto(f"{live_server.url}/clinician/")
    expect(page.locator("tbody tr").first).to_contain_text("Exercise paused")
    page.get_by_role("link", name=str(patient)).click()
    page.get_by_role("button", name="Clear the pause").click()
    expect(page.locator(".messages")).to_contain_text("is back in the patient's sessions")
    expect(page.locator(".changes")).to_contain_text("Cleared the pause on Press-up on elbows.")

    page.context.clear_cookies()
    login(patient.user)
    page.goto(f"{live_server.url}/today/")
    row = page.locator(".plan li", has_text="Press-up on elbows")
    expect(row).not_to_contain_text("Paused")
    expect(row).to_contain_text("put it back in your sessions")
    item.refresh_from_db()
    assert item.paused is False
