"""Installable: the browser accepts the manifest and worker, and pages reopen offline."""

import pytest
from playwright.sync_api import Page, expect

from sessions.services import start_session
from tests.browser.conftest import PHONE, add_login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "service_workers": "allow"}


KEPT = """async (path) => {
  const cache = await caches.open("pages-v1");
  for (let i = 0; i < 100; i++) {
    if (await cache.match(new URL(path, location.origin).href)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}"""


def wait_for_worker(page: Page):
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


def test_today_and_the_player_reopen_offline(page: Page, live_server, login, safe_patient):
    login(safe_patient.user)
    session = start_session(patient=safe_patient, pain=4, reach=3)
    page.goto(f"{live_server.url}/today/")
    wait_for_worker(page)
    assert page.evaluate(KEPT, "/today/")
    page.goto(f"{live_server.url}/sessions/{session.pk}/")
    expect(page.locator("#player-root[data-ready]")).to_be_attached()
    assert page.evaluate(KEPT, f"/sessions/{session.pk}/")

    page.context.set_offline(True)
    page.goto(f"{live_server.url}/today/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    expect(page.get_by_role("link", name="Resume session")).to_be_visible()
    page.get_by_role("link", name="Resume session").click()
    expect(page.locator("#player-root[data-ready]")).to_be_attached()
    expect(page.locator("#next-title")).to_have_text("Press-up on elbows")
    page.get_by_role("button", name="I'm ready").click()
    expect(page.locator("#timer-phase")).to_have_text("Get ready")

    page.goto(f"{live_server.url}/history/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")


def test_the_browser_finds_it_installable(
    browser_type, browser_type_launch_args, tmp_path, live_server, safe_patient
):
    """Chromium's own installability check (the one Lighthouse reports), in a real profile:
    Playwright's usual contexts are incognito, where nothing can be installed."""
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args, viewport=PHONE
    )
    try:
        add_login(context, live_server, safe_patient.user)
        page = context.new_page()
        page.goto(f"{live_server.url}/today/")
        wait_for_worker(page)
        assert page.evaluate(KEPT, "/today/")  # nothing left running in the background
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()
