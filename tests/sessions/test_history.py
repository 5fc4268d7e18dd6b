"""The history page: the calendar, the charts' numbers, the window, access, and its query count."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from sessions.history import history_context
from sessions.models import SetLog, WorkoutSession
from tests.factories import ExerciseFactory, RoutineFactory, RoutineItemFactory, stored_set
from tests.scale import five_years_of_logs

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 18)  # a Wednesday
# Session, user, patient, routine, calendar counts, pain and reach, exercise series, and
# base.html's `user.patient` for the menu.
MAX_QUERIES = 8


def make_session(patient, day, *, pain=(5, 3), reach=(3, 2), finished=True):
    return WorkoutSession.objects.create(
        patient=patient,
        routine=patient.user.routine,
        local_date=day,
        status=WorkoutSession.Status.FINISHED if finished else WorkoutSession.Status.IN_PROGRESS,
        pain_before=pain[0],
        reach_before=reach[0],
        pain_after=pain[1] if finished else None,
        reach_after=reach[1] if finished else None,
    )


def items_by_name(routine):
    return {item.exercise.name: item for item in routine.items.select_related("exercise")}


def card(cards, heading):
    [found] = [c for c in cards if c.heading == heading]
    return found


def history_page(client, **params):
    return client.get(reverse("history"), params)


# Access


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = history_page(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_clinician_without_a_patient_profile_gets_a_404(client, clinician):
    client.force_login(clinician)
    assert history_page(client).status_code == 404


def test_it_rejects_post(patient_client, routine):
    assert patient_client.post(reverse("history")).status_code == 405


def test_a_patient_sees_only_their_own_history(patient_client, patient, routine, other_patient):
    RoutineFactory(patient=other_patient.user, sessions_per_day=2)
    theirs = RoutineItemFactory(
        routine=other_patient.user.routine, exercise=ExerciseFactory(name="Olga's own stretch")
    )
    today = patient.local_date()
    olga_session = make_session(other_patient, today, pain=(9, 9))
    stored_set(olga_session, theirs, target_seconds=10, held_seconds=10)

    html = history_page(patient_client).content.decode()

    assert "Olga&#x27;s own stretch" not in html
    assert "Olga's own stretch" not in html
    assert "0 of" in html
    assert "No sessions in the last 14 days yet." in html


# What the page shows


@pytest.mark.usefixtures("frozen_now")  # the test's today is the page's today
def test_the_calendar_shows_sessions_done_against_planned_on_the_patients_own_days(
    patient_client, patient, routine
):
    today = patient.local_date()
    yesterday = today - timedelta(days=1)
    for _ in range(4):
        make_session(patient, today)
    make_session(patient, yesterday)
    make_session(patient, yesterday, finished=False)

    html = history_page(patient_client).content.decode()

    assert re.search(
        r'class="day full today">\s*<span class="date"[^>]*>[^<]*</span>\s*'
        r'<span class="done"[^>]*>4/4</span>',
        html,
    )
    assert f"{yesterday:%A} {yesterday.day} {yesterday:%B}: 1 of 4 sessions done" in html
    assert f"{today:%A} {today.day} {today:%B} (today): 4 of 4 sessions done" in html
    assert "<strong>5 of" in html
    headers = re.findall(r'<div class="head" aria-hidden="true">(\w+)</div>', html)
    assert headers == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def test_the_calendar_counts_each_state_in_the_last_four_weeks(patient, routine):
    patient.user.date_joined = datetime(2026, 1, 5, 9, tzinfo=UTC)
    patient.user.save()
    make_session(patient, date(2026, 3, 16))
    for _ in range(4):
        make_session(patient, date(2026, 3, 17))
    make_session(patient, date(2026, 2, 22))  # the Sunday before the four weeks

    context = history_context(patient, days=30, today=TODAY)

    days = {d.day: d for week in context["weeks"] for d in week}
    assert context["weeks"][0][0].day == date(2026, 2, 23)
    assert (days[date(2026, 3, 16)].state, days[date(2026, 3, 16)].text) == ("some", "1/4")
    assert (days[date(2026, 3, 17)].state, days[date(2026, 3, 17)].text) == ("full", "4/4")
    assert days[TODAY].state == "none"
    assert days[date(2026, 3, 19)].state == "future"
    assert context["done_in_weeks"] == 5
    assert context["planned_in_weeks"] == 4 * 24  # 24 days up to and including today


def test_the_calendar_starts_at_the_patients_first_day(patient, routine):
    patient.user.date_joined = datetime(2026, 3, 10, 9, tzinfo=UTC)  # a Tuesday
    patient.user.save()
    make_session(patient, date(2026, 3, 11))

    context = history_context(patient, days=30, today=TODAY)

    days = {d.day: d for week in context["weeks"] for d in week}
    assert days[date(2026, 3, 9)].state == "before"
    assert days[date(2026, 3, 10)].state == "none"
    assert context["calendar_since"] == date(2026, 3, 10)
    assert context["planned_in_weeks"] == 4 * 9  # 10 to 18 March
    assert context["done_in_weeks"] == 1


def test_each_exercise_charts_its_best_target_and_best_done_per_day(patient, routine):
    items = items_by_name(routine)
    press_up = items["Press-up on elbows"]
    monday = make_session(patient, date(2026, 3, 16))
    later_monday = make_session(patient, date(2026, 3, 16))
    tuesday = make_session(patient, date(2026, 3, 17))
    stored_set(monday, press_up, target_seconds=10, held_seconds=8)
    stored_set(later_monday, press_up, target_seconds=15, held_seconds=6)
    stored_set(
        tuesday, press_up, set_number=1, outcome="stopped", target_seconds=15, held_seconds=4
    )
    stored_set(tuesday, press_up, set_number=2, outcome="skipped", target_seconds=30)

    cards = history_context(patient, days=30, today=TODAY)["exercise_charts"]

    chart = card(cards, "Press-up on elbows").chart
    assert [s.name for s in chart.series] == ["Target hold", "Held"]
    assert chart.rows == [
        (date(2026, 3, 17), ["15 s", "4 s"]),
        (date(2026, 3, 16), ["15 s", "8 s"]),
    ]
    assert [s.style for s in chart.series] == ["b", "a"]  # target dashed, done solid


def test_reps_exercises_chart_reps_and_durations_chart_minutes(patient, routine):
    items = items_by_name(routine)
    bird_dog = RoutineItemFactory(
        routine=routine,
        exercise=ExerciseFactory(name="Bird dog", dose_kind="reps", hold_seconds=None, reps=8),
    )
    session = make_session(patient, date(2026, 3, 17))
    stored_set(session, bird_dog, target_reps=8, reps_done=6)
    stored_set(session, items["Walking"], target_seconds=600, held_seconds=450)

    cards = history_context(patient, days=30, today=TODAY)["exercise_charts"]

    assert [c.heading for c in cards] == ["Bird dog", "Walking"]
    assert card(cards, "Bird dog").chart.rows == [(date(2026, 3, 17), ["8", "6"])]
    walking = card(cards, "Walking").chart
    assert [s.name for s in walking.series] == ["Target minutes", "Minutes done"]
    assert walking.rows == [(date(2026, 3, 17), ["10 min", "7.5 min"])]


def test_pain_is_each_days_average_and_reach_its_furthest(patient, routine):
    make_session(patient, date(2026, 3, 17), pain=(6, 4), reach=(4, 2))
    make_session(patient, date(2026, 3, 17), pain=(3, 2), reach=(2, 1))
    make_session(patient, date(2026, 3, 17), pain=(10, 10), reach=(5, 5), finished=False)

    context = history_context(patient, days=30, today=TODAY)

    assert context["pain_chart"].chart.rows == [(date(2026, 3, 17), ["4.5", "3"])]
    assert context["reach_chart"].chart.rows == [(date(2026, 3, 17), ["Below the knee", "Buttock"])]


# A year is drawn by week: Monday-to-Sunday weeks, each drawn at its Monday.

YEAR_START = TODAY - timedelta(days=364)  # Wednesday 19 March 2025


def test_a_year_is_drawn_by_week_pain_averaged_over_the_weeks_sessions(patient, routine):
    make_session(patient, date(2026, 3, 16), pain=(6, 4), reach=(3, 1))  # Monday
    make_session(patient, date(2026, 3, 18), pain=(3, 1), reach=(4, 2))  # Wednesday
    make_session(patient, date(2026, 3, 18), pain=(6, 4), reach=(1, 1))
    make_session(patient, date(2026, 3, 15), pain=(8, 7), reach=(5, 4))  # Sunday, week before

    context = history_context(patient, days=365, today=TODAY)

    pain = context["pain_chart"].chart
    assert pain.by_week
    assert pain.rows == [(date(2026, 3, 16), ["5", "3"]), (date(2026, 3, 9), ["8", "7"])]
    assert context["reach_chart"].chart.rows == [
        (date(2026, 3, 16), ["Below the knee", "Buttock"]),  # the furthest of the week
        (date(2026, 3, 9), ["Foot", "Below the knee"]),
    ]
    assert context["pain_chart"].note.endswith("averaged over each week's sessions.")


def test_a_years_exercise_chart_shows_each_weeks_best(patient, routine):
    press_up = items_by_name(routine)["Press-up on elbows"]
    for day, target, held in [
        (date(2026, 3, 16), 10, 8),
        (date(2026, 3, 17), 15, 6),
        (date(2026, 3, 10), 5, 5),
        (YEAR_START + timedelta(days=1), 5, 3),  # Thursday of the year's first, partial week
        (YEAR_START - timedelta(days=1), 30, 30),  # the day before the window
    ]:
        stored_set(make_session(patient, day), press_up, target_seconds=target, held_seconds=held)

    [chart_card] = history_context(patient, days=365, today=TODAY)["exercise_charts"]

    assert chart_card.chart.rows == [
        (date(2026, 3, 16), ["15 s", "8 s"]),
        (date(2026, 3, 9), ["5 s", "5 s"]),
        (YEAR_START, ["5 s", "3 s"]),  # the first week is drawn from the window's first day
    ]
    assert chart_card.note == "How long you held, in seconds, best of each week."
    assert chart_card.chart.description == (
        "Target hold: 5 s in the week of 19 Mar, 15 s in the week of 16 Mar (latest), "
        "highest 15 s. Held: 3 s in the week of 19 Mar, 8 s in the week of 16 Mar (latest), "
        "highest 8 s."
    )


def test_the_years_page_lists_the_weeks_in_its_table_of_numbers(patient_client, patient, routine):
    today = patient.local_date()
    monday = today - timedelta(days=today.weekday())
    make_session(patient, monday, pain=(6, 4))
    make_session(patient, monday - timedelta(days=7), pain=(7, 5))

    html = history_page(patient_client, days=365).content.decode()

    pain = html.split('id="chart-pain-heading"')[1].split("</section>")[0]
    assert '<th scope="col">Week of</th>' in pain
    assert f'<tr><th scope="row">{monday.day} {monday:%b %Y}</th><td>6</td><td>4</td></tr>' in pain
    earlier = monday - timedelta(days=7)
    assert f'<tr><th scope="row">{earlier.day} {earlier:%b %Y}</th><td>7</td><td>5</td></tr>' in (
        pain
    )


def test_ninety_days_are_still_drawn_by_day(patient_client, patient, routine):
    today = patient.local_date()
    make_session(patient, today, pain=(6, 4))
    make_session(patient, today - timedelta(days=1), pain=(2, 2))

    html = history_page(patient_client, days=90).content.decode()

    pain = html.split('id="chart-pain-heading"')[1].split("</section>")[0]
    assert '<th scope="col">Day</th>' in pain
    assert f'<tr><th scope="row">{today.day} {today:%b %Y}</th><td>6</td><td>4</td></tr>' in pain
    assert "averaged over each day&#x27;s sessions" in pain


def test_the_window_leaves_out_older_days(patient, routine):
    make_session(patient, TODAY - timedelta(days=29), pain=(7, 7))
    make_session(patient, TODAY - timedelta(days=30), pain=(8, 8))

    context = history_context(patient, days=30, today=TODAY)

    assert [day for day, _ in context["pain_chart"].chart.rows] == [TODAY - timedelta(days=29)]


def test_the_page_draws_each_chart_as_an_accessible_svg_with_its_numbers(
    patient_client, patient, routine
):
    session = make_session(patient, patient.local_date(), pain=(6, 3), reach=(4, 1))
    stored_set(
        session, items_by_name(routine)["Press-up on elbows"], target_seconds=5, held_seconds=5
    )

    html = history_page(patient_client).content.decode()

    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, flags=re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert 'role="img"' in svg
        title_id, desc_id = re.search(r'aria-labelledby="(\S+) (\S+)"', svg).groups()
        assert f'<title id="{title_id}">' in svg
        assert f'<desc id="{desc_id}">' in svg
        assert "fill=" not in svg and "stroke=" not in svg
    assert html.count("<summary>Show the numbers</summary>") == 3
    assert "<h3" in html and ">Press-up on elbows</h3>" in html
    assert "Lower on the chart means the pain stays nearer your spine: a good sign." in html
    for label in ("No pain", "Lower back", "Buttock", "Thigh", "Below the knee", "Foot"):
        assert f">{label}</text>" in html
    assert "Target hold" in html and "Held" in html


def test_an_empty_history_says_what_will_appear(patient_client, routine):
    html = history_page(patient_client, days=30).content.decode()
    assert "No sessions in the last 30 days yet." in html
    assert "No exercises done in the last 30 days yet." in html
    assert "<svg" not in html


# The window


@pytest.mark.parametrize(("days", "checked"), [("30", "30"), ("90", "90"), ("365", "365")])
def test_the_window_is_30_90_or_365_days(patient_client, routine, days, checked):
    response = history_page(patient_client, days=days)
    assert response.status_code == 200
    assert re.search(rf'value="{checked}"[^>]*checked', response.content.decode())


@pytest.mark.usefixtures("frozen_now")  # the first session's day counts back from the page's today
@pytest.mark.parametrize(("first", "days"), [(None, 14), (3, 14), (20, 21), (200, 90)])
def test_the_default_window_fits_the_sessions_so_far(
    patient_client, patient, routine, first, days, django_assert_max_num_queries
):
    if first is not None:
        make_session(patient, patient.local_date() - timedelta(days=first))
    with django_assert_max_num_queries(MAX_QUERIES + 1):  # + when the first session was
        html = history_page(patient_client).content.decode()
    assert f"Showing the last {days} days, to fit your sessions so far." in html
    assert "checked" not in html.split('class="window-choice"', 1)[1].split("</form>", 1)[0]


@pytest.mark.parametrize("days", ["7", "abc", "", "90.0", "-30"])
def test_a_bad_window_gets_a_400_with_a_clear_message(patient_client, routine, days):
    response = history_page(patient_client, days=days)
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(
        r'<p class="error" role="alert">Choose 30 days, 90 days or a year.*'
        r"Showing the last 90 days.</p>",
        html,
    )
    assert "The last 4 weeks" in html


# The number of queries does not grow with the history


def test_the_page_runs_a_fixed_number_of_queries_at_10_logs(
    patient_client, patient, routine, django_assert_max_num_queries
):
    items = list(routine.items.all())
    for n in range(5):
        session = make_session(patient, patient.local_date() - timedelta(days=n))
        stored_set(session, items[0], target_seconds=5, held_seconds=5)
        stored_set(session, items[2], target_seconds=600, held_seconds=600)
    assert SetLog.objects.count() == 10

    with django_assert_max_num_queries(MAX_QUERIES):
        response = history_page(patient_client, days=365)

    assert response.content.decode().count("<svg") == 4


@pytest.mark.usefixtures("frozen_now")  # a minute of building: midnight may fall inside it
def test_scale_the_page_runs_the_same_fixed_queries_at_100_000_logs(
    patient_client, patient, routine, django_assert_max_num_queries
):
    """The scale test: five years of four sessions a day (~100,000 set logs) on one page."""
    assert five_years_of_logs(patient, routine) >= 100_000

    for days in (90, 365):
        with django_assert_max_num_queries(MAX_QUERIES):
            response = history_page(patient_client, days=days)
        assert response.status_code == 200

    html = response.content.decode()
    assert html.count("<svg") == 5
    assert len(response.content) <= 100 * 1024  # a year by week: ~53 points a line
    days_so_far = 3 * 7 + patient.local_date().weekday() + 1
    assert f"<strong>{4 * days_so_far} of {4 * days_so_far}</strong>" in html


def test_the_line_done_is_drawn_over_the_target(patient_client, patient, routine):
    press_up = items_by_name(routine)["Press-up on elbows"]
    for n in range(3):
        session = make_session(patient, patient.local_date() - timedelta(days=n))
        stored_set(session, press_up, target_seconds=5, held_seconds=5)
    html = history_page(patient_client, days=30).content.decode()
    chart = html.split('id="chart-exercise-', 1)[1].split("</svg>", 1)[0]
    # SVG paints in document order: the later line is on top.
    assert chart.index('class="line-b"') < chart.index('class="line-a"')
    assert chart.index('class="dot-b"') < chart.index('class="dot-a"')
