"""The calendar feed: a secret URL, 14 days of sessions with alarms in the patient's zone."""

from datetime import datetime, time, timedelta
from urllib.parse import unquote

import icalendar
import pytest
from django.urls import reverse

from sessions.models import CalendarFeed, ReminderSettings

pytestmark = pytest.mark.django_db


def make_link(client) -> str:
    client.post(reverse("new_calendar_link"))
    return reverse("calendar_feed", args=[CalendarFeed.objects.get().token])


@pytest.mark.usefixtures("frozen_now")  # the feed's first day is the test's today
def test_the_feed_holds_14_days_of_sessions_with_alarms_in_the_patients_zone(
    patient_client, patient, routine, client
):
    patient.time_zone = "Pacific/Honolulu"
    patient.save()
    ReminderSettings.objects.create(patient=patient, times=["07:00", "12:30", "18:00", "21:00"])
    url = make_link(patient_client)
    client.logout()  # a calendar app has no session cookie
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]

    cal = icalendar.Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 14 * 4
    today = patient.local_date()
    assert {e.decoded("dtstart").date() for e in events} == {
        today + timedelta(days=n) for n in range(14)
    }
    first = events[0]
    start = first.decoded("dtstart")
    assert str(start.tzinfo) == "Pacific/Honolulu"
    assert f"{start:%H:%M}" == "07:00"
    assert first["summary"] == "Exercise session 1 of 4"
    assert str(events[1]["summary"]) == "Exercise session 2 of 4"
    assert f"{events[1].decoded('dtstart'):%H:%M}" == "12:30"
    assert "http://testserver/today/" in first["description"]
    assert first["url"] == "http://testserver/today/"
    alarms = [alarm for event in events for alarm in event.walk("VALARM")]
    assert len(alarms) == len(events)
    assert alarms[0]["action"] == "DISPLAY"
    assert alarms[0].decoded("trigger") == timedelta(0)
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Pacific/Honolulu"]
    # No health data: nothing about the diagnosis, the routine's name, pain or the leg.
    text = response.content.decode().lower()
    for word in (
        "herniated",
        "disc",
        "pain",
        "leg",
        routine.name.lower(),
        patient.cause.name.lower(),
    ):
        assert word not in text


@pytest.mark.usefixtures("frozen_now")  # the feed's 14 days count from the test's today
def test_the_feed_follows_the_routine_and_leaves_out_paused_days(patient_client, patient, routine):
    routine.sessions_per_day = 2
    routine.save()
    # Paused until the patient's midnight two days on: today and tomorrow are left out whole,
    # whatever the time of day the test runs at.
    resume = datetime.combine(patient.local_date() + timedelta(days=2), time(0), tzinfo=patient.tz)
    ReminderSettings.objects.create(
        patient=patient, times=["08:00", "14:00", "20:00"], paused_until=resume
    )
    cal = icalendar.Calendar.from_ical(patient_client.get(make_link(patient_client)).content)
    events = list(cal.walk("VEVENT"))
    days = sorted({e.decoded("dtstart").date() for e in events})
    assert days == [resume.date() + timedelta(days=n) for n in range(12)]
    assert len(events) == len(days) * 2  # the routine's 2 sessions, not the 3 reminder times
    assert {str(e["summary"]) for e in events} == {
        "Exercise session 1 of 2",
        "Exercise session 2 of 2",
    }


def test_a_pause_that_ends_mid_morning_keeps_that_afternoons_session(
    patient_client, patient, routine
):
    routine.sessions_per_day = 2
    routine.save()
    day = patient.local_date() + timedelta(days=2)
    resume = datetime.combine(day, time(11), tzinfo=patient.tz)
    ReminderSettings.objects.create(patient=patient, times=["08:00", "14:00"], paused_until=resume)
    cal = icalendar.Calendar.from_ical(patient_client.get(make_link(patient_client)).content)
    starts = sorted(e.decoded("dtstart") for e in cal.walk("VEVENT"))
    assert starts[0] == datetime.combine(day, time(14), tzinfo=patient.tz)
    assert starts[1] == datetime.combine(day + timedelta(days=1), time(8), tzinfo=patient.tz)


def test_a_wrong_or_replaced_token_is_a_404(patient_client, client):
    old = make_link(patient_client)
    assert client.get(old).status_code == 200
    new = make_link(patient_client)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert client.get(reverse("calendar_feed", args=["not-a-token"])).status_code == 404
    assert "old link no longer works" in patient_client.get(reverse("account")).content.decode()


def test_the_account_page_offers_apple_google_and_a_download(patient_client, client):
    html = patient_client.get(reverse("account")).content.decode()
    assert "Make a calendar link" in html
    path = make_link(patient_client)
    html = patient_client.get(reverse("account")).content.decode()
    assert f'href="webcal://testserver{path}"' in html
    google = html.split('href="https://calendar.google.com/calendar/r?cid=')[1].split('"')[0]
    assert unquote(google) == f"webcal://testserver{path}"
    assert f'href="http://testserver{path}?download=1"' in html
    download = client.get(path + "?download=1")
    assert download["Content-Disposition"] == 'attachment; filename="exercise-sessions.ics"'
    assert b"BEGIN:VCALENDAR" in download.content
