"""A patient's history in a few aggregate queries, shaped for ``sessions/_charts.html``.

The number of queries is fixed: one for sessions planned a day, one for the calendar counts,
one for the pain and reach series and one for every exercise's series. The database groups by
day (and exercise); Python only lays out the grouped rows, never the set logs themselves. The
exercise series come from ``DailyBest`` (one row per exercise and day, see ``sessions.daily``),
so their cost follows the days in the window, not the sets ever logged.

Windows longer than ``DAILY_UP_TO_DAYS`` (so the year) are drawn by week: a year by day is 365
points a line and 365 rows in each table of numbers, more than a phone shows or a person reads.
Each point is then one Monday-to-Sunday week, drawn at its Monday (the first, partial week at
the window's first day): pain is the average over the week's sessions, reach the furthest it
reached that week, and each exercise the highest target and the best done of the week. The
table of numbers heads its first column "Week of" and lists the weeks newest first, and the
chart's description says "in the week of 2 Mar". 90 days and less stay by day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.db.models import Avg, Count, DateField, F, Func, Max, Min

from exercises.models import DoseKind, Routine
from sciatica.widgets import PlainRadioSelect
from sessions import daily
from sessions.charts import WEEKDAYS, Chart, Series, calendar_weeks, line_chart, nice_max
from sessions.models import DailyBest, PainReach, Patient, WorkoutSession

CALENDAR_WEEKS = 4
DEFAULT_DAYS = 90
MIN_DAYS = 14
DAILY_UP_TO_DAYS = 90  # longer windows are drawn by week

# (heading under the exercise name, target name, achieved name, unit) for each dose kind.
DOSE_WORDS = {
    DoseKind.HOLD: ("How long {you} held, in seconds", "Target hold", "Held", "s"),
    DoseKind.REPS: ("Repetitions per set", "Target reps", "Reps done", ""),
    DoseKind.DURATION: ("Minutes per session", "Target minutes", "Minutes done", "min"),
}

# Who the chart notes speak to: the patient ("you"), or a clinician about the patient.
VOICES = {
    False: {"you": "you", "your": "your"},
    True: {"you": "the patient", "your": "the patient's"},
}


class HistoryWindowForm(forms.Form):
    """How many days the charts cover: the GET field ``days``."""

    days = forms.TypedChoiceField(
        label="Show the last",
        choices=[(30, "30 days"), (90, "90 days"), (365, "year")],
        coerce=int,
        widget=PlainRadioSelect,
        error_messages={
            "required": "Choose 30 days, 90 days or a year.",
            "invalid_choice": "Choose 30 days, 90 days or a year (“%(value)s” is not one of them).",
        },
    )


@dataclass(frozen=True)
class ChartCard:
    """One chart with its heading, a line saying how to read it, and a page-unique id."""

    id: str
    heading: str
    note: str
    chart: Chart


def history_context(
    patient: Patient, *, days: int, today: date, about_patient: bool = False
) -> dict[str, object]:
    """Everything ``sessions/_charts.html`` draws for ``patient`` over the last ``days`` days.

    The patient reads "you"; with ``about_patient`` (a clinician's page) the notes speak of
    "the patient" instead.

    ``today`` is the patient's own day (``patient.local_date()``); days are the sessions'
    ``local_date``. The calendar always covers the last four Monday-to-Sunday weeks, and counts
    finished sessions against the routine's sessions a day now (past plans are not stored).
    """
    start = today - timedelta(days=days - 1)
    planned = (
        Routine.objects.filter(patient_id=patient.user_id)
        .values_list("sessions_per_day", flat=True)
        .order_by("pk")
        .first()
    ) or 0
    sessions = WorkoutSession.objects.for_patient(patient)
    done = _done_per_day(sessions, today=today)
    # The patient's first day: when they joined, or an earlier session (one entered for them).
    first_day = min([patient.local_date(patient.user.date_joined), *done])
    weeks = calendar_weeks(
        done, today=today, planned=planned, weeks=CALENDAR_WEEKS, first_day=first_day
    )
    counted = [d for week in weeks for d in week if d.state not in ("future", "before")]
    window = Window(start=start, end=today, by_week=days > DAILY_UP_TO_DAYS)
    voice = VOICES[about_patient]
    pain, reach = _pain_and_reach(sessions, window=window, voice=voice)
    return {
        "days": days,
        "start": start,
        "today": today,
        "planned": planned,
        "weeks": weeks,
        "weekdays": WEEKDAYS,
        "done_in_weeks": sum(d.done for week in weeks for d in week),
        "planned_in_weeks": planned * len(counted),
        "calendar_since": counted[0].day if counted else today,
        "pain_chart": pain,
        "reach_chart": reach,
        "exercise_charts": _exercise_charts(patient, window=window, voice=voice),
        "by_week": window.by_week,
        "about_patient": about_patient,
    }


def fitted_days(patient: Patient, *, today: date) -> int:
    """The default window: from the first finished session, at least 14 and at most 90 days."""
    first = (
        WorkoutSession.objects.for_patient(patient)
        .finished()
        .aggregate(first=Min("local_date"))["first"]
    )
    span = (today - first).days + 1 if first else MIN_DAYS
    return max(MIN_DAYS, min(DEFAULT_DAYS, span))


def _done_per_day(sessions, *, today: date) -> dict[date, int]:
    first = today - timedelta(days=today.weekday(), weeks=CALENDAR_WEEKS - 1)
    rows = (
        sessions.finished()
        .filter(local_date__range=(first, today))
        .values("local_date")
        .annotate(done=Count("id"))
        .order_by()
    )
    return {row["local_date"]: row["done"] for row in rows}


class WeekStart(Func):
    """The Monday of a date's week, with the database's own date functions (Django's
    ``TruncWeek`` calls back into Python for every row on SQLite)."""

    output_field = DateField()
    template = "CAST(date_trunc('week', %(expressions)s) AS date)"

    def as_sqlite(self, compiler, connection, **extra):
        # 'weekday 0' moves on to the Sunday ending the week (or stays on it); six days back
        # is its Monday.
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s, 'weekday 0', '-6 days')"
        )


@dataclass(frozen=True)
class Window:
    """The days the charts cover, and whether each point is a day or a week."""

    start: date
    end: date
    by_week: bool

    @property
    def period(self) -> str:
        return "week" if self.by_week else "day"

    def bucket(self, field: str):
        """What the database groups rows by: the day itself, or its week's Monday."""
        return WeekStart(field) if self.by_week else F(field)

    def point(self, bucket: date) -> date:
        """Where a group is drawn: its day, or its week's Monday (the window's first day for
        the first, partial week)."""
        return max(bucket, self.start)

    def chart(self, series: list[Series], **kwargs) -> Chart:
        return line_chart(series, start=self.start, end=self.end, by_week=self.by_week, **kwargs)


def _pain_and_reach(
    sessions, *, window: Window, voice: dict[str, str]
) -> tuple[ChartCard | None, ChartCard | None]:
    """Pain is the average over the sessions; reach is the furthest (a place, not a score)."""
    rows = list(
        sessions.finished()
        .filter(local_date__range=(window.start, window.end))
        .annotate(bucket=window.bucket("local_date"))
        .values("bucket")
        .annotate(
            pain_before=Avg("pain_before"),
            pain_after=Avg("pain_after"),
            reach_before=Max("reach_before"),
            reach_after=Max("reach_after"),
        )
        .order_by("bucket")
    )
    if not rows:
        return None, None

    def series(name: str, style: str, key: str) -> Series:
        return Series(
            name,
            style,
            {window.point(r["bucket"]): round(r[key], 1) for r in rows if r[key] is not None},
        )

    period = window.period
    pain = ChartCard(
        id="chart-pain",
        heading="Pain before and after each session",
        note=f"From 0 (no pain) to 10 (the worst), averaged over each {period}'s sessions.",
        chart=window.chart(
            [
                series("Before", "b", "pain_before"),
                series("After", "a", "pain_after"),
            ],
            y_max=10,
        ),
    )
    reach = ChartCard(
        id="chart-reach",
        heading="How far down the leg the pain reaches",
        note=(
            f"Lower on the chart means the pain stays nearer {voice['your']} spine: a good sign. "
            f"Each {period} shows the furthest it reached, before and after a session."
        ),
        chart=window.chart(
            [
                series("Before", "b", "reach_before"),
                series("After", "a", "reach_after"),
            ],
            y_max=len(PainReach.labels) - 1,
            y_labels=PainReach.labels,
            height=240,
        ),
    )
    return pain, reach


def _exercise_charts(patient: Patient, *, window: Window, voice: dict[str, str]) -> list[ChartCard]:
    """Per exercise and day (or week), the highest target and the best done, of sets done or
    stopped, from the patient's ``DailyBest`` rows (one per exercise and day).

    Whether a line is seconds, reps or minutes follows the catalog exercise's dose kind.
    """
    columns = ("exercise_id", "exercise__name", "exercise__dose_kind", "bucket")
    rows = DailyBest.objects.filter(
        patient=patient, day__range=(window.start, window.end)
    ).annotate(bucket=window.bucket("day"))
    if window.by_week:
        rows = rows.values(*columns).annotate(**{name: Max(name) for name in daily.NUMBERS})
    else:
        # A DailyBest row is already one exercise's best of one day: no grouping, and none of
        # the aggregates' per-value conversions (1.3 ms of 3.2 at 90 days of four exercises).
        rows = rows.values(*columns, *daily.NUMBERS)
    rows = rows.order_by("exercise__name", "exercise_id", "bucket")
    grouped: dict[int, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["exercise_id"], []).append(row)
    return [_exercise_card(day_rows, window=window, voice=voice) for day_rows in grouped.values()]


def _exercise_card(rows: list[dict], *, window: Window, voice: dict[str, str]) -> ChartCard:
    kind = rows[0]["exercise__dose_kind"]
    note, target_name, done_name, unit = DOSE_WORDS.get(kind, DOSE_WORDS[DoseKind.HOLD])
    if kind == DoseKind.REPS:
        target_key, done_key = "target_reps", "reps_done"
    else:
        target_key, done_key = "target_seconds", "held_seconds"
    per = 60 if kind == DoseKind.DURATION else 1  # durations are logged in seconds

    def values(key: str) -> dict[date, float]:
        return {
            window.point(r["bucket"]): round(r[key] / per, 1) for r in rows if r[key] is not None
        }

    target = Series(target_name, "b", values(target_key))
    done = Series(done_name, "a", values(done_key))
    top = max([*target.values.values(), *done.values.values(), 1])
    return ChartCard(
        id=f"chart-exercise-{rows[0]['exercise_id']}",
        heading=rows[0]["exercise__name"],
        note=f"{note.format(**voice)}, best of each {window.period}.",
        chart=window.chart([target, done], y_max=nice_max(top), unit=unit),
    )
