"""send_reminders against a push service served on loopback by the test itself.

The test plays the browser: it makes its own P-256 key pair and auth secret, subscribes with them,
and decrypts what arrives (http_ece, aes128gcm) as a browser would.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management import call_command
from django.db import connection

from sessions.models import PushSubscription, ReminderSettings, SentReminder, WorkoutSession
from sessions.reminder_services import send_due_reminders

NOON = datetime(2026, 12, 1, 12, 1, tzinfo=UTC)  # London is on GMT: reminder 2 (12:00) is due


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class PushService:
    """A tiny push service: records each POST and answers with the status set for its path."""

    def __init__(self):
        self.received: list[dict] = []
        self.status: dict[str, int] = {}
        self.delay = 0.0
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                service.received.append(
                    {
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": body,
                    }
                )
                if service.delay:
                    threading.Event().wait(service.delay)
                self.send_response(service.status.get(self.path, 201))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class Browser:
    """One browser's push keys, as PushManager.subscribe() would make them."""

    def __init__(self, endpoint: str):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        self.endpoint = endpoint
        self.p256dh = b64(
            self.key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    def subscribe(self, patient) -> PushSubscription:
        return PushSubscription.objects.create(
            patient=patient, endpoint=self.endpoint, p256dh=self.p256dh, auth=b64(self.auth)
        )

    def read(self, body: bytes) -> dict:
        plain = http_ece.decrypt(
            body, private_key=self.key, auth_secret=self.auth, version="aes128gcm"
        )
        return json.loads(plain)


@pytest.fixture
def push_service():
    service = PushService()
    yield service
    service.stop()


@pytest.fixture
def reminded(patient, routine):
    """The patient (London) with reminders at 08:00, 12:00, 16:00 and 20:00, 4 sessions a day."""
    ReminderSettings.objects.create(patient=patient, times=["08:00", "12:00", "16:00", "20:00"])
    return patient


@pytest.mark.django_db
def test_a_due_reminder_arrives_encrypted_and_decrypts_to_its_text(push_service, vapid, reminded):
    browser = Browser(f"{push_service.url}/push/phone")
    browser.subscribe(reminded)
    report = send_due_reminders(NOON)
    assert (report.due, report.claimed, report.delivered) == (1, 1, 1)
    [push] = push_service.received
    assert push["path"] == "/push/phone"
    assert push["headers"]["content-encoding"] == "aes128gcm"
    assert push["headers"]["authorization"].startswith("vapid t=")
    assert f"k={vapid.public}" in push["headers"]["authorization"]
    assert b"session" not in push["body"]  # encrypted on the wire
    message = browser.read(push["body"])
    assert message == {
        "title": "Time for session 2 of 4",
        "body": "Your exercises are ready when you are. Tap to open Today.",
        "url": "/today/",
        "tag": "reminder-2026-12-01-2",
    }
    text = json.dumps(message).lower()
    for private in ("pain", "herniated", "disc", "leg", reminded.cause.name.lower()):
        assert private not in text
    sent = SentReminder.objects.get()
    assert (sent.day.isoformat(), sent.slot, sent.delivered) == ("2026-12-01", 2, 1)
    # A minute later it is still in its window, but it has been sent: nothing goes out again.
    assert send_due_reminders(NOON.replace(minute=2)).claimed == 0
    assert len(push_service.received) == 1


@pytest.mark.django_db
def test_every_device_of_the_patient_gets_it_and_a_410_device_is_deleted(
    push_service, vapid, reminded
):
    phone = Browser(f"{push_service.url}/push/phone")
    laptop = Browser(f"{push_service.url}/push/laptop")
    phone.subscribe(reminded)
    laptop.subscribe(reminded)
    push_service.status["/push/laptop"] = 410
    report = send_due_reminders(NOON)
    assert (report.delivered, report.gone) == (1, 1)
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [phone.endpoint]
    assert phone.read(push_service.received[0]["body"])["title"] == "Time for session 2 of 4"


@pytest.mark.django_db
def test_a_404_device_is_deleted_too(push_service, vapid, reminded):
    Browser(f"{push_service.url}/push/old").subscribe(reminded)
    push_service.status["/push/old"] = 404
    send_due_reminders(NOON)
    assert not PushSubscription.objects.exists()


@pytest.mark.django_db
def test_other_failures_are_retried_with_backoff_logged_and_the_device_kept(
    push_service, vapid, reminded, caplog
):
    Browser(f"{push_service.url}/push/busy").subscribe(reminded)
    push_service.status["/push/busy"] = 503
    report = send_due_reminders(NOON)
    assert report.failed == 1
    assert len(push_service.received) == 3
    assert "failed (HTTP 503), attempt 3 of 3" in caplog.text
    assert PushSubscription.objects.count() == 1


@pytest.mark.django_db
def test_a_session_already_done_is_not_reminded(push_service, vapid, reminded, routine):
    Browser(f"{push_service.url}/push/phone").subscribe(reminded)
    for _ in range(2):
        WorkoutSession.objects.create(
            patient=reminded,
            routine=routine,
            status=WorkoutSession.Status.FINISHED,
            local_date=NOON.date(),
            pain_before=3,
            reach_before=1,
        )
    assert send_due_reminders(NOON).due == 0
    assert push_service.received == []


@pytest.mark.django_db
def test_the_command_sends_what_is_due_now(push_service, vapid, reminded, capsys, monkeypatch):
    Browser(f"{push_service.url}/push/phone").subscribe(reminded)
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOON)
    call_command("send_reminders")
    assert "1 of 1 due reminders sent here: 1 delivered" in capsys.readouterr().out
    assert len(push_service.received) == 1


@pytest.mark.django_db
def test_without_vapid_keys_nothing_is_sent(push_service, settings, reminded):
    settings.VAPID_PUBLIC_KEY = settings.VAPID_PRIVATE_KEY = ""
    Browser(f"{push_service.url}/push/phone").subscribe(reminded)
    assert send_due_reminders(NOON).claimed == 0
    assert not SentReminder.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_reminder_once(push_service, vapid, reminded, other_patient):
    """Two real concurrent runs, each on its own thread and database connection."""
    ReminderSettings.objects.create(patient=other_patient, times=["12:00"])
    phone = Browser(f"{push_service.url}/push/phone")
    phone.subscribe(reminded)
    Browser(f"{push_service.url}/push/other").subscribe(other_patient)
    push_service.delay = 0.2  # both runs are in flight at once
    start = threading.Barrier(2)
    reports, errors = [], []

    def run():
        try:
            start.wait()
            reports.append(send_due_reminders(NOON))
        except Exception as error:  # pragma: no cover - shown by the assert below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(r.due for r in reports) == [2, 2]  # both runs saw both reminders due
    assert sum(r.claimed for r in reports) == 2  # and between them claimed each once
    assert sorted(p["path"] for p in push_service.received) == ["/push/other", "/push/phone"]
    assert SentReminder.objects.count() == 2


@pytest.mark.django_db
def test_a_device_with_broken_keys_does_not_stop_the_others(push_service, vapid, reminded):
    PushSubscription.objects.create(
        patient=reminded, endpoint=f"{push_service.url}/push/broken", p256dh="AAAA", auth="AAAA"
    )
    phone = Browser(f"{push_service.url}/push/phone")
    phone.subscribe(reminded)
    report = send_due_reminders(NOON)
    assert (report.delivered, report.failed) == (1, 1)
    assert [p["path"] for p in push_service.received] == ["/push/phone"]
