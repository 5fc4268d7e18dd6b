"""Steps a patient takes in the player, shared by the browser tests."""

from playwright.sync_api import Page, expect


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


def ready(page: Page, title: str):
    expect(page.locator("#next-title")).to_have_text(title)
    page.get_by_role("button", name="I'm ready").click()
    expect(page.locator("#set-title")).to_have_text(title)


def open_player(page: Page, live_server, login, patient, *, offline: bool = False):
    """A fake clock, the patient logged in and a session started (then, maybe, offline)."""
    page.clock.install()
    login(patient.user)
    start_session(page, live_server)
    if offline:
        page.context.set_offline(True)


def first_set_without_questions(page: Page):
    """The press-up's one set (5 s count-in, 5 s holds with a 3 s rest), check-in skipped."""
    ready(page, "Press-up on elbows")
    page.clock.run_for(18_500)
    page.get_by_role("button", name="Skip questions").click()
