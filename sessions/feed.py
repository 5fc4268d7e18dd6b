"""The patient's calendar feed: the next 14 days of planned sessions as iCalendar events.

Each event starts at a reminder time in the patient's own zone (with that zone's VTIMEZONE), lasts
20 minutes, and carries an alarm at its start. Its text says only "Exercise session 2 of 4" and
links to Today: no routine name (ours name the diagnosis), no pain, nothing a shared or
public calendar should not show.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from sessions import reminders

DAYS = 14
LENGTH = timedelta(minutes=20)


def build_feed(
    *, plan: reminders.Plan, planned: int, start: date, today_url: str, uid_base: str, now: datetime
) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Sciatica exercises//Exercise sessions//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Exercise sessions")
    cal.add("x-wr-timezone", plan.time_zone)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    events = reminders.calendar(start, DAYS, plan, planned)
    for reminder in events:
        event = Event()
        event.add("uid", f"{reminder.day.isoformat()}-{reminder.slot}-{uid_base}")
        event.add("dtstamp", now)
        event.add("dtstart", reminder.at)
        event.add("dtend", reminder.at + LENGTH)
        event.add("summary", f"Exercise session {reminder.session} of {reminder.planned}")
        event.add("description", f"{reminder.text}. Open Today to start: {today_url}")
        event.add("url", today_url)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", reminder.text)
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        cal.add_component(event)
    cal.add_missing_timezones(first_date=start, last_date=start + timedelta(days=DAYS + 1))
    return cal.to_ical()
