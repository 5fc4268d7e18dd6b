"""axe-core (from npm, see scripts/install-axe.sh) finds no violation on any page a patient
or visitor sees, in the light and the dark theme, the player included mid-hold and at the
check-in. The clinician's pages have their own tests."""

import uuid
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from sessions.services import finish_session, log_set, start_session
from tests.browser.helpers import ready
from tests.factories import ExerciseStepFactory

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
if not AXE.exists():
    pytest.skip(
        "NO AXE-CORE (make browser installs it): accessibility tests skipped",
        allow_module_level=True,
    )

THEMES = ["light", "dark"]


def violations(page: Page) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())  # through the debugger, so the page's CSP allows it
    return page.evaluate(
        """() => axe.run(document, {resultTypes: ["violations"]}).then((result) =>
            result.violations.map((v) =>
                `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`))"""
    )


def assert_clean(page: Page, where: str):
    assert violations(page) == [], where


@pytest.fixture
def history(safe_patient):
    """One finished session, so the summary and history have something to show."""
    session = start_session(patient=safe_patient, pain=4, reach=3)
    item = safe_patient.user.routine.items.first()
    ExerciseStepFactory(exercise=item.exercise, text="Lie face down with your elbows under you.")
    log_set(
        session=session,
        item=item,
        client_id=uuid.uuid4(),
        set_number=1,
        side="",
        outcome="completed",
        held_seconds=5,
        reps_done=2,
        effort="easy",
        pain=3,
        pain_reach=2,
        finished_at=timezone.now(),
    )
    return finish_session(session=session, pain=3, reach=2)


@pytest.mark.parametrize("theme", THEMES)
def test_public_pages_have_no_violations(page: Page, live_server, theme, history):
    page.emulate_media(color_scheme=theme)
    exercise = history.routine.items.first().exercise
    for path in [
        "/",
        f"/causes/{history.patient.cause.slug}/",
        f"/exercises/{exercise.slug}/",
        "/accounts/login/",
        "/accounts/signup/",
        "/offline/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert_clean(page, f"{path} ({theme})")


@pytest.mark.parametrize("theme", THEMES)
def test_the_patients_pages_have_no_violations(page: Page, live_server, login, theme, history):
    page.emulate_media(color_scheme=theme)
    login(history.patient.user)
    for path in [
        "/today/",
        "/history/",
        f"/sessions/{history.pk}/summary/",
        "/safety/",
        "/sessions/start/",
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("#sync-state")).to_have_text("All saved")
        assert_clean(page, f"{path} ({theme})")


@pytest.mark.parametrize("theme", THEMES)
def test_the_player_has_no_violations_at_any_step(page: Page, live_server, login, theme, history):
    page.emulate_media(color_scheme=theme)
    page.clock.install()
    login(history.patient.user)
    session = start_session(patient=history.patient, pain=4, reach=3)
    page.goto(f"{live_server.url}/sessions/{session.pk}/")
    expect(page.locator("#player-root[data-ready]")).to_be_attached()
    assert_clean(page, f"next up ({theme})")
    ready(page, "Press-up on elbows")
    page.clock.run_for(7_000)
    expect(page.locator("#timer-phase")).to_have_text("Hold")
    assert_clean(page, f"mid-hold ({theme})")
    page.get_by_role("button", name="Pause").click()
    assert_clean(page, f"paused ({theme})")
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(30_000)
    expect(page.locator("#checkin")).to_be_visible()
    assert_clean(page, f"check-in ({theme})")
    page.get_by_role("button", name="Skip questions").click()
    ready(page, "Crossed-leg stretch")
    page.get_by_role("button", name="Skip exercise").click()
    assert_clean(page, f"next up with undo ({theme})")
    page.get_by_role("button", name="I'm ready").click()
    page.get_by_role("button", name="Stop, it hurts").click()
    assert_clean(page, f"stopped ({theme})")
    page.get_by_role("button", name="Too hard today").click()
    assert_clean(page, f"what next ({theme})")
    page.get_by_role("button", name="End today's session").click()
    expect(page.locator("#sync-state")).to_have_text("All saved")
    assert_clean(page, f"finish ({theme})")


def test_the_check_itself_finds_a_fault(page: Page, live_server):
    page.goto(f"{live_server.url}/")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert [v.split(":")[0] for v in violations(page)] == ["image-alt"]
