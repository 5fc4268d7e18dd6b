"""Reminder settings on the account page: defaults, saving, every bad input, pause, devices."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.models import CalendarFeed, PushSubscription, ReminderSettings, SentReminder
from sessions.reminder_services import reminder_export
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db

P256DH = "B" + "A" * 86
AUTH = "a" * 22


def post_times(client, times, **extra):
    data = {"times": times, "time_zone": "Europe/London", **extra}
    return client.post(reverse("save_reminders"), data)


def test_the_account_page_offers_times_from_the_routines_sessions_a_day(patient_client, routine):
    html = patient_client.get(reverse("account")).content.decode()
    assert "Your routine plans 4 sessions a day" in html
    for value in ("08:00", "12:00", "16:00", "20:00"):
        assert f'name="times" value="{value}"' in html
    assert html.count('name="times"') == 8


def test_saving_times_stores_them_as_local_times_and_a_new_zone_moves_them(
    patient_client, patient, routine
):
    response = post_times(
        patient_client,
        ["20:00", "07:30", ""],
        quiet_start="22:00",
        quiet_end="07:00",
        time_zone="Asia/Tokyo",
    )
    assert response.status_code == 302
    saved = ReminderSettings.objects.get(patient=patient)
    assert saved.times == ["07:30", "20:00"]
    assert f"{saved.quiet_start:%H:%M}-{saved.quiet_end:%H:%M}" == "22:00-07:00"
    patient.refresh_from_db()
    assert patient.time_zone == "Asia/Tokyo"
    html = patient_client.get(reverse("account")).content.decode()
    assert "Reminder times saved." in html
    assert 'name="times" value="07:30"' in html


@pytest.mark.parametrize(
    ("times", "extra", "message"),
    [
        (["25:00"], {}, "“25:00” is not a time: use hours and minutes, e.g. 08:00."),
        (["lunch"], {}, "“lunch” is not a time"),
        ([], {}, "Choose at least one reminder time."),
        (["08:00", "08:00"], {}, "08:00 is there twice: give each reminder its own time."),
        (["08:00", "08:15"], {}, "08:00 and 08:15 overlap: keep reminders at least 30 minutes"),
        ([f"{h:02}:00" for h in range(8, 17)], {}, "Choose at most 8 reminder times, not 9."),
        (["08:00"], {"time_zone": "Mars/Olympus"}, "is not a time zone name, e.g. Europe/London"),
        (["08:00"], {"time_zone": ""}, "This field is required."),
        (["08:00"], {"quiet_start": "22:00"}, "Give quiet hours a start and an end"),
        (["08:00"], {"quiet_start": "22:00", "quiet_end": "22:00"}, "start and end at different"),
        (["08:00"], {"quiet_start": "nine", "quiet_end": "22:00"}, "Enter a valid time."),
        (["23:00"], {"quiet_start": "22:00", "quiet_end": "07:00"}, "23:00 is inside your quiet"),
    ],
)
def test_bad_reminder_input_gets_a_message_and_a_400_and_keeps_what_was_saved(
    patient_client, patient, routine, times, extra, message
):
    ReminderSettings.objects.create(patient=patient, times=["09:00"])
    response = post_times(patient_client, times, **extra)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ReminderSettings.objects.get(patient=patient).times == ["09:00"]
    patient.refresh_from_db()
    assert patient.time_zone == "Europe/London"


def test_a_bad_post_shows_the_patients_own_typed_times_again(patient_client, routine):
    html = post_times(patient_client, ["08:00", "08:10"]).content.decode()
    assert 'name="times" value="08:10" aria-invalid="true"' in html


def test_pausing_and_resuming_reminders(patient_client, patient, routine):
    response = patient_client.post(reverse("pause_reminders"), {"days": "3"})
    assert response.status_code == 302
    until = ReminderSettings.objects.get(patient=patient).paused_until
    assert timedelta(days=3) - (until - timezone.now()) < timedelta(minutes=1)
    html = patient_client.get(reverse("account")).content.decode()
    assert "Reminders are paused until" in html
    assert patient_client.post(reverse("pause_reminders"), {"days": "400"}).status_code == 400
    patient_client.post(reverse("resume_reminders"))
    assert ReminderSettings.objects.get(patient=patient).paused_until is None


def test_a_device_subscription_is_stored_listed_and_turned_off(patient_client, patient):
    endpoint = "https://push.example.org/send/abc"
    data = {"endpoint": endpoint, "p256dh": P256DH, "auth": AUTH, "device": "Chrome on Android"}
    response = patient_client.post(reverse("push_subscribe"), data)
    assert response.status_code == 201
    assert "Chrome on Android" in response.content.decode()
    assert PushSubscription.objects.get(patient=patient).endpoint == endpoint
    # The same browser again updates its row rather than adding one.
    patient_client.post(reverse("push_subscribe"), {**data, "auth": "b" * 22})
    assert PushSubscription.objects.get().auth == "b" * 22
    assert "Chrome on Android" in patient_client.get(reverse("account")).content.decode()
    patient_client.post(reverse("push_unsubscribe"), {"endpoint": endpoint})
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "change",
    [{"endpoint": "http://push.example.org/x"}, {"endpoint": "nope"}, {"p256dh": "short"}],
)
def test_a_bad_subscription_is_a_400_and_stores_nothing(patient_client, change):
    data = {"endpoint": "https://push.example.org/x", "p256dh": P256DH, "auth": AUTH, **change}
    assert patient_client.post(reverse("push_subscribe"), data).status_code == 400
    assert not PushSubscription.objects.exists()


def test_a_patient_cannot_turn_off_another_patients_device(patient_client, other_patient):
    PushSubscription.objects.create(
        patient=other_patient, endpoint="https://push.example.org/o", p256dh=P256DH, auth=AUTH
    )
    patient_client.post(reverse("push_unsubscribe"), {"endpoint": "https://push.example.org/o"})
    assert PushSubscription.objects.filter(patient=other_patient).exists()


def test_reminder_pages_are_for_patients_and_posts_only(client, clinician):
    assert client.post(reverse("save_reminders"))["Location"].startswith(reverse("login"))
    client.force_login(clinician)
    assert client.post(reverse("new_calendar_link")).status_code == 404
    patient = PatientFactory()
    client.force_login(patient.user)
    assert client.get(reverse("save_reminders")).status_code == 405


def test_the_export_holds_the_reminder_settings_and_deleting_the_account_removes_it_all(patient):
    ReminderSettings.objects.create(patient=patient, times=["08:00", "18:00"])
    PushSubscription.objects.create(
        patient=patient, endpoint="https://push.example.org/p", p256dh=P256DH, auth=AUTH
    )
    CalendarFeed.objects.create(patient=patient, token="t" * 43)
    SentReminder.objects.create(patient=patient, day=timezone.localdate(), slot=1)
    data = reminder_export(patient)
    assert data["reminder_times"] == ["08:00", "18:00"]
    assert data["push_devices"][0]["endpoint_host"] == "push.example.org"
    assert data["calendar_feed_created_at"]
    assert len(data["reminders_sent"]) == 1
    patient.user.delete()
    assert not ReminderSettings.objects.exists()
    assert not PushSubscription.objects.exists()
    assert not CalendarFeed.objects.exists()
    assert not SentReminder.objects.exists()


def test_the_service_worker_is_served_from_the_root_and_loads_the_push_handler(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    assert 'importScripts("/static/js/sw-push.js")' in response.content.decode()
