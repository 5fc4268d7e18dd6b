"""At phone size a patient's header keeps its links to one row, so the player keeps the screen."""

from playwright.sync_api import Page


def test_a_patients_links_sit_in_one_row_at_phone_width(page: Page, live_server, login, patient):
    login(patient.user)
    page.goto(live_server.url + "/today/")
    items = page.locator(".site-header nav li")
    boxes = [items.nth(i).bounding_box() for i in range(items.count())]
    names = page.locator(".site-header nav li").all_inner_texts()
    assert names == ["Today", "History", "Account", "Exercises", "Log out"]
    assert len({round(box["y"]) for box in boxes}) == 1, boxes
    assert all(box["height"] >= 44 and box["width"] >= 44 for box in boxes), boxes
