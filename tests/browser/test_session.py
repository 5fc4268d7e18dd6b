"""A whole session on a phone, in Chromium, with a fake clock: nothing waits in real time."""

from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Page, expect

from sessions.models import SetLog, WorkoutSession
from tests.browser.helpers import (
    check_in,
    first_set_without_questions,
    open_player,
    ready,
    start_session,
)

pytestmark = pytest.mark.django_db(transaction=True)


def logged():
    logs = SetLog.objects.order_by("logged_at", "id")
    return [(log.exercise.name, log.side, log.outcome) for log in logs]


WHOLE = [
    ("Press-up on elbows", "", "completed"),
    ("Crossed-leg stretch", "left", "completed"),
    ("Crossed-leg stretch", "right", "completed"),
    ("Walking", "", "completed"),
]


def do_whole_session(page: Page):
    """Every set, with the check-ins; the last one's pain is the session's pain after."""
    phase, number, rep = (
        page.locator("#timer-phase"),
        page.locator("#timer-number"),
        page.locator("#timer-rep"),
    )
    expect(page.locator("#next-eyebrow")).to_have_text("First up")
    expect(page.locator("#next-position")).to_have_text("Lying face down")
    expect(page.locator("#next-dose")).to_have_text("Hold 5 s × 2")
    expect(page.locator("#progress-count")).to_have_text("0 of 4 sets done")
    ready(page, "Press-up on elbows")
    expect(phase).to_have_text("Get ready")
    expect(number).to_have_text("5")
    page.clock.run_for(2_000)
    expect(number).to_have_text("3")
    page.clock.run_for(3_000)
    expect(phase).to_have_text("Hold")
    expect(rep).to_have_text("rep 1 of 2")
    page.clock.run_for(5_000)
    expect(phase).to_have_text("Rest")
    page.clock.run_for(3_000)
    expect(rep).to_have_text("rep 2 of 2")
    page.clock.run_for(5_000)
    check_in(page)

    # A new exercise waits on "Next up", then starts by itself after 15 s.
    expect(page.locator("#next-title")).to_have_text("Crossed-leg stretch")
    expect(page.locator("#next-side")).to_have_text("Left side")
    expect(page.locator("#progress-count")).to_have_text("1 of 4 sets done")
    expect(page.locator("#next-countdown")).to_have_text("Starts by itself in 15 s")
    page.clock.run_for(15_500)
    expect(page.locator("#set-title")).to_have_text("Crossed-leg stretch")
    expect(page.locator("#side-label")).to_have_text("Left side")
    # The left side runs straight on into the right side, then the check-in.
    page.clock.run_for(15_500)
    expect(page.locator("#side-label")).to_have_text("Right side")
    expect(phase).to_have_text("Switch sides")
    page.clock.run_for(15_500)
    page.get_by_role("button", name="Skip questions").click()

    ready(page, "Walking")
    page.clock.run_for(5_500)
    expect(phase).to_have_text("Keep moving")
    page.clock.run_for(60_000)
    check_in(page, effort="About right", pain="2", reach="Lower back")


def test_a_whole_session_asks_pain_once(page: Page, live_server, login, safe_patient):
    page.clock.install()
    login(safe_patient.user)
    start_session(page, live_server)
    do_whole_session(page)

    # The last check-in asked for pain: the summary comes without asking again.
    expect(page.get_by_role("heading", name="Session done")).to_be_visible()
    expect(page.locator(".stat .value").first).to_have_text("4 / 4")
    expect(page.locator(".reach")).to_contain_text("Centralizing")
    expect(page.locator("body")).to_contain_text("Next time: 10 s.")
    assert logged() == WHOLE
    press_up, left, right, walk = SetLog.objects.order_by("logged_at", "id")
    assert (press_up.target_seconds, press_up.held_seconds, press_up.reps_done) == (5, 5, 2)
    assert (press_up.effort, press_up.pain, press_up.pain_reach) == ("easy", 3, 2)
    assert left.effort == "" and right.effort == ""
    assert (walk.target_seconds, walk.held_seconds, walk.effort) == (60, 60, "about_right")
    session = WorkoutSession.objects.get()
    assert (session.pain_before, session.reach_before) == (4, 3)
    assert (session.status, session.pain_after, session.reach_after) == ("finished", 2, 1)


def test_a_whole_session_offline_is_stored_once_in_order_when_back_online(
    page: Page, live_server, login, safe_patient
):
    page.clock.install()
    login(safe_patient.user)
    start_session(page, live_server)
    sent = []
    page.on("request", lambda r: r.method == "POST" and sent.append(r.url.split("/")[-2]))
    page.context.set_offline(True)
    do_whole_session(page)

    expect(page.locator("#done-queued")).to_be_visible()
    expect(page.locator("#sync-state")).to_have_text(
        "Offline: 4 sets and your finish waiting to save, kept on this phone"
    )
    assert not SetLog.objects.exists()
    assert WorkoutSession.objects.get().status == "in_progress"

    page.context.set_offline(False)
    expect(page.get_by_role("heading", name="Session done")).to_be_visible()
    assert logged() == WHOLE
    assert sent[-5:] == ["sets", "sets", "sets", "sets", "finish"]
    session = WorkoutSession.objects.get()
    assert (session.status, session.pain_after, session.reach_after) == ("finished", 2, 1)


