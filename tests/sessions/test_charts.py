"""Chart geometry and the calendar layout, with plain values: no database."""

import re
from datetime import date, timedelta

from sessions.charts import Series, calendar_weeks, line_chart, nice_max

START, END = date(2026, 3, 1), date(2026, 3, 31)


def points(chart, n=0):
    return [tuple(map(float, p.split(","))) for p in chart.lines[n].points.split()]


def test_the_first_day_sits_on_the_left_edge_and_the_last_on_the_right():
    chart = line_chart([Series("Held", "a", {START: 0, END: 10})], start=START, end=END, y_max=10)
    (x0, y0), (x1, y1) = points(chart)
    assert (x0, x1) == (chart.left, chart.right)
    assert (y0, y1) == (chart.bottom, chart.top)


def test_a_day_halfway_through_sits_halfway_across_and_values_scale_up_the_y_axis():
    middle = START + timedelta(days=15)
    chart = line_chart([Series("Held", "a", {middle: 5})], start=START, end=END, y_max=10)
    [(x, y)] = points(chart)
    assert x == round((chart.left + chart.right) / 2, 1)
    assert y == round((chart.top + chart.bottom) / 2, 1)


def test_values_above_the_top_are_drawn_at_the_top():
    chart = line_chart([Series("Held", "a", {START: 50})], start=START, end=END, y_max=10)
    assert points(chart)[0][1] == chart.top


def test_points_are_in_day_order_whatever_order_they_came_in():
    values = {date(2026, 3, 20): 2, START: 1, date(2026, 3, 10): 3}
    chart = line_chart([Series("Held", "a", values)], start=START, end=END, y_max=10)
    xs = [x for x, _ in points(chart)]
    assert xs == sorted(xs)


def test_a_number_axis_shows_zero_half_and_the_top_with_its_unit():
    chart = line_chart([], start=START, end=END, y_max=20, unit="s")
    assert [t.label for t in chart.y_ticks] == ["0 s", "10 s", "20 s"]
    assert [t.at for t in chart.y_ticks] == [
        chart.bottom,
        (chart.top + chart.bottom) / 2,
        chart.top,
    ]


def test_labelled_axis_has_one_tick_per_label_from_the_bottom_up():
    labels = ["No pain", "Lower back", "Buttock", "Thigh", "Below the knee", "Foot"]
    chart = line_chart([], start=START, end=END, y_max=5, y_labels=labels)
    assert [t.label for t in chart.y_ticks] == labels
    assert chart.y_ticks[0].at == chart.bottom
    assert chart.y_ticks[-1].at == chart.top


def test_room_is_left_for_the_longest_y_label():
    short = line_chart([], start=START, end=END, y_max=10)
    long = line_chart([], start=START, end=END, y_max=5, y_labels=["No pain", "Below the knee"])
    assert long.left > short.left + 80


def test_the_x_axis_names_the_first_middle_and_last_day():
    chart = line_chart([], start=START, end=END, y_max=10)
    assert [(t.label, t.anchor) for t in chart.x_ticks] == [
        ("1 Mar", "start"),
        ("16 Mar", "middle"),
        ("31 Mar", "end"),
    ]


def test_a_year_long_x_axis_names_months():
    chart = line_chart([], start=date(2025, 4, 1), end=date(2026, 3, 31), y_max=10)
    assert [t.label for t in chart.x_ticks] == ["Apr 2025", "Sep 2025", "Mar 2026"]


def test_a_few_values_get_dots_and_many_do_not():
    few = {START + timedelta(days=n): n for n in range(3)}
    many = {START + timedelta(days=n): n for n in range(200)}
    chart = line_chart(
        [Series("Few", "a", few), Series("Many", "b", many)],
        start=START,
        end=START + timedelta(days=199),
        y_max=200,
    )
    assert len(chart.lines[0].dots) == 3
    assert chart.lines[1].dots == []


