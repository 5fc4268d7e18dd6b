"""The player's figure moves with the set's timeline, on a phone, with a fake clock."""

import math
import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from exercises import figures
from sessions.models import SafetyCheck
from sessions.services import record_safety_check
from tests.browser.conftest import PHONE
from tests.browser.test_session import start_session
from tests.factories import (
    ExerciseFactory,
    PatientFactory,
    RoutineFactory,
    RoutineItemFactory,
    catalog_figure,
)

pytestmark = pytest.mark.django_db(transaction=True)

HEAD = "svg.moving-figure [data-part='head']"
ARM = "svg.moving-figure [data-part='near_arm']"


@pytest.fixture
def patient():
    """A safe patient whose routine is one press-up: count-in 5 s, hold 5 s, rest 4 s, hold 5 s."""
    patient = PatientFactory(affected_side="left")
    routine = RoutineFactory(name="Herniated disc", cause=patient.cause, patient=patient.user)
    RoutineItemFactory(
        routine=routine,
        exercise=ExerciseFactory(
            name="Press-up on elbows",
            hold_seconds=5,
            reps=2,
            rest_seconds=4,
            figure=catalog_figure("press-up-on-elbows"),
        ),
    )
    record_safety_check(patient=patient, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))
    return patient


def key_head(index: int) -> tuple[float, float]:
    """Where the server puts the head in key pose ``index`` (0 start, -1 hold)."""
    motion = figures.motion(figures.parse(catalog_figure("press-up-on-elbows")))
    frame = motion["frames"][motion["keys"][index]]
    return tuple(frame[motion["parts"].index("head")])


def play(page: Page, live_server, login, user) -> None:
    """Logged in, at the first set of a new session, on a fake clock that moves only when told
    (a busy machine must not slip extra time between two looks at the figure)."""
    page.clock.install()
    login(user)
    start_session(page, live_server)
    page.clock.pause_at(datetime.now() + timedelta(seconds=1))


def head(page: Page) -> tuple[float, float]:
    circle = page.locator(HEAD)
    return (float(circle.get_attribute("cx")), float(circle.get_attribute("cy")))


