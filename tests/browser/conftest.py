"""Playwright in Debian's Chromium at phone size. Skipped loudly when there is no Chromium."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sessions.models import SafetyCheck
from sessions.services import record_safety_check
from tests.factories import ExerciseFactory, PatientFactory, RoutineFactory, RoutineItemFactory

# pytest-django's live_server runs in this thread while Playwright's sync API holds an event
# loop; Django must be told that is fine. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 412, "height": 915}

# A loaded machine (two cores, the whole suite at once) can take more than the default 5 s.
expect.set_options(timeout=10_000)


def chromium_path() -> str | None:
    """Debian's chromium, or None to let Playwright use its own download if it has one."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def has_playwright_chromium() -> bool:
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache/ms-playwright"))
    return any(cache.glob("chromium*"))


NO_BROWSER = chromium_path() is None and not has_playwright_chromium()


def pytest_collection_modifyitems(config, items):
    if not NO_BROWSER:
        return
    skip = pytest.mark.skip(reason="NO CHROMIUM on this machine: browser test skipped")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if NO_BROWSER:
        terminalreporter.write_line(
            "!!! NO CHROMIUM: the browser tests were SKIPPED. Install chromium. !!!", red=True
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {
        **browser_type_launch_args,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--autoplay-policy=no-user-gesture-required",
        ],
    }
    if path := chromium_path():
        args["executable_path"] = path
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # No service worker, except in the tests of it (test_installable.py): its precaching runs
    # in the background and would still be asking the live server after a test has ended.
    return {
        **browser_context_args,
        "viewport": PHONE,
        "locale": "en-GB",
        "service_workers": "block",
    }


@pytest.fixture
def login(live_server, context):
    """Log a user in by handing the browser a session cookie from the test client."""

    def login_as(user):
        add_login(context, live_server, user)

    return login_as


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
            position="face_down",
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
            name="Walking",
            position="standing",
            dose_kind="duration",
            hold_seconds=None,
            duration_minutes=1,
        ),
    )
    return patient


@pytest.fixture
def safe_patient(patient):
    record_safety_check(patient=patient, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))
    return patient


def add_login(context, live_server, user):
    """Give a browser context a logged-in session cookie for ``user``."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