def test_the_table_lists_each_day_newest_first_with_a_dash_where_a_line_has_no_value():
    chart = line_chart(
        [
            Series("Target hold", "b", {START: 10, END: 20}),
            Series("Held", "a", {END: 18.5}),
        ],
        start=START,
        end=END,
        y_max=20,
        unit="s",
    )
    assert chart.rows == [(END, ["20 s", "18.5 s"]), (START, ["10 s", "–"])]


def test_the_table_uses_the_axis_labels_for_labelled_values():
    labels = ["No pain", "Lower back", "Buttock"]
    chart = line_chart(
        [Series("Before", "b", {START: 2})], start=START, end=END, y_max=2, y_labels=labels
    )
    assert chart.rows == [(START, ["Buttock"])]


def test_the_description_says_where_each_line_starts_ends_and_peaks():
    chart = line_chart(
        [
            Series("Target hold", "b", {START: 10, date(2026, 3, 15): 30, END: 20}),
            Series("Held", "a", {END: 18}),
            Series("Nothing", "a", {}),
        ],
        start=START,
        end=END,
        y_max=40,
        unit="s",
    )
    assert chart.description == (
        "Target hold: 10 s on 1 Mar, 20 s on 31 Mar (latest), highest 30 s. "
        "Held: 18 s on 31 Mar. Nothing: no data."
    )


def test_nice_max_rounds_up_to_an_even_round_number():
    assert [nice_max(v) for v in (0, 1, 5, 10, 12, 30, 45, 100, 250)] == [
        2,
        2,
        6,
        10,
        20,
        40,
        60,
        100,
        400,
    ]


def test_the_calendar_is_four_weeks_from_monday_ending_with_this_week():
    today = date(2026, 3, 18)  # a Wednesday
    weeks = calendar_weeks({}, today=today, planned=2)
    assert len(weeks) == 4
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][0].day == date(2026, 2, 23)
    assert weeks[0][0].day.weekday() == 0
    assert weeks[-1][-1].day == date(2026, 3, 22)


def test_each_calendar_day_is_none_some_full_or_future():
    today = date(2026, 3, 18)
    done = {date(2026, 3, 16): 1, date(2026, 3, 17): 2, date(2026, 3, 18): 3}
    this_week = calendar_weeks(done, today=today, planned=2)[-1]
    assert [(d.state, d.text) for d in this_week] == [
        ("some", "1/2"),
        ("full", "2/2"),
        ("full", "3/2"),
        ("future", ""),
        ("future", ""),
        ("future", ""),
        ("future", ""),
    ]
    assert calendar_weeks(done, today=today, planned=2)[0][0].state == "none"


# The loops the chart template used before ``Chart.marks`` drew the same marks in Python.
TEMPLATE_LOOPS = """{% load l10n %}{% localize off %}
{% for tick in chart.y_ticks %}
  <line class="grid" x1="{{ chart.left }}" x2="{{ chart.right }}" y1="{{ tick.at }}" y2="{{ tick.at }}"/>
  <text x="{{ chart.y_label_x }}" y="{{ tick.at }}" dy="0.35em" text-anchor="end">{{ tick.label }}</text>
{% endfor %}
<line class="axis" x1="{{ chart.left }}" x2="{{ chart.right }}" y1="{{ chart.bottom }}" y2="{{ chart.bottom }}"/>
{% for tick in chart.x_ticks %}
  <text x="{{ tick.at }}" y="{{ chart.x_label_y }}" text-anchor="{{ tick.anchor }}">{{ tick.label }}</text>
{% endfor %}
{% for line in chart.lines %}
  {% if line.points %}<polyline class="line-{{ line.style }}" points="{{ line.points }}"/>{% endif %}
  {% for x, y in line.dots %}<circle class="dot-{{ line.style }}" cx="{{ x }}" cy="{{ y }}" r="4.5"/>{% endfor %}
{% endfor %}{% endlocalize %}"""  # noqa: E501


def tags(svg: str) -> str:
    """The markup with the whitespace between tags dropped (SVG draws it as nothing)."""
    return re.sub(r">\s+<", "><", svg.strip())


