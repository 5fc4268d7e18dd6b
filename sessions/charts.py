"""Chart geometry for the history page: plain values in, SVG coordinates out. No database.

``line_chart`` turns a few series (a value per day, or per week for a long window) into point
strings, axis ticks and a data table that a template draws as server-rendered SVG.
``calendar_weeks`` lays out sessions done per day as Monday-to-Sunday weeks.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LABEL_CHAR_WIDTH = 8.5  # Roughly one character at the 15 px chart text, in viewBox units.


@dataclass(frozen=True)
class Series:
    """One line: a value per day (or per week, keyed by its first day). ``style`` "a" is drawn
    solid, "b" dashed (see app.css)."""

    name: str
    style: str
    values: dict[date, float]


@dataclass(frozen=True)
class Tick:
    at: float
    label: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Line:
    name: str
    style: str
    points: str
    dots: list[tuple[float, float]]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    lines: list[Line]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    series: list[Series]
    y_labels: Sequence[str] = ()
    unit: str = ""
    by_week: bool = False

    @property
    def y_label_x(self) -> float:
        return self.left - 8

    @property
    def x_label_y(self) -> float:
        return self.height - 8

    def format(self, value: float | None) -> str:
        if value is None:
            return "–"
        if self.y_labels and float(value).is_integer() and 0 <= value < len(self.y_labels):
            return self.y_labels[int(value)]
        return with_unit(value, self.unit)

    @property
    def rows(self) -> list[tuple[date, list[str]]]:
        """The numbers behind the chart, newest day (or week) first, one column per series."""
        days = sorted({day for s in self.series for day in s.values}, reverse=True)
        cell = cache(self.format)  # a long window repeats a few values many times
        return [(day, [cell(s.values.get(day)) for s in self.series]) for day in days]

    @property
    def table_rows(self) -> SafeString:
        """The table's ``<tr>`` rows, every cell escaped, each day written out ("17 Mar 2026").
        Built here rather than in a template loop: a loop over a long window's cells costs more
        than its queries. Each distinct cell is escaped once, with ``html.escape`` (what
        Django's ``escape`` calls, without its lazy-string wrapper): at six charts of 90 days
        that wrapper alone was 2 ms of the history page."""
        cell = cache(html.escape)
        return mark_safe(  # each cell is escaped; a day is digits and a month's name
            "\n".join(
                f'<tr><th scope="row">{long_day(day)}</th>'
                + "".join(f"<td>{cell(text)}</td>" for text in cells)
                + "</tr>"
                for day, cells in self.rows
            )
        )

    @property
    def marks(self) -> SafeString:
        """What the SVG draws: the y grid and its labels, the x axis and its labels, then each
        line and its dots. Targets (the first line) come first, so the line done stays on top.
        Built here rather than in template loops, which cost a quarter of a long page's time;
        numbers are written as Python writes them, never localized (no decimal commas in SVG).
        """
        parts = []
        for tick in self.y_ticks:
            parts.append(
                f'<line class="grid" x1="{self.left}" x2="{self.right}" '
                f'y1="{tick.at}" y2="{tick.at}"/>'
            )
            parts.append(
                f'<text x="{self.y_label_x}" y="{tick.at}" dy="0.35em" text-anchor="end">'
                f"{escape(tick.label)}</text>"
            )
        parts.append(
            f'<line class="axis" x1="{self.left}" x2="{self.right}" '
            f'y1="{self.bottom}" y2="{self.bottom}"/>'
        )
        parts += [
            f'<text x="{tick.at}" y="{self.x_label_y}" text-anchor="{tick.anchor}">'
            f"{escape(tick.label)}</text>"
            for tick in self.x_ticks
        ]
        for line in self.lines:
            if line.points:
                parts.append(f'<polyline class="line-{line.style}" points="{line.points}"/>')
            parts += [
                f'<circle class="dot-{line.style}" cx="{x}" cy="{y}" r="4.5"/>'
                for x, y in line.dots
            ]
        return mark_safe("\n    ".join(parts))  # every label is escaped

    @property
    def description(self) -> str:
        """One plain sentence per series: where it started, where it is now, its highest."""
        when = (
            (lambda day: f"in the week of {short(day)}")
            if self.by_week
            else (lambda day: f"on {short(day)}")
        )
        parts = []
        for s in self.series:
            if not s.values:
                parts.append(f"{s.name}: no data.")
                continue
            days = sorted(s.values)
            first, last = days[0], days[-1]
            if first == last:
                parts.append(f"{s.name}: {self.format(s.values[first])} {when(first)}.")
                continue
            parts.append(
                f"{s.name}: {self.format(s.values[first])} {when(first)}, "
                f"{self.format(s.values[last])} {when(last)} (latest), "
                f"highest {self.format(max(s.values.values()))}."
            )
        return " ".join(parts)


def number(value: float) -> str:
    """12 for 12.0, 2.5 for 2.5: no trailing zeros."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def with_unit(value: float, unit: str) -> str:
    return f"{number(value)} {unit}" if unit else number(value)


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS = tuple(name[:3] for name in MONTH_NAMES)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def short(day: date) -> str:
    """17 Mar."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def long_day(day: date) -> str:
    """17 Mar 2026 (the month's name from MONTHS, whatever the server's locale)."""
    return f"{short(day)} {day.year}"


def nice_max(value: float) -> int:
    """A round top for a y axis at or above ``value``, whose half is a whole number too."""
    for magnitude in (1, 10, 100, 1000, 10000):
        for step in (2, 4, 6, 8, 10):
            if value <= step * magnitude:
                return step * magnitude
    return int(value) + 1


def line_chart(
    series: list[Series],
    *,
    start: date,
    end: date,
    y_max: float,
    y_labels: Sequence[str] = (),
    unit: str = "",
    width: int = 360,
    height: int = 200,
    max_dots: int = 31,
    by_week: bool = False,
) -> Chart:
    """Lines across the days ``start``..``end`` with values from 0 (bottom) to ``y_max`` (top).

    With ``y_labels`` every whole value gets its label (value 0 is the first label); otherwise
    the y axis shows 0, half and ``y_max``. The x axis shows the first, middle and last day.
    Each value gets a dot while a line has at most ``max_dots`` values (one value has no line).
    With ``by_week`` each value is a week's, drawn at the week's first day in the window.
    """
    tick_values = list(range(len(y_labels))) if y_labels else [0, y_max / 2, y_max]
    tick_text = list(y_labels) if y_labels else [with_unit(v, unit) for v in tick_values]
    left = max(len(text) for text in tick_text) * LABEL_CHAR_WIDTH + 12
    top, right, bottom = 12.0, width - 14.0, height - 30.0
    span = max((end - start).days, 1)

    def x(day: date) -> float:
        return round(left + (day - start).days / span * (right - left), 1)

    def y(value: float) -> float:
        return round(bottom - min(value, y_max) / y_max * (bottom - top), 1)

    lines = []
    for s in series:
        coords = [(x(day), y(value)) for day, value in sorted(s.values.items())]
        lines.append(
            Line(
                name=s.name,
                style=s.style,
                points=" ".join(f"{cx},{cy}" for cx, cy in coords),
                dots=coords if len(coords) <= max_dots else [],
            )
        )
    middle = start + timedelta(days=span // 2)
    fmt = short if span <= 120 else (lambda day: f"{MONTHS[day.month - 1]} {day.year}")
    x_ticks = [
        Tick(x(start), fmt(start), "start"),
        Tick(x(middle), fmt(middle), "middle"),
        Tick(x(end), fmt(end), "end"),
    ]
    y_ticks = [Tick(y(v), text, "end") for v, text in zip(tick_values, tick_text, strict=True)]
    return Chart(
        width=width,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        lines=lines,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        series=series,
        y_labels=y_labels,
        unit=unit,
        by_week=by_week,
    )


@dataclass(frozen=True)
class CalendarDay:
    day: date
    done: int
    planned: int
    state: str  # "before" (the patient had not started), "none", "some", "full" or "future"
    is_today: bool = False

    @property
    def text(self) -> str:
        if self.state in ("future", "before"):
            return ""
        return f"{self.done}/{self.planned}" if self.planned else str(self.done)

    @property
    def html(self) -> SafeString:
        """The day's cell: its date and count for the eye, one sentence for a screen reader.
        Written here rather than in the template: 28 cells of template tags and ``date``
        filters were half the history page's rendering. Every part is a number or a fixed
        word, so nothing needs escaping."""
        day = self.day
        shown = short(day) if day.day == 1 else str(day.day)
        count = f'<span class="done" aria-hidden="true">{self.text}</span>' if self.text else ""
        if self.state == "future":
            said = "still to come"
        elif self.state == "before":
            said = "before you started"
        else:
            said = f"{self.done} of {self.planned} sessions done"
        today = " today" if self.is_today else ""
        return mark_safe(
            f'<div class="day {self.state}{today}">'
            f'<span class="date" aria-hidden="true">{shown}</span>{count}'
            f'<span class="visually-hidden">{DAY_NAMES[day.weekday()]} {day.day} '
            f"{MONTH_NAMES[day.month - 1]}{' (today)' if self.is_today else ''}: {said}</span>"
            "</div>"
        )


WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def calendar_weeks(
    done: dict[date, int],
    *,
    today: date,
    planned: int,
    weeks: int = 4,
    first_day: date | None = None,
) -> list[list[CalendarDay]]:
    """``weeks`` Monday-to-Sunday rows ending with this week; days after ``today`` are future,
    and days before ``first_day`` (the patient's first) are "before", never missed."""
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    rows = []
    for w in range(weeks):
        row = []
        for d in range(7):
            day = first + timedelta(days=w * 7 + d)
            count = done.get(day, 0)
            if day > today:
                state = "future"
            elif count == 0 and first_day is not None and day < first_day:
                state = "before"
            elif count == 0:
                state = "none"
            elif count >= planned:
                state = "full"
            else:
                state = "some"
            row.append(
                CalendarDay(
                    day=day, done=count, planned=planned, state=state, is_today=day == today
                )
            )
        rows.append(row)
    return rows