def test_a_set_done_offline_then_end_session_is_sent_from_today(
    page: Page, live_server, login, safe_patient
):
    open_player(page, live_server, login, safe_patient, offline=True)
    first_set_without_questions(page)
    page.get_by_role("link", name="End the session now").click()
    expect(page.locator("#done-card-title")).to_have_text("Ending the session")
    finish = page.locator("#done-card .finish-form")
    finish.locator(".choices.scale label", has_text="3").first.click()
    finish.get_by_text("Buttock", exact=True).click()
    finish.get_by_role("button", name="See my summary").click()
    expect(page.locator("#done-queued")).to_be_visible()

    today = page.context.new_page()
    page.close()
    today.context.set_offline(False)
    today.goto(f"{live_server.url}/today/")
    expect(today.locator("#sync-state")).to_have_text("All saved")
    assert logged() == [("Press-up on elbows", "", "completed")]
    session = WorkoutSession.objects.get()
    assert (session.status, session.pain_after, session.reach_after) == ("finished", 3, 2)


def test_two_tabs_send_each_set_once(page: Page, live_server, login, safe_patient):
    """Both tabs drain one outbox under a Web Lock. localStorage reaches another tab's process a
    moment late, so on a loaded machine a tab may now and then send a set the other has just
    had acknowledged: the set's client_id makes the server store it once all the same."""
    page.clock.install()
    login(safe_patient.user)
    sent = []
    page.context.on(
        "request",
        lambda r: r.method == "POST" and r.url.endswith("/sets/") and sent.append(r.post_data),
    )
    other = page.context.new_page()
    other.goto(f"{live_server.url}/today/")
    start_session(page, live_server)
    page.context.set_offline(True)
    ready(page, "Press-up on elbows")
    page.clock.run_for(18_500)
    page.get_by_role("button", name="Skip questions").click()
    ready(page, "Crossed-leg stretch")
    page.clock.run_for(31_000)
    page.get_by_role("button", name="Skip questions").click()
    expect(other.locator("#sync-state")).to_have_text(
        "Offline: 3 sets waiting to save, kept on this phone"
    )
    sent.clear()

    page.context.set_offline(False)
    expect(page.locator("#sync-state")).to_have_text("All saved")
    expect(other.locator("#sync-state")).to_have_text("All saved")
    page.clock.run_for(10_000)  # any retry would have happened by now
    ids = {parse_qs(body)["client_id"][0] for body in sent}
    assert len(ids) == 3 and len(sent) <= 2 * len(ids)  # two tabs: each set twice at most
    assert logged() == WHOLE[:3]


def test_a_reload_mid_session_resumes_at_the_right_set(
    page: Page, live_server, login, safe_patient
):
    page.clock.install()
    login(safe_patient.user)
    start_session(page, live_server)
    ready(page, "Press-up on elbows")
    page.clock.run_for(18_500)
    check_in(page)
    page.get_by_role("button", name="I'm ready").click()
    expect(page.locator("#side-label")).to_have_text("Left side")
    page.clock.run_for(15_500)
    expect(page.locator("#side-label")).to_have_text("Right side")
    expect(page.locator("#sync-state")).to_have_text("All saved")

    page.reload()
    expect(page.locator("#player-root[data-ready]")).to_be_attached()
    expect(page.locator("#next-title")).to_have_text("Crossed-leg stretch")
    expect(page.locator("#next-side")).to_have_text("Right side")
    assert SetLog.objects.count() == 2


def test_a_failed_save_is_retried_and_stored_once(page: Page, live_server, login, safe_patient):
    page.clock.install()
    login(safe_patient.user)
    start_session(page, live_server)
    failures = []

    def fail_once(route):
        if not failures:
            failures.append(route.request.post_data)
            route.abort()
        else:
            route.continue_()

    page.route("**/sets/", fail_once)
    ready(page, "Press-up on elbows")
    page.clock.run_for(18_500)
    check_in(page)
    # The next card is there at once; the set is sent in the background.
    expect(page.locator("#next-title")).to_have_text("Crossed-leg stretch")
    expect(page.locator("#sync-state")).to_have_text("1 set waiting to save…")
    assert SetLog.objects.count() == 0
    page.clock.run_for(3_500)
    expect(page.locator("#sync-state")).to_have_text("All saved")
    log = SetLog.objects.get()
    assert str(log.client_id) in failures[0]
    assert log.effort == "easy"


def test_a_set_refused_for_a_real_reason_is_shown_once_and_kept_in_history(
    page: Page, live_server, login, safe_patient
):
    from exercises.services import remove_item

    open_player(page, live_server, login, safe_patient, offline=True)
    first_set_without_questions(page)
    remove_item(
        item=safe_patient.user.routine.items.get(exercise__name="Press-up on elbows"), by=None
    )

    page.context.set_offline(False)
    notice = page.locator("#sync-notices [role=alert]")
    expect(notice).to_have_text(
        "Not saved: Press-up on elbows, set 1. This exercise was taken out of your routine"
        " meanwhile.OK"
    )
    expect(page.locator("#sync-state")).to_have_text("All saved")
    page.goto(f"{live_server.url}/history/")
    expect(page.locator("#sync-notices [role=alert]")).to_have_count(0)
    expect(page.locator("#not-saved-list li")).to_contain_text("Press-up on elbows, set 1")
    expect(page.locator("#not-saved-list li")).to_contain_text(
        "not saved, because this exercise was taken out of your routine meanwhile."
    )
    assert not SetLog.objects.exists()
