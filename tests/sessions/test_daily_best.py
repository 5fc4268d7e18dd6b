"""The day's best per exercise (``DailyBest``), kept by ``log_set`` for the history charts."""

import importlib
import uuid
from datetime import timedelta

import pytest
from django.apps import apps
from django.db.models import Max
from django.urls import reverse

from sessions import daily
from sessions.models import DailyBest, SetLog, WorkoutSession
from sessions.services import finish_session, log_set, start_session
from tests.scale import history_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(safe_patient, routine):
    return start_session(patient=safe_patient, pain=4, reach=2)


def press_up(routine):
    return routine.items.get(exercise__name="Press-up on elbows")


def log(session, item, *, set_number=1, outcome="completed", client_id=None, **numbers):
    return log_set(
        session=session,
        item=item,
        client_id=client_id or uuid.uuid4(),
        set_number=set_number,
        side="",
        outcome=outcome,
        **numbers,
    )


def best(patient):
    return list(
        DailyBest.objects.filter(patient=patient).values_list(
            "day", "exercise__name", "target_seconds", "held_seconds", "target_reps", "reps_done"
        )
    )


def test_the_first_set_of_the_day_makes_its_row(session, routine):
    log(session, press_up(routine), held_seconds=4, reps_done=1)

    assert best(session.patient) == [(session.local_date, "Press-up on elbows", 5, 4, 1, 1)]


def test_a_better_set_raises_the_best_and_a_worse_one_leaves_it(session, routine):
    item = press_up(routine)
    log(session, item, set_number=1, held_seconds=3, reps_done=1)
    log(session, item, set_number=2, held_seconds=5, reps_done=1)
    log(session, item, set_number=3, held_seconds=2, reps_done=1)

    assert best(session.patient) == [(session.local_date, "Press-up on elbows", 5, 5, 1, 1)]


def test_a_number_left_empty_keeps_the_one_stored(session, routine):
    item = press_up(routine)
    log(session, item, set_number=1, held_seconds=4, reps_done=1)
    log(session, item, set_number=2, outcome="stopped", stop_reason="hurts")

    assert best(session.patient) == [(session.local_date, "Press-up on elbows", 5, 4, 1, 1)]


def test_a_skipped_set_is_not_counted(session, routine):
    log(session, press_up(routine), outcome="skipped")

    assert best(session.patient) == []


def test_a_retry_with_the_same_id_changes_nothing(session, routine):
    item = press_up(routine)
    client_id = uuid.uuid4()
    log(session, item, client_id=client_id, held_seconds=4, reps_done=1)
    # The retry carries other numbers (a client bug, say): the stored set and its best stand.
    _, created = log(session, item, client_id=client_id, held_seconds=30, reps_done=9)

    assert not created
    assert SetLog.objects.count() == 1
    assert best(session.patient) == [(session.local_date, "Press-up on elbows", 5, 4, 1, 1)]


def test_a_late_set_lands_on_its_sessions_day(safe_patient, routine):
    yesterday = safe_patient.local_date() - timedelta(days=1)
    session = start_session(patient=safe_patient, pain=4, reach=2)
    WorkoutSession.objects.filter(pk=session.pk).update(local_date=yesterday)
    session.refresh_from_db()
    item = press_up(routine)
    log(session, item, set_number=1, held_seconds=3, reps_done=1)
    finish_session(session=session, pain=3, reach=2)

    # It waited offline and arrives after the session finished, a day later.
    log(session, item, set_number=2, held_seconds=5, reps_done=1)

    assert best(safe_patient) == [(yesterday, "Press-up on elbows", 5, 5, 1, 1)]


def test_each_exercise_and_day_has_its_own_row(safe_patient, routine):
    first = start_session(patient=safe_patient, pain=4, reach=2)
    walking = routine.items.get(exercise__name="Walking")
    log(first, press_up(routine), held_seconds=5, reps_done=1)
    log(first, walking, held_seconds=420)

    assert best(safe_patient) == [
        (first.local_date, "Press-up on elbows", 5, 5, 1, 1),
        (first.local_date, "Walking", 600, 420, None, None),
    ]


def test_the_history_chart_shows_a_set_logged_through_log_set(patient_client, session, routine):
    item = press_up(routine)
    log(session, item, held_seconds=4, reps_done=1)

    html = patient_client.get(reverse("history"), {"days": 30}).content.decode()

    chart = html.split(f'id="chart-exercise-{item.exercise_id}-heading"')[1].split("</section>")[0]
    assert chart.startswith(">Press-up on elbows</h3>")
    assert "<td>5 s</td><td>4 s</td>" in chart


def test_sets_stored_in_bulk_are_counted_as_log_sets_are(safe_patient, routine):
    """The trigger counts every insert, not only log_set's: the rows match the set logs."""
    history_of(safe_patient, routine, sets=200)
    counted = SetLog.objects.filter(
        session__patient=safe_patient, outcome__in=["completed", "stopped"]
    )
    from_the_logs = sorted(
        (row["session__local_date"], row["exercise__name"], *(row[n] for n in daily.NUMBERS))
        for row in counted.values("session__local_date", "exercise__name")
        .annotate(**{n: Max(n) for n in daily.NUMBERS})
        .order_by()
    )

    assert len(from_the_logs) == 4 * 3  # four days (14 sets a session, four a day), three exercises
    assert sorted(best(safe_patient)) == from_the_logs


def test_the_migration_fills_the_rows_of_a_history_logged_before_it(safe_patient, routine):
    history_of(safe_patient, routine, sets=200)
    expected = best(safe_patient)
    DailyBest.objects.all().delete()

    migration = importlib.import_module("sessions.migrations.0007_daily_best")
    migration.backfill(apps, None)

    assert len(expected) == 4 * 3  # four days (14 sets a session, four a day), three exercises
    assert best(safe_patient) == expected
