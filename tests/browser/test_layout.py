"""No sideways scroll at 320 px or at 200 % zoom, long words wrap, focus is visible and moves
to each new card."""

import pytest
from playwright.sync_api import Page, expect

from sessions.services import start_session
from tests.browser.conftest import add_login
from tests.browser.helpers import ready

pytestmark = pytest.mark.django_db(transaction=True)

LONG = "Pressupontheelbowswithhipsontheflooruntilitgetseasy"

# 320 px wide, and a 412 px phone at 200 % zoom (206 CSS pixels across).
WIDTHS = [(320, 1), (206, 2)]


def assert_no_sideways_scroll(page: Page, where: str):
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, where


@pytest.mark.parametrize(("width", "scale"), WIDTHS)
def test_nothing_scrolls_sideways_and_stop_stays_on_screen(
    browser, live_server, safe_patient, width, scale
):
    item = safe_patient.user.routine.items.first()
    item.exercise.name = LONG
    item.exercise.save()
    context = browser.new_context(
        viewport={"width": width, "height": 800}, device_scale_factor=scale
    )
    add_login(context, live_server, safe_patient.user)
    page = context.new_page()
    page.clock.install()
    for path in ["/today/", "/history/", "/", "/safety/"]:
        page.goto(f"{live_server.url}{path}")
        assert_no_sideways_scroll(page, path)
    session = start_session(patient=safe_patient, pain=4, reach=3)
    page.goto(f"{live_server.url}/sessions/{session.pk}/")
    assert_no_sideways_scroll(page, "next up")
    ready(page, LONG)
    page.clock.run_for(7_000)
    assert_no_sideways_scroll(page, "mid-hold")
    stop = page.get_by_role("button", name="Stop, it hurts")
    box = stop.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    page.clock.run_for(20_000)
    expect(page.locator("#checkin")).to_be_visible()
    assert_no_sideways_scroll(page, "check-in")
    context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_focus_moves_to_each_new_card_and_the_ring_is_3px(
    page: Page, live_server, login, safe_patient, theme
):
    page.emulate_media(color_scheme=theme)
    page.clock.install()
    login(safe_patient.user)
    session = start_session(patient=safe_patient, pain=4, reach=3)
    page.goto(f"{live_server.url}/sessions/{session.pk}/")
    expect(page.locator("#player-root[data-ready]")).to_be_attached()
    page.get_by_role("button", name="I'm ready").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#set-title")).to_be_focused()
    page.keyboard.press("Tab")
    focused = page.evaluate_handle("document.activeElement")
    ring = page.evaluate(
        "(el) => { const s = getComputedStyle(el);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth), parseFloat(s.outlineOffset)]; }",
        focused,
    )
    assert ring[0] == "solid" and ring[1] >= 3 and ring[2] > 0
    page.clock.run_for(18_500)
    expect(page.locator("#checkin-title")).to_be_focused()
    page.get_by_role("button", name="Skip questions").click()
    expect(page.locator("#next-title")).to_be_focused()
    expect(page.locator("#sync-state")).to_have_text("All saved")  # nothing left in flight