def heads_through(page: Page, ms: int, step: int = 100) -> list[tuple[float, float]]:
    """Where the head is after each ``step`` ms of the fake clock, for ``ms``."""
    seen = []
    for _ in range(ms // step):
        page.clock.run_for(step)
        seen.append(head(page))
    return seen


def between(position, start, hold) -> bool:
    """Neither in the start pose nor in the hold: on the way."""
    return position != pytest.approx(start, abs=1) and position != pytest.approx(hold, abs=1)


def test_the_figure_rises_in_the_count_in_holds_freezes_when_paused_and_lowers_in_the_rest(
    page: Page, live_server, login, patient
):
    play(page, live_server, login, patient.user)
    start, hold = key_head(0), key_head(-1)
    assert head(page) == pytest.approx(start, abs=0.11)

    page.get_by_role("button", name="I'm ready").click()
    count_in = heads_through(page, 5_400)  # the 5 s count-in, and into the hold
    assert count_in[0] == pytest.approx(start, abs=0.11)  # getting ready, still lying down
    assert any(between(position, start, hold) for position in count_in)  # rising
    assert count_in[-1] == pytest.approx(hold, abs=0.11)

    page.clock.run_for(2_000)  # mid-hold
    expect(page.locator("#timer-phase")).to_have_text("Hold")
    assert head(page) == pytest.approx(hold, abs=0.11)
    assert page.locator("[data-figure]").get_attribute("data-pose") == "Hold"

    page.get_by_role("button", name="Pause").click()
    arm = page.locator(ARM).get_attribute("points")
    page.clock.run_for(6_000)
    expect(page.locator("#timer-phase")).to_have_text("Paused")  # the ring says so while paused
    assert page.locator(ARM).get_attribute("points") == arm
    assert head(page) == pytest.approx(hold, abs=0.11)

    page.get_by_role("button", name="Resume").click()
    rest = heads_through(page, 7_500)  # the rest of the hold, the 4 s rest, the second hold
    down = next(i for i, position in enumerate(rest) if position == pytest.approx(start, abs=0.11))
    assert any(between(position, start, hold) for position in rest[:down])  # lowering
    assert any(between(position, start, hold) for position in rest[down:])  # up again
    assert rest[-1] == pytest.approx(hold, abs=0.11)


def test_under_reduced_motion_nothing_moves_and_the_current_pose_is_marked(
    page: Page, live_server, login, patient
):
    page.emulate_media(reduced_motion="reduce")
    play(page, live_server, login, patient.user)
    page.get_by_role("button", name="I'm ready").click()
    moving = page.locator("svg.moving-figure")
    poses = page.locator(".figure-pair li")
    expect(moving).to_be_hidden()
    expect(poses).to_have_count(2)
    expect(poses.nth(0)).to_be_visible()
    expect(poses.nth(1)).to_be_visible()
    drawn = page.locator(ARM).get_attribute("points")

    page.clock.run_for(1_000)
    expect(page.locator(".figure-pair li[aria-current='step'] span")).to_have_text("Start")
    page.clock.run_for(6_000)  # mid-hold
    expect(page.locator(".figure-pair li[aria-current='step'] span")).to_have_text("Hold")
    assert page.locator(ARM).get_attribute("points") == drawn
    page.clock.run_for(5_000)  # mid-rest
    expect(page.locator(".figure-pair li[aria-current='step'] span")).to_have_text("Start")
    assert page.locator(ARM).get_attribute("points") == drawn


def test_at_phone_size_the_countdown_and_stop_stay_on_the_first_screen(
    page: Page, live_server, login, patient
):
    play(page, live_server, login, patient.user)
    page.get_by_role("button", name="I'm ready").click()
    page.clock.run_for(7_000)

    figure = page.locator("svg.moving-figure").bounding_box()
    timer = page.locator("#timer").bounding_box()
    stop = page.get_by_role("button", name="Stop, it hurts")
    expect(stop).to_be_visible()
    box = stop.bounding_box()
    assert figure["height"] > 60 and figure["y"] + figure["height"] <= timer["y"]
    assert timer["y"] + timer["height"] <= PHONE["height"]
    assert box["y"] + box["height"] <= PHONE["height"]
    # The smaller ring keeps its words inside it: the rep line's lower corners sit within the
    # ring's inner edge (radius 49 of the 120-unit drawing), clear of the stroke.
    rep = page.locator("#timer-rep").bounding_box()
    cx, cy = timer["x"] + timer["width"] / 2, timer["y"] + timer["height"] / 2
    inner = timer["width"] * 49 / 120
    for x in (rep["x"], rep["x"] + rep["width"]):
        assert math.hypot(x - cx, rep["y"] + rep["height"] - cy) <= inner
    page.screenshot(path="test-results/player-figure-hold.png")


def test_a_rep_at_the_patients_pace_goes_there_and_back_at_the_figures_tempo(
    page: Page, live_server, login
):
    patient = PatientFactory()
    routine = RoutineFactory(name="Stenosis", cause=patient.cause, patient=patient.user)
    RoutineItemFactory(
        routine=routine,
        exercise=ExerciseFactory(
            name="Cat-cow",
            dose_kind="reps",
            hold_seconds=None,
            reps=10,
            figure=catalog_figure("cat-cow"),  # tempo 6 s: cat, cow, and back to cat
        ),
    )
    record_safety_check(patient=patient, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))
    play(page, live_server, login, patient.user)
    pose = page.locator("[data-figure]")

    page.get_by_role("button", name="I'm ready").click()
    page.clock.run_for(4_500)  # the count-in waits in the first pose
    assert pose.get_attribute("data-pose") == "Cat"
    page.clock.run_for(700)
    expect(page.locator("#timer-phase")).to_have_text("Your pace")
    page.clock.run_for(500)
    assert pose.get_attribute("data-pose") == "Cat"
    page.clock.run_for(2_500)  # half a rep in: cow
    assert pose.get_attribute("data-pose") == "Cow"
    page.clock.run_for(3_000)  # a whole rep: back to cat
    assert pose.get_attribute("data-pose") == "Cat"


def test_a_page_woken_after_a_while_shows_the_frame_of_the_timeline_s_deadline(
    page: Page, live_server, login, patient
):
    play(page, live_server, login, patient.user)
    start, hold = key_head(0), key_head(-1)
    page.get_by_role("button", name="I'm ready").click()

    page.clock.fast_forward(7_000)  # asleep through the count-in: woken mid-hold
    expect(page.locator("[data-figure]")).to_have_attribute("data-pose", "Hold")
    assert head(page) == pytest.approx(hold, abs=0.11)

    page.clock.fast_forward(5_000)  # asleep again: woken mid-rest, lying down
    expect(page.locator("[data-figure]")).to_have_attribute("data-pose", "Start")
    assert head(page) == pytest.approx(start, abs=0.11)


def test_next_up_shows_the_next_exercise_s_figure(page: Page, live_server, login, patient):
    routine = patient.user.routine
    last = routine.items.order_by("order").last().order
    cobra = ExerciseFactory(name="Cobra", figure=catalog_figure("cobra"))
    RoutineItemFactory(routine=routine, order=last + 1, exercise=cobra)
    play(page, live_server, login, patient.user)
    page.get_by_role("button", name="I'm ready").click()
    page.get_by_role("button", name="Skip exercise").click()

    expect(page.locator("#next-title")).to_have_text("Cobra")
    title = page.locator("#next-figure svg title")
    expect(title).to_have_text(re.compile(r"^Lying face down, lifting the head and chest"))
