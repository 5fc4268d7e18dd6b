"""A phase ends at its deadline, not at the next display tick (static/js/timer.js).

The display ticks every 250 ms from the moment the set starts. A pause moves the deadline off
that grid; so does a tick that runs late on a busy phone. The fake clock moves only when told,
so each look at the card is at an exact millisecond.
"""

from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ready, start_session

pytestmark = pytest.mark.django_db(transaction=True)


def first_hold_paused(page: Page, live_server, login, patient, paused_ms: int):
    """The press-up (5 s count-in, then 5 s holds), paused 1.1 s into its first hold for
    ``paused_ms``: the hold now ends ``paused_ms`` after its old deadline, between two ticks."""
    page.clock.install()
    login(patient.user)
    start_session(page, live_server)
    page.clock.pause_at(datetime.now() + timedelta(seconds=1))
    ready(page, "Press-up on elbows")
    page.clock.run_for(6_100)
    expect(page.locator("#timer-phase")).to_have_text("Hold")
    page.get_by_role("button", name="Pause").click()
    expect(page.locator("#timer-phase")).to_have_text("Paused")
    page.clock.run_for(paused_ms)
    page.get_by_role("button", name="Resume").click()
    expect(page.locator("#timer-phase")).to_have_text("Hold")


def test_a_hold_ends_at_its_deadline_not_a_tick_later(page: Page, live_server, login, safe_patient):
    first_hold_paused(page, live_server, login, safe_patient, paused_ms=137)
    phase, rep = page.locator("#timer-phase"), page.locator("#timer-rep")
    page.clock.run_for(3_899)  # 1 ms before the deadline: 3.9 s were left at the pause
    expect(phase).to_have_text("Hold")
    expect(rep).to_have_text("rep 1 of 2")
    page.clock.run_for(1)  # the deadline itself; the next tick is 113 ms away
    expect(phase).to_have_text("Rest")
    page.clock.run_for(3_000)  # the rest ends on its own deadline too
    expect(phase).to_have_text("Hold")
    expect(rep).to_have_text("rep 2 of 2")


def test_a_paused_hold_does_not_end_at_its_old_deadline(
    page: Page, live_server, login, safe_patient
):
    first_hold_paused(page, live_server, login, safe_patient, paused_ms=0)
    page.get_by_role("button", name="Pause").click()
    page.clock.run_for(10_000)  # well past where the hold would have ended
    expect(page.locator("#timer-phase")).to_have_text("Paused")
    expect(page.locator("#timer-number")).to_have_text("4")
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(3_899)
    expect(page.locator("#timer-phase")).to_have_text("Hold")
    page.clock.run_for(1)
    expect(page.locator("#timer-phase")).to_have_text("Rest")
