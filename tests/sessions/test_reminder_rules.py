"""The due-reminder rules: pure, so every case is a few values in and a list out."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from sessions.reminders import (
    Plan,
    calendar,
    check_times,
    default_times,
    due_reminders,
    in_quiet_hours,
)

LONDON = "Europe/London"
FOUR = (time(8), time(12), time(16), time(20))


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def due(now, plan, planned=4, done=None):
    return [
        (r.day, r.slot, r.at.astimezone(UTC), r.text)
        for r in due_reminders(now, plan, planned, done or {})
    ]


@pytest.mark.parametrize(
    ("sessions", "expected"),
    [
        (1, ["09:00"]),
        (2, ["08:00", "20:00"]),
        (3, ["08:00", "14:00", "20:00"]),
        (4, ["08:00", "12:00", "16:00", "20:00"]),
        (12, ["08:00", "09:45", "11:25", "13:10", "14:50", "16:35", "18:15", "20:00"]),
    ],
)
def test_default_times_spread_the_routines_sessions_over_the_day(sessions, expected):
    assert [f"{t:%H:%M}" for t in default_times(sessions)] == expected


def test_a_reminder_is_due_from_its_minute_for_half_an_hour_only():
    plan = Plan(FOUR, LONDON)  # December: London is on GMT
    assert due(utc(2026, 12, 1, 7, 59, 59), plan) == []
    assert due(utc(2026, 12, 1, 8, 0), plan) == [
        (date(2026, 12, 1), 1, utc(2026, 12, 1, 8, 0), "Time for session 1 of 4")
    ]
    assert len(due(utc(2026, 12, 1, 8, 29), plan)) == 1
    assert due(utc(2026, 12, 1, 8, 30), plan) == []


def test_a_session_already_done_skips_its_reminder_and_the_next_one_still_comes():
    plan = Plan(FOUR, LONDON)
    day = date(2026, 12, 1)
    assert due(utc(2026, 12, 1, 12, 5), plan, done={day: 2}) == []
    assert due(utc(2026, 12, 1, 12, 5), plan, done={day: 1}) == [
        (day, 2, utc(2026, 12, 1, 12, 0), "Time for session 2 of 4")
    ]
    # Sessions done on another day do not count for this one.
    assert len(due(utc(2026, 12, 1, 12, 5), plan, done={day - timedelta(days=1): 4})) == 1


def test_reminders_beyond_the_routines_sessions_nudge_for_the_next_one_until_all_are_done():
    plan = Plan((time(8), time(12), time(16)), LONDON)
    day = date(2026, 12, 1)
    assert due(utc(2026, 12, 1, 16, 0), plan, planned=2, done={day: 1})[0][3] == (
        "Time for session 2 of 2"
    )
    assert due(utc(2026, 12, 1, 16, 0), plan, planned=2, done={day: 2}) == []


def test_london_in_march_keeps_wall_clock_times_and_the_skipped_hour_sends_once_at_0230():
    # 29 March 2026: at 01:00 GMT the clocks go to 02:00 BST.
    plan = Plan((time(0, 45), time(1, 30), time(8)), LONDON)
    day = date(2026, 3, 29)
    # 08:00 BST is 07:00 UTC that day; the day before it was 08:00 UTC.
    assert due(utc(2026, 3, 29, 7, 0), plan)[0][:3] == (day, 3, utc(2026, 3, 29, 7, 0))
    assert due(utc(2026, 3, 28, 8, 0), plan)[0][:3] == (date(2026, 3, 28), 3, utc(2026, 3, 28, 8))
    # 01:30 does not exist that night: it is sent at 01:30 GMT, which the clock calls 02:30.
    sent = [
        r
        for minute in range(0, 180)
        for r in due(utc(2026, 3, 29, 0, 0) + timedelta(minutes=minute), plan)
        if r[1] == 2
    ]
    assert {r[:3] for r in sent} == {(day, 2, utc(2026, 3, 29, 1, 30))}
    assert utc(2026, 3, 29, 1, 30).astimezone(ZoneInfo(LONDON)).strftime("%H:%M") == "02:30"


def test_london_in_october_sends_the_repeated_hours_reminder_once_at_the_first_0130():
    # 25 October 2026: at 02:00 BST the clocks go back to 01:00 GMT, so 01:00–02:00 happens twice.
    plan = Plan((time(1, 30), time(8)), LONDON)
    day = date(2026, 10, 25)
    moments = {
        r[:3]
        for minute in range(0, 240)
        for r in due(utc(2026, 10, 24, 23, 0) + timedelta(minutes=minute), plan)
        if r[1] == 1
    }
    # The first 01:30 is BST, 00:30 UTC; the second (01:30 UTC) sends nothing new.
    assert moments == {(day, 1, utc(2026, 10, 25, 0, 30))}
    assert due(utc(2026, 10, 25, 8, 0), plan)[0][:3] == (day, 2, utc(2026, 10, 25, 8, 0))


def test_honolulu_near_midnight_belongs_to_the_patients_day_not_the_servers():
    plan = Plan((time(9), time(23, 50)), "Pacific/Honolulu")  # UTC-10, no DST
    local_day = date(2026, 12, 1)
    # 23:50 on 1 Dec in Honolulu is 09:50 on 2 Dec in UTC.
    assert due(utc(2026, 12, 2, 9, 50), plan)[0][:3] == (local_day, 2, utc(2026, 12, 2, 9, 50))
    # Ten minutes later it is 2 Dec in Honolulu too; the 23:50 one is still due, for 1 Dec.
    assert due(utc(2026, 12, 2, 10, 5), plan)[0][:2] == (local_day, 2)
    # And it counts 1 Dec's sessions, not 2 Dec's.
    assert due(utc(2026, 12, 2, 10, 5), plan, planned=2, done={local_day: 2}) == []
    assert len(due(utc(2026, 12, 2, 10, 5), plan, planned=2, done={date(2026, 12, 2): 2})) == 1


def test_quiet_hours_skip_reminders_inside_them_even_across_midnight():
    plan = Plan((time(6, 30), time(8), time(22, 30)), LONDON, time(22), time(7))
    assert due(utc(2026, 12, 1, 6, 30), plan) == []
    assert due(utc(2026, 12, 1, 22, 30), plan) == []
    assert [r[1] for r in due(utc(2026, 12, 1, 8, 0), plan)] == [2]
    assert in_quiet_hours(time(12), time(12), time(14))
    assert not in_quiet_hours(time(14), time(12), time(14))
    assert not in_quiet_hours(time(3), None, None)


def test_a_pause_skips_reminders_until_it_ends():
    plan = Plan(FOUR, LONDON, paused_until=utc(2026, 12, 3, 10, 0))
    assert due(utc(2026, 12, 3, 8, 0), plan) == []
    assert [r[1] for r in due(utc(2026, 12, 3, 12, 0), plan)] == [2]


def test_a_changed_zone_moves_the_reminders_with_the_patient():
    london, tokyo = Plan(FOUR, LONDON), Plan(FOUR, "Asia/Tokyo")
    assert [r[1] for r in due(utc(2026, 12, 1, 8, 0), london)] == [1]
    assert due(utc(2026, 12, 1, 8, 0), tokyo) == []  # 17:00 in Tokyo
    assert [r[1] for r in due(utc(2026, 11, 30, 23, 0), tokyo)] == [1]  # 08:00 in Tokyo


def test_the_calendar_lists_the_routines_sessions_day_by_day_in_the_patients_zone():
    plan = Plan((time(8), time(12), time(16)), "America/New_York")
    events = calendar(date(2026, 3, 7), 3, plan, planned=2)
    assert [(r.day.day, r.at.strftime("%H:%M %Z"), r.text) for r in events] == [
        (7, "08:00 EST", "Time for session 1 of 2"),
        (7, "12:00 EST", "Time for session 2 of 2"),
        (8, "08:00 EDT", "Time for session 1 of 2"),
        (8, "12:00 EDT", "Time for session 2 of 2"),
        (9, "08:00 EDT", "Time for session 1 of 2"),
        (9, "12:00 EDT", "Time for session 2 of 2"),
    ]


def test_check_times_says_what_is_wrong():
    assert check_times(FOUR) == []
    assert check_times([time(8), time(8)]) == [
        "08:00 is there twice: give each reminder its own time."
    ]
    assert check_times([time(8), time(8, 20)]) == [
        "08:00 and 08:20 overlap: keep reminders at least 30 minutes apart."
    ]
    assert check_times([time(h) for h in range(8, 17)])[0] == (
        "Choose at most 8 reminder times, not 9."
    )
