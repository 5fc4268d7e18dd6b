"""A whole session on a phone, in Chromium, with a fake clock: nothing waits in real time."""

import pytest
from playwright.sync_api import Page, expect

from sessions.models import SafetyCheck, SetLog, WorkoutSession
from sessions.services import record_safety_check
from tests.factories import ExerciseFactory, PatientFactory, RoutineFactory, RoutineItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def patient():
    """A herniated-disc patient: a press-up, a stretch on each side, and a one-minute walk."""
    patient = PatientFactory(affected_side="left")
    routine = RoutineFactory(name="Herniated disc", cause=patient.cause, patient=patient.user)
    RoutineItemFactory(
        routine=routine,
        order=1,
        exercise=ExerciseFactory(
            name="Press-up on elbows",
            hold_seconds=5,
            reps=2,
            rest_seconds=3,
            progression_start=5,
            progression_target=30,
            progression_step=5,
        ),
    )
    RoutineItemFactory(
        routine=routine,
        order=2,
        exercise=ExerciseFactory(
            name="Crossed-leg stretch", hold_seconds=10, reps=1, sidedness="each_side"
        ),
    )
    RoutineItemFactory(
        routine=routine,
        order=3,
        exercise=ExerciseFactory(
            name="Walking", dose_kind="duration", hold_seconds=None, duration_minutes=1
        ),
    )
    return patient


@pytest.fixture
def safe_patient(patient):
    record_safety_check(patient=patient, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))
    return patient


def start_session(page: Page, live_server, pain="4", reach="Thigh"):
    page.goto(f"{live_server.url}/today/")
    page.get_by_role("link", name="Start", exact=True).click()
    page.locator(".choices.scale label", has_text=pain).first.click()
    page.get_by_text(reach, exact=True).click()
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#player-root[data-ready]")).to_be_attached()


def check_in(page: Page, effort="Easy", pain="3", reach="Buttock"):
    checkin = page.locator("#checkin")
    expect(checkin).to_be_visible()
    checkin.get_by_text(effort, exact=True).click()
    checkin.locator(".choices.scale label", has_text=pain).first.click()
    checkin.get_by_text(reach, exact=True).click()
    checkin.get_by_role("button", name="Save and go on").click()


def test_a_whole_herniated_disc_session(page: Page, live_server, login, safe_patient):
    page.clock.install()
    login(safe_patient.user)
    start_session(page, live_server)

    number, phase, rep = (
        page.locator("#timer-number"),
        page.locator("#timer-phase"),
        page.locator("#timer-rep"),
    )
    expect(page.locator("#set-title")).to_have_text("Press-up on elbows")
    page.get_by_role("button", name="Start this set").click()
    expect(phase).to_have_text("Get ready")
    expect(number).to_have_text("5")
    page.clock.run_for(2_000)
    expect(number).to_have_text("3")
    page.clock.run_for(3_000)
    expect(phase).to_have_text("Hold")
    expect(rep).to_have_text("rep 1 of 2")
    page.screenshot(path="test-results/player-hold.png")
    page.clock.run_for(5_000)
    expect(phase).to_have_text("Rest")
    page.clock.run_for(3_000)
    expect(rep).to_have_text("rep 2 of 2")
    page.clock.run_for(5_000)
    check_in(page)

    # The stretch: left side runs straight on into the right side, then the check-in.
    expect(page.locator("#set-title")).to_have_text("Crossed-leg stretch")
    expect(page.locator("#side-label")).to_have_text("Left side")
    page.clock.run_for(15_500)
    expect(page.locator("#side-label")).to_have_text("Right side")
    expect(phase).to_have_text("Switch sides")
    page.clock.run_for(15_500)
    page.get_by_role("button", name="Skip questions").click()

    expect(page.locator("#set-title")).to_have_text("Walking")
    page.clock.run_for(5_500)
    expect(phase).to_have_text("Keep moving")
    page.clock.run_for(60_000)
    check_in(page, effort="About right", pain="2", reach="Lower back")

    expect(page.get_by_role("heading", name="All sets done")).to_be_visible()
    finish = page.locator(".finish-form")
    finish.locator(".choices.scale label", has_text="2").first.click()
    finish.get_by_text("Lower back", exact=True).click()
    page.get_by_role("button", name="See my summary").click()

    expect(page.locator(".stat .value").first).to_have_text("4 / 4")
    expect(page.locator(".reach")).to_contain_text("Centralizing")
    expect(page.locator("body")).to_contain_text("Next time: 10 s.")

    logs = SetLog.objects.order_by("logged_at", "id")
    assert [(log.exercise.name, log.side, log.outcome) for log in logs] == [
        ("Press-up on elbows", "", "completed"),
        ("Crossed-leg stretch", "left", "completed"),
        ("Crossed-leg stretch", "right", "completed"),
        ("Walking", "", "completed"),
    ]
    press_up, left, right, walk = logs
    assert (press_up.target_seconds, press_up.held_seconds, press_up.reps_done) == (5, 5, 2)
    assert (press_up.effort, press_up.pain, press_up.pain_reach) == ("easy", 3, 2)
    assert left.effort == "" and right.effort == ""
    assert (walk.target_seconds, walk.held_seconds, walk.effort) == (60, 60, "about_right")
    session = WorkoutSession.objects.get()
    assert (session.pain_before, session.reach_before) == (4, 3)
    assert (session.status, session.pain_after, session.reach_after) == ("finished", 2, 1)


def test_a_red_flag_answer_blocks_the_start(page: Page, live_server, login, patient):
    login(patient.user)
    page.goto(f"{live_server.url}/today/")
    page.get_by_role("link", name="Safety check").click()
    for question in page.locator("fieldset.question").all():
        question.get_by_text("No", exact=True).click()
    page.locator("fieldset.question", has_text="bladder").get_by_text("Yes", exact=True).click()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Please get medical advice before exercising"
    )
    page.goto(f"{live_server.url}/today/")
    expect(page.locator(".alert")).to_contain_text("Sessions are on hold.")
    expect(page.get_by_role("link", name="Start", exact=True)).to_have_count(0)
    page.goto(f"{live_server.url}/sessions/start/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Please get medical advice before exercising"
    )
    assert SafetyCheck.objects.get().red_flag is True
    assert not WorkoutSession.objects.exists()


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
    page.get_by_role("button", name="Start this set").click()
    page.clock.run_for(18_500)
    check_in(page)
    expect(page.locator("#save-state")).to_have_text("Waiting to save… (we'll keep trying)")
    assert SetLog.objects.count() == 0

    page.clock.run_for(3_500)
    expect(page.locator("#save-state")).to_have_text("Saved")
    expect(page.locator("#set-title")).to_have_text("Crossed-leg stretch")
    log = SetLog.objects.get()
    assert str(log.client_id) in failures[0]
    assert log.effort == "easy"


def test_a_reload_mid_session_resumes_at_the_right_set(
    page: Page, live_server, login, safe_patient
):
    page.clock.install()
    login(safe_patient.user)
    start_session(page, live_server)
    page.get_by_role("button", name="Start this set").click()
    page.clock.run_for(18_500)
    check_in(page)
    expect(page.locator("#side-label")).to_have_text("Left side")
    page.clock.run_for(15_500)
    expect(page.locator("#side-label")).to_have_text("Right side")

    page.reload()
    expect(page.locator("#player-root[data-ready]")).to_be_attached()
    expect(page.locator("#set-title")).to_have_text("Crossed-leg stretch")
    expect(page.locator("#side-label")).to_have_text("Right side")
    assert SetLog.objects.count() == 2
