"""Push reminders in Chromium: the account page, the service worker, a push and its notification.

Push needs a persistent profile (Chromium has no Push API in incognito contexts, which is what
Playwright's ordinary contexts are), so these tests launch their own.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from sessions.models import ReminderSettings
from tests.browser.conftest import PHONE, chromium_path

pytestmark = pytest.mark.browser


@pytest.fixture
def push_context(playwright, live_server, tmp_path, settings):
    settings.VAPID_PUBLIC_KEY = "B" + "A" * 86
    settings.VAPID_PRIVATE_KEY = "x"
    args = {"args": ["--no-sandbox", "--disable-gpu", "--no-first-run"], "viewport": PHONE}
    if path := chromium_path():
        args["executable_path"] = path
    context = playwright.chromium.launch_persistent_context(str(tmp_path / "profile"), **args)
    context.grant_permissions(["notifications"], origin=live_server.url)
    yield context
    context.close()


def log_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def notifications(page, wait=True) -> list[dict]:
    """The notifications the service worker's registration is showing (waits for one)."""
    for _ in range(50):
        shown = page.evaluate(
            "navigator.serviceWorker.ready.then(r => r.getNotifications())"
            ".then(ns => ns.map(n => ({title: n.title, body: n.body, tag: n.tag, data: n.data})))"
        )
        if shown or not wait:
            return shown
        page.wait_for_timeout(100)
    return []


def test_the_account_page_registers_the_service_worker_and_a_push_shows_a_notification_that_opens_today(  # noqa: E501
    push_context, live_server, patient, routine
):
    ReminderSettings.objects.create(patient=patient, times=["08:00", "12:00"])
    log_in(push_context, live_server, patient.user)
    page = push_context.pages[0] if push_context.pages else push_context.new_page()
    page.goto(live_server.url + reverse("account"))
    state = page.locator("[data-push-state]")
    assert state.inner_text() == "Notifications are off for this browser."

    cdp = push_context.new_cdp_session(page)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    # The page's own "Turn on" registers the root-scoped worker, then asks PushManager.
    page.get_by_role("button", name="Turn on notifications here").click()
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)") == (
        live_server.url + "/"
    )
    assert page.evaluate("Notification.permission") == "granted"
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    [registration] = {r["registrationId"]: r for r in registrations if not r["isDeleted"]}.values()
    message = {
        "title": "Time for session 2 of 4",
        "body": "Your exercises are ready when you are. Tap to open Today.",
        "url": "/today/",
        "tag": "reminder-2026-12-01-2",
    }
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": live_server.url,
            "registrationId": registration["registrationId"],
            "data": json.dumps(message),
        },
    )
    shown = notifications(page)
    assert shown == [
        {
            "title": "Time for session 2 of 4",
            "body": "Your exercises are ready when you are. Tap to open Today.",
            "tag": "reminder-2026-12-01-2",
            "data": {"url": live_server.url + "/today/"},
        }
    ]

    # A tap on the notification: Chromium has no way to click a system notification from a
    # test, so the service worker's own notificationclick handler is sent the shown notification.
    [worker] = push_context.service_workers
    worker.evaluate(
        "self.registration.getNotifications().then(([n]) =>"
        " self.dispatchEvent(new NotificationEvent('notificationclick', {notification: n})))"
    )
    page.wait_for_url(live_server.url + reverse("today"))
    assert page.get_by_role("heading", level=1).count() == 1
    assert notifications(page, wait=False) == []


def test_a_push_with_no_data_still_shows_a_plain_reminder(push_context, live_server, patient):
    log_in(push_context, live_server, patient.user)
    page = push_context.pages[0] if push_context.pages else push_context.new_page()
    page.goto(live_server.url + reverse("account"))
    cdp = push_context.new_cdp_session(page)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    page.evaluate("navigator.serviceWorker.register('/sw.js', {scope: '/'})")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    registration_id = next(r["registrationId"] for r in registrations if not r["isDeleted"])
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": live_server.url, "registrationId": registration_id, "data": ""},
    )
    assert [n["title"] for n in notifications(page)] == ["Time for your exercises"]
