"""In Chromium: logging out sends what waits and leaves nothing behind; policies hold."""

import json
import uuid

import pytest
from playwright.sync_api import Page, expect

from sessions.models import SetLog, WorkoutSession
from sessions.plan import session_plan
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def queued(session: WorkoutSession, slot) -> dict:
    client_id = str(uuid.uuid4())
    return {
        "client_id": client_id,
        "url": f"/sessions/{session.pk}/sets/",
        "fields": [
            ["client_id", client_id],
            ["item", str(slot.item_id)],
            ["set_number", str(slot.set_number)],
            ["side", slot.side],
            ["outcome", "completed"],
            ["held_seconds", "5"],
        ],
    }


def test_logout_sends_the_queued_sets_then_clears_the_device(
    page: Page, live_server, login, safe_patient
):
    session = WorkoutSession.objects.create(
        patient=safe_patient,
        routine=safe_patient.user.routine,
        local_date=safe_patient.local_date(),
        pain_before=3,
        reach_before=1,
    )
    first, second = session_plan(session).slots[:2]
    login(safe_patient.user)
    page.goto(f"{live_server.url}/today/")
    stored = {
        f"pending-sets:{session.pk}": [queued(session, first)],
        "outbox:v1": [queued(session, second)],
        "player-cues": {"voice": True},
    }
    page.evaluate(
        """async (stored) => {
            for (const [key, value] of Object.entries(stored)) {
                localStorage.setItem(key, JSON.stringify(value));
            }
            sessionStorage.setItem("scratch", "1");
            const cache = await caches.open("offline-pages");
            await cache.put("/today/", new Response("Pat's Today"));
        }""",
        stored,
    )
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    left = page.evaluate(
        "async () => [localStorage.length, Object.keys(sessionStorage),"
        " (await caches.keys()).length]"
    )
    # Nothing of before is left (the catalog page after it loads no htmx to note its path).
    assert left == [0, [], 0]
    assert SetLog.objects.filter(session=session).count() == 2
    assert set(SetLog.objects.values_list("client_id", flat=True)) == {
        uuid.UUID(entries[0]["client_id"])
        for key, entries in stored.items()
        if key != "player-cues"
    }


def test_logout_offline_still_clears_the_device_and_logs_out(
    page: Page, live_server, login, safe_patient
):
    login(safe_patient.user)
    page.goto(f"{live_server.url}/today/")
    page.evaluate(
        "() => localStorage.setItem('outbox:v1', JSON.stringify([{url: '/x/', fields: []}]))"
    )
    page.route("**/x/", lambda route: route.abort())
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert page.evaluate("() => localStorage.length") == 0


def test_the_admin_runs_under_its_csp_without_a_violation(page: Page, live_server, login):
    login(UserFactory(username="root", is_staff=True, is_superuser=True))
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    for path in (
        "/admin/",
        "/admin/exercises/exercise/add/",
        "/admin/exercises/routine/add/",
        "/admin/workout_sessions/setlog/?logged_at__year=2026",
        "/admin/workout_sessions/patient/add/",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/admin/exercises/exercise/add/")
    rows = page.locator(".inline-group").first.locator("tbody tr.form-row:not(.empty-form)")
    before = rows.count()
    page.locator(".inline-group .add-row a").first.click()  # the admin's own script runs
    expect(rows).to_have_count(before + 1)
    violations = [text for text in messages if "Content Security Policy" in text]
    assert violations == []


def test_the_browser_accepts_the_permissions_policy(page: Page, live_server):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{live_server.url}/")
    allowed = page.evaluate(
        """() => Object.fromEntries(
            ["screen-wake-lock", "autoplay", "camera", "microphone", "geolocation"]
                .map((feature) => [feature, document.featurePolicy.allowsFeature(feature)]))"""
    )
    assert allowed == {
        "screen-wake-lock": True,
        "autoplay": True,
        "camera": False,
        "microphone": False,
        "geolocation": False,
    }
    assert [text for text in messages if "Permissions-Policy" in text or "feature" in text] == []
    assert json.dumps(allowed)
