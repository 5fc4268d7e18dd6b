"""When a patient's reminders are due: pure rules of times, zones, quiet hours, pauses and sessions.

No database here. A patient's reminder plan is a list of local wall-clock times ("08:00") in their
own time zone, so a patient who travels and changes their zone keeps "08:00" at the new place.

The rules, in the order they apply to one reminder (slot k of the day, counted from 1):

- Reminder k stands for session k of the routine's N sessions a day. Times beyond the N-th are
  extra nudges for a session still to do. A reminder is skipped once that session is done (k
  sessions finished that day), and every reminder is skipped once all N are done.
- A reminder inside quiet hours is skipped, not moved. Quiet hours may wrap midnight (22:00–07:00).
- A reminder before the end of a pause is skipped.
- It is *due* from its moment for ``WINDOW`` (30 minutes), so a run that comes a few minutes late
  (or a missed minute) still sends it, but a box that was down for hours never sends stale ones.
  The sender's claim row (one per patient, local day and slot) makes sure it goes out once.

Daylight saving time, e.g. Europe/London:

- In March the clock jumps from 01:00 to 02:00. A reminder set for a time inside the skipped hour
  (01:30) is sent once, at the instant the old offset gives it: 01:30 GMT, which the clock shows
  as 02:30. It is neither lost nor sent twice.
- In October 01:00–02:00 happens twice. A reminder at 01:30 is sent once, at the first 01:30
  (still summer time); the repeated hour does not send it again, since it is the same day and slot.
- Every other reminder keeps its wall-clock time: 08:00 is 08:00 GMT in winter, 08:00 BST in summer.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

MAX_REMINDERS = 8
# Two reminders closer than this would overlap: the second one would come while the first is
# still the thing to do.
MIN_GAP = timedelta(minutes=30)
WINDOW = timedelta(minutes=30)
FIRST, LAST = time(8, 0), time(20, 0)


@dataclass(frozen=True)
class Plan:
    """One patient's reminder settings, as plain values."""

    times: tuple[time, ...]
    time_zone: str
    quiet_start: time | None = None
    quiet_end: time | None = None
    paused_until: datetime | None = None

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


@dataclass(frozen=True)
class Reminder:
    """One reminder on one local day: slot k (from 1), its moment, and the session it is for."""

    day: date
    slot: int
    at: datetime  # aware, in the patient's zone
    session: int
    planned: int

    @property
    def text(self) -> str:
        """What the patient reads. No diagnosis, no pain: lock screens and calendars are public."""
        return f"Time for session {self.session} of {self.planned}"


def default_times(sessions_per_day: int) -> tuple[time, ...]:
    """Times spread evenly from 08:00 to 20:00 (one session: 09:00), rounded to 5 minutes.

    Four sessions give 08:00, 12:00, 16:00 and 20:00. At most ``MAX_REMINDERS``.
    """
    count = max(1, min(sessions_per_day, MAX_REMINDERS))
    if count == 1:
        return (time(9, 0),)
    span = (LAST.hour - FIRST.hour) * 60
    minutes = [FIRST.hour * 60 + round(span * n / (count - 1) / 5) * 5 for n in range(count)]
    return tuple(time(m // 60, m % 60) for m in minutes)


def in_quiet_hours(moment: time, start: time | None, end: time | None) -> bool:
    """Whether a wall-clock time is inside quiet hours [start, end), which may wrap midnight."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def moment_of(day: date, at: time, tz: zoneinfo.ZoneInfo) -> datetime:
    """The instant a local wall-clock time happens on a day, normalised through UTC.

    A time in a skipped hour is read with the offset before the change (so 01:30 on the March
    change in London is 02:30 BST); a repeated time is its first occurrence (fold 0).
    """
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC).astimezone(tz)


def reminders_on(day: date, plan: Plan, planned: int, done: int = 0) -> list[Reminder]:
    """The reminders a patient gets on one local day, given how many sessions are done.

    With ``done=0`` this is the day's plan as the calendar shows it.
    """
    tz = plan.tz
    result = []
    for slot, at in enumerate(sorted(plan.times), start=1):
        if done >= min(slot, planned):
            continue
        if in_quiet_hours(at, plan.quiet_start, plan.quiet_end):
            continue
        moment = moment_of(day, at, tz)
        if plan.paused_until is not None and moment < plan.paused_until:
            continue
        session = slot if slot <= planned else done + 1
        result.append(Reminder(day, slot, moment, session, planned))
    return result


def due_reminders(
    now: datetime, plan: Plan, planned: int, done_by_day: Mapping[date, int]
) -> list[Reminder]:
    """The reminders whose moment is in (now - WINDOW, now], skipping sessions already done.

    ``done_by_day`` maps the patient's local days to the sessions finished on them. Yesterday
    is looked at too, so a reminder at 23:50 is still sent at 00:05 (Honolulu, near midnight).
    """
    today = now.astimezone(plan.tz).date()
    due = []
    for day in (today - timedelta(days=1), today):
        for reminder in reminders_on(day, plan, planned, done_by_day.get(day, 0)):
            if now - WINDOW < reminder.at <= now:
                due.append(reminder)
    return due


def calendar(start: date, days: int, plan: Plan, planned: int) -> list[Reminder]:
    """The planned sessions from ``start`` for ``days`` days: one per time, up to N a day."""
    return [
        reminder
        for offset in range(days)
        for reminder in reminders_on(start + timedelta(days=offset), plan, planned)
        if reminder.slot <= planned
    ]


def check_times(times: Iterable[time]) -> list[str]:
    """What is wrong with a list of reminder times, as messages for the form (empty: fine)."""
    ordered: Sequence[time] = sorted(times)
    problems = []
    if len(ordered) > MAX_REMINDERS:
        problems.append(f"Choose at most {MAX_REMINDERS} reminder times, not {len(ordered)}.")
    for earlier, later in pairwise(ordered):
        gap = datetime.combine(date.min, later) - datetime.combine(date.min, earlier)
        if gap == timedelta(0):
            problems.append(f"{earlier:%H:%M} is there twice: give each reminder its own time.")
        elif gap < MIN_GAP:
            problems.append(
                f"{earlier:%H:%M} and {later:%H:%M} overlap: keep reminders at least "
                f"{MIN_GAP.seconds // 60} minutes apart."
            )
    return problems
