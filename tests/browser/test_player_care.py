"""A session that respects the body: stop, pause, skip with undo, one rep counter, red flags."""

import pytest
from playwright.sync_api import Page, expect

from sessions.models import SafetyCheck, SetLog, WorkoutSession
from tests.browser.conftest import PHONE, add_login
from tests.browser.helpers import first_set_without_questions, open_player, ready
from tests.factories import ExerciseFactory, RoutineItemFactory

pytestmark = pytest.mark.django_db(transaction=True)

ON_HOLD = "Please get medical advice before exercising"


def answer_safety_check(page: Page, yes_to: str | None = None):
    for question in page.locator("fieldset.question").all():
        question.get_by_text("No", exact=True).click()
    if yes_to:
        page.locator("fieldset.question", has_text=yes_to).get_by_text("Yes", exact=True).click()
    page.get_by_role("button", name="Continue").click()


def test_a_red_flag_answer_blocks_the_start(page: Page, live_server, login, patient):
    login(patient.user)
    page.goto(f"{live_server.url}/today/")
    page.get_by_role("link", name="Safety check").click()
    expect(page.locator("main")).to_contain_text("call 999")
    answer_safety_check(page, yes_to="bladder")
    expect(page.get_by_role("heading", level=1)).to_have_text(ON_HOLD)
    page.goto(f"{live_server.url}/today/")
    expect(page.locator(".alert")).to_contain_text("Sessions are on hold.")
    expect(page.get_by_role("link", name="Start", exact=True)).to_have_count(0)
    assert SafetyCheck.objects.get().red_flag is True
    assert not WorkoutSession.objects.exists()


