"""Push reminders in Chromium: the account page, the service worker, a push and its notification.

Push needs a persistent profile (Chromium has no Push API in incognito contexts, which is what
Playwright's ordinary contexts are), so these tests launch their own.

Chromium's PushManager.subscribe() registers with Google's push service (GCM/FCM) before it
answers, and this machine has no route there: subscribe() then never settles. Chromium's own
--gcm-checkin-url and --gcm-registration-url switches point that registration at a stand-in
served on loopback here (two plain HTTP answers: a device id, and a registration token). All the
rest is real: Chromium makes the subscription's keys, the page posts them, the server stores them.
"""

from __future__ import annotations

import json
import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.test import Client
from django.urls import reverse

from sessions.models import PushSubscription
from tests.browser.conftest import PHONE, chromium_path

pytestmark = pytest.mark.browser


class PushRegistration:
    """A loopback stand-in for GCM's check-in and registration endpoints."""

    def __init__(self):
        self.registrations: list[dict] = []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path == "/checkin":
                    # AndroidCheckinResponse: stats_ok, android_id (7) and security_token (8).
                    answer = b"\x08\x01\x39" + struct.pack("<Q", 4242) + b"\x41"
                    answer += struct.pack("<Q", 1717)
                else:
                    service.registrations.append(parse_qs(body.decode()))
                    answer = f"token=browser-token-{len(service.registrations)}".encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def push_registration():
    service = PushRegistration()
    yield service
    service.stop()


@pytest.fixture
def push_context(playwright, live_server, tmp_path, vapid, push_registration):
    switches = [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        f"--gcm-checkin-url={push_registration.url}/checkin",
        f"--gcm-registration-url={push_registration.url}/register",
        "--gcm-mcs-endpoint=https://127.0.0.1:9",  # nothing listens: no messages by this road
    ]
    args = {"args": switches, "viewport": PHONE}
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


class PushDelivery:
    """Pushes handed to the page's service worker through the DevTools protocol."""

    def __init__(self, context, page, origin: str):
        self.origin = origin
        self.registrations: list[dict] = []
        self.cdp = context.new_cdp_session(page)
        self.cdp.on(
            "ServiceWorker.workerRegistrationUpdated",
            lambda event: self.registrations.extend(event["registrations"]),
        )
        self.cdp.send("ServiceWorker.enable")

    def deliver(self, page, data: str) -> list[dict]:
        """Push ``data`` and return the notifications it shows.

        Chromium drops the odd message delivered this way just after subscribing (the
        subscription stays); like a push service, this sends it again, up to five times.
        """
        [registration_id] = {r["registrationId"] for r in self.registrations if not r["isDeleted"]}
        for _ in range(5):
            self.cdp.send(
                "ServiceWorker.deliverPushMessage",
                {"origin": self.origin, "registrationId": registration_id, "data": data},
            )
            if shown := notifications(page):
                return shown
        return []


def turn_on(page) -> None:
    """The page's own "Turn on": it registers the root-scoped worker and subscribes. Chromium
    hands a pushed message only to a worker with a subscription, as on a real device."""
    page.get_by_role("button", name="Turn on notifications here").click()
    page.get_by_text("Notifications are on for this browser.").wait_for()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def notifications(page, wait=True) -> list[dict]:
    """The notifications the service worker's registration shows (waits up to 3 s for one)."""
    for _ in range(30):
        shown = page.evaluate(
            "navigator.serviceWorker.ready.then(r => r.getNotifications())"
            ".then(ns => ns.map(n => ({title: n.title, body: n.body, tag: n.tag, data: n.data})))"
        )
        if shown or not wait:
            return shown
        page.wait_for_timeout(100)
    return []


def account_page(context, live_server, patient):
    log_in(context, live_server, patient.user)
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(live_server.url + reverse("account"))
    return page


def test_turning_notifications_on_stores_this_browsers_subscription_and_off_deletes_it(
    push_context, live_server, patient, vapid, push_registration
):
    page = account_page(push_context, live_server, patient)
    state = page.locator("[data-push-state]")
    assert state.inner_text() == "Notifications are off for this browser."
    assert page.get_by_text("No device gets notifications yet.").is_visible()

    page.get_by_role("button", name="Turn on notifications here").click()
    page.get_by_text("Notifications are on for this browser.").wait_for()
    assert page.evaluate("Notification.permission") == "granted"
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)") == (
        live_server.url + "/"
    )
    # Chromium registered with the page's applicationServerKey (the server's VAPID key)...
    [web_push] = [r for r in push_registration.registrations if r.get("sender") == [vapid.public]]
    assert web_push["X-subtype"][0].startswith(f"wp:{live_server.url}/")
    # ...and the subscription it made is what the server stored, for this patient.
    browser_side = page.evaluate(
        "navigator.serviceWorker.ready.then(r => r.pushManager.getSubscription())"
        ".then(s => s.toJSON())"
    )
    [stored] = PushSubscription.objects.filter(patient=patient)
    assert stored.endpoint == browser_side["endpoint"]
    assert stored.endpoint.startswith("https://")
    assert (stored.p256dh, stored.auth) == (
        browser_side["keys"]["p256dh"],
        browser_side["keys"]["auth"],
    )
    assert len(stored.p256dh) == 87 and len(stored.auth) == 22
    assert page.locator("#push-devices").get_by_text("Chrome on Linux").is_visible()

    page.reload()
    page.get_by_text("Notifications are on for this browser.").wait_for()
    page.get_by_role("button", name="Turn off notifications here").click()
    page.get_by_text("Notifications are off for this browser.").wait_for()
    assert not PushSubscription.objects.exists()
    assert page.get_by_text("No device gets notifications yet.").is_visible()
    assert (
        page.evaluate("navigator.serviceWorker.ready.then(r => r.pushManager.getSubscription())")
        is None
    )


def test_a_push_shows_a_notification_and_tapping_it_opens_today(push_context, live_server, patient):
    page = account_page(push_context, live_server, patient)

    push = PushDelivery(push_context, page, live_server.url)
    turn_on(page)

    message = {
        "title": "Time for session 2 of 4",
        "body": "Your exercises are ready when you are. Tap to open Today.",
        "url": "/today/",
        "tag": "reminder-2026-12-01-2",
    }
    shown = push.deliver(page, json.dumps(message))
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
    page = account_page(push_context, live_server, patient)
    push = PushDelivery(push_context, page, live_server.url)
    turn_on(page)
    assert [n["title"] for n in push.deliver(page, "")] == ["Time for your exercises"]