def test_the_marks_are_what_the_template_loops_drew():
    from django.template import Context, Template
    from django.utils import translation

    values = {START + timedelta(days=n): 2.5 * n for n in range(0, 30, 3)}
    charts = [
        line_chart(
            [Series("Target", "a", values), Series("Done <best>", "b", {END: 7})],
            start=START,
            end=END,
            y_max=nice_max(max(values.values())),
            unit="s",
        ),
        line_chart(
            [Series("Pain", "a", {START: 1, END: 3})],
            start=START,
            end=END,
            y_max=3,
            y_labels=["none", "back", "thigh", "below the knee & foot"],
        ),
    ]
    with translation.override("de"):  # decimal commas, were anything localized
        for chart in charts:
            looped = Template(TEMPLATE_LOOPS).render(Context({"chart": chart}))
            assert tags(chart.marks) == tags(looped)
    assert "below the knee &amp; foot" in charts[1].marks
    assert 'class="dot-a" cx=' in charts[0].marks


# The loop the chart template used before ``Chart.table_rows`` wrote the rows in Python.
TABLE_LOOP = """{% for day, cells in rows %}<tr><th scope="row">{{ day|date:"j M Y" }}</th>{% for cell in cells %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}"""  # noqa: E501


def test_the_table_rows_are_what_the_template_loop_wrote():
    from django.template import Context, Template

    days = {START + timedelta(days=n): 2.5 * n for n in range(0, 90, 2)}
    charts = [
        line_chart(
            [Series("Target", "b", days), Series("Held", "a", {END: 7, START: 0})],
            start=START,
            end=START + timedelta(days=89),
            y_max=nice_max(max(days.values())),
            unit="s <&>",
        ),
        line_chart(
            [Series("Before", "b", {START: 3, END: 1}), Series("After", "a", {END: 0})],
            start=START,
            end=END,
            y_max=3,
            y_labels=["none", "back", "thigh", "below the knee & 'foot'"],
        ),
    ]
    for chart in charts:
        looped = Template(TABLE_LOOP).render(Context({"rows": chart.rows}))
        assert chart.table_rows == looped.rstrip("\n")
    assert "<td>below the knee &amp; &#x27;foot&#x27;</td>" in charts[1].table_rows
    assert '<th scope="row">' + f"{END.day} {END:%b %Y}" + "</th>" in charts[1].table_rows


# The loop the history template used before ``CalendarDay.html`` wrote each cell in Python.
CALENDAR_LOOP = """{% for week in weeks %}{% for d in week %}
  <div class="day {{ d.state }}{% if d.day == today %} today{% endif %}">
    <span class="date" aria-hidden="true">{% if d.day.day == 1 %}{{ d.day|date:"j M" }}{% else %}{{ d.day.day }}{% endif %}</span>
    {% if d.text %}<span class="done" aria-hidden="true">{{ d.text }}</span>{% endif %}
    <span class="visually-hidden">{{ d.day|date:"l j F" }}{% if d.day == today %} (today){% endif %}: {% if d.state == "future" %}still to come{% elif d.state == "before" %}before you started{% else %}{{ d.done }} of {{ planned }} sessions done{% endif %}</span>
  </div>
{% endfor %}{% endfor %}"""  # noqa: E501


def test_the_calendar_cells_are_what_the_template_loop_wrote():
    from django.template import Context, Template

    today = date(2026, 12, 2)  # a Wednesday: the 1st of December is in the last week
    done = {date(2026, 11, 13): 1, date(2026, 11, 20): 2, date(2026, 12, 1): 3}
    weeks = calendar_weeks(done, today=today, planned=2, first_day=date(2026, 11, 12))
    assert {d.state for week in weeks for d in week} == {"before", "none", "some", "full", "future"}
    looped = Template(CALENDAR_LOOP).render(Context({"weeks": weeks, "today": today, "planned": 2}))
    cells = "".join(d.html for week in weeks for d in week)
    assert tags(cells) == tags(looped)
    assert (
        '<span class="date" aria-hidden="true">1 Dec</span><span class="done" aria-hidden="true">'
        "3/2</span>" in cells
    )
    assert "Wednesday 2 December (today): 0 of 2 sessions done" in cells