def test_a_red_flag_reported_on_another_device_stops_the_session(
    page: Page, browser, live_server, login, safe_patient
):
    open_player(page, live_server, login, safe_patient)
    first_set_without_questions(page)
    ready(page, "Crossed-leg stretch")
    page.clock.run_for(7_000)
    expect(page.locator("#timer-phase")).to_have_text("Hold")

    other = browser.new_context(viewport=PHONE)
    add_login(other, live_server, safe_patient.user)
    phone = other.new_page()
    phone.goto(f"{live_server.url}/today/")
    phone.get_by_role("button", name="My symptoms have changed").click()
    answer_safety_check(phone, yes_to="numbness")
    expect(phone.get_by_role("heading", level=1)).to_have_text(ON_HOLD)
    other.close()

    page.clock.run_for(15_000)
    expect(page.get_by_role("heading", level=1)).to_have_text(ON_HOLD)
    page.goto(f"{live_server.url}/sessions/{WorkoutSession.objects.get().pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ON_HOLD)
    # The set done before the flag is kept; nothing after it was stored.
    assert list(SetLog.objects.values_list("exercise__name", "outcome")) == [
        ("Press-up on elbows", "completed")
    ]


def test_stop_asks_why_first_then_what_next_and_nothing_starts_by_itself(
    page: Page, live_server, login, safe_patient
):
    open_player(page, live_server, login, safe_patient)
    ready(page, "Press-up on elbows")
    page.clock.run_for(7_000)
    page.get_by_role("button", name="Stop, it hurts").click()

    expect(page.get_by_role("heading", name="Stopped. What happened?")).to_be_focused()
    expect(page.locator("#checkin")).to_be_hidden()
    reasons = page.locator("#stop-reasons button")
    expect(reasons).to_have_text(["It hurts", "Too hard today", "Something else"])
    expect(page.locator("#stop-next")).to_be_hidden()
    reasons.filter(has_text="It hurts").click()

    expect(page.get_by_role("heading", name="What would you like to do?")).to_be_focused()
    expect(page.locator("#stop-next button")).to_have_text(
        ["Rest, then go on", "Skip this exercise", "End today's session"]
    )
    page.get_by_role("button", name="Skip this exercise").click()
    expect(page.locator("#next-title")).to_have_text("Crossed-leg stretch")
    expect(page.locator("#next-countdown")).to_be_hidden()
    page.clock.run_for(120_000)
    expect(page.locator("#next-card")).to_be_visible()
    expect(page.locator("#set-card")).to_be_hidden()
    expect(page.locator("#sync-state")).to_have_text("All saved")

    stopped = SetLog.objects.get()
    assert (stopped.outcome, stopped.stop_reason, stopped.held_seconds) == ("stopped", "hurts", 2)
    assert stopped.reps_done == 0


def test_pause_says_paused_and_skip_can_be_undone(page: Page, live_server, login, safe_patient):
    open_player(page, live_server, login, safe_patient)
    ready(page, "Press-up on elbows")
    page.clock.run_for(6_000)
    page.get_by_role("button", name="Pause").click()
    expect(page.locator("#timer-phase")).to_have_text("Paused")
    expect(page.locator("#timer-phase")).to_have_css("text-transform", "uppercase")
    number = page.locator("#timer-number").text_content()
    page.clock.run_for(30_000)
    expect(page.locator("#timer-number")).to_have_text(number)
    page.get_by_role("button", name="Resume").click()
    expect(page.locator("#timer-phase")).to_have_text("Hold")

    page.get_by_role("button", name="Skip exercise").click()
    expect(page.locator("#next-title")).to_have_text("Crossed-leg stretch")
    expect(page.locator("#undo-text")).to_have_text("Skipped Press-up on elbows.")
    page.get_by_role("button", name="Undo").click()
    expect(page.locator("#next-title")).to_have_text("Press-up on elbows")
    page.clock.run_for(10_000)
    assert not SetLog.objects.exists()

    ready(page, "Press-up on elbows")
    page.get_by_role("button", name="Skip exercise").click()
    expect(page.locator("#undo-bar")).to_be_visible()
    page.clock.run_for(5_500)
    expect(page.locator("#undo-bar")).to_be_hidden()
    expect(page.locator("#sync-state")).to_have_text("All saved")
    assert list(SetLog.objects.values_list("exercise__name", "outcome")) == [
        ("Press-up on elbows", "skipped")
    ]


@pytest.fixture
def cat_cow(safe_patient):
    """The patient's routine starts with three tapped reps of cat-cow."""
    RoutineItemFactory(
        routine=safe_patient.user.routine,
        order=0,
        exercise=ExerciseFactory(name="Cat-cow", dose_kind="reps", hold_seconds=None, reps=3),
    )
    return safe_patient


def test_tapped_reps_have_one_counter(page: Page, live_server, login, cat_cow):
    open_player(page, live_server, login, cat_cow)
    ready(page, "Cat-cow")
    page.clock.run_for(5_500)
    tap = page.get_by_role("button", name="Tap after each rep")
    expect(page.locator("#timer-number")).to_have_text("0")
    expect(page.locator("#timer-rep")).to_have_text("of 3 reps")
    tap.click()
    tap.click()
    expect(page.locator("#timer-number")).to_have_text("2")
    expect(page.locator("#timer-rep")).to_have_text("of 3 reps")
    expect(tap).to_have_text("Tap after each rep")
    tap.click()
    expect(page.locator("#checkin")).to_be_visible()
    page.get_by_role("button", name="Skip questions").click()
    expect(page.locator("#next-title")).to_have_text("Press-up on elbows")
    expect(page.locator("#sync-state")).to_have_text("All saved")
    log = SetLog.objects.get()
    assert (log.target_reps, log.reps_done) == (3, 3)


def test_reps_can_be_paced_without_tapping(page: Page, live_server, login, cat_cow):
    open_player(page, live_server, login, cat_cow)
    ready(page, "Cat-cow")
    page.get_by_text("Sound, voice and vibration").click()
    page.get_by_label("Count tapped reps for me").check()
    page.clock.run_for(5_500)  # the count-in; pacing starts with the reps
    page.clock.run_for(4_000)
    expect(page.locator("#timer-number")).to_have_text("1")
    page.get_by_role("button", name="Pause").click()
    page.clock.run_for(20_000)
    expect(page.locator("#timer-number")).to_have_text("1")
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(8_500)
    expect(page.locator("#checkin")).to_be_visible()
    page.get_by_role("button", name="Skip questions").click()
    expect(page.locator("#sync-state")).to_have_text("All saved")
    assert SetLog.objects.get().reps_done == 3
