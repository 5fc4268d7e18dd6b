"""The set-log POST stores and acknowledges: checked against its own item only, no plan, no card.

What it runs is counted, so re-planning the session or fetching the patient again shows here.
"""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exercises.models import RoutineItem
from sessions.models import SafetyCheck, SetLog
from sessions.services import record_safety_check, start_session
from tests.factories import PatientFactory, RoutineFactory, RoutineItemFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(safe_patient, routine):
    return start_session(patient=safe_patient, pain=4, reach=3)


def post(client, session, **fields):
    data = {"client_id": str(uuid.uuid4()), "outcome": "completed", "set_number": 1, **fields}
    return client.post(reverse("session_log_set", args=[session.pk]), data)


def item_named(routine, name):
    return routine.items.get(exercise__name=name)


def test_a_set_costs_one_insert_and_no_plan(patient_client, session, routine):
    stretch = item_named(routine, "Crossed-leg stretch")
    with CaptureQueriesContext(connection) as queries:
        response = post(patient_client, session, item=stretch.pk, side="left", pain=2)
    assert response.status_code == 200
    statements = [query["sql"] for query in queries.captured_queries]
    # The login's session and user; the patient's session with the patient and the hold, in
    # one; the item; then the insert, which counts the day's best itself (a trigger). A test
    # runs in a transaction, so the insert has a savepoint around it; in production, where no
    # transaction is open, it is a statement on its own: five in all.
    assert len(statements) == 7, "\n".join(statements)
    assert statements[4].startswith("SAVEPOINT") and statements[6].startswith("RELEASE")
    assert sum('"workout_sessions_patient"."affected_side"' in sql for sql in statements) == 1
    inserts = [sql.split()[2] for sql in statements if sql.startswith("INSERT")]
    assert inserts == ['"workout_sessions_setlog"']
    safety = [sql for sql in statements if '"workout_sessions_safetycheck"' in sql]
    assert safety == [statements[2]]  # the hold: a subquery of the session's query
    # Nothing reads the other items, their steps or the session's other sets (a plan would).
    assert not any('FROM "exercises_exercisestep"' in sql for sql in statements)
    assert not any('FROM "workout_sessions_setlog"' in sql for sql in statements)


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_set_is_five_statements_and_a_repeat_is_refused_cleanly(
    patient_client, session, routine
):
    """As in production (autocommit): no transaction is opened for the insert, and a repeat's
    unique clash is its own failed statement, after which the stored row is still read."""
    press_up = item_named(routine, "Press-up on elbows")
    client_id = str(uuid.uuid4())
    with CaptureQueriesContext(connection) as queries:
        first = post(patient_client, session, client_id=client_id, item=press_up.pk)
    statements = [query["sql"] for query in queries.captured_queries]
    again = post(patient_client, session, client_id=client_id, item=press_up.pk)

    assert len(statements) == 5, "\n".join(statements)
    assert statements[-1].startswith('INSERT INTO "workout_sessions_setlog"')
    assert first.json()["created"] is True
    assert again.json() == {"id": first.json()["id"], "created": False}
    assert SetLog.objects.count() == 1
    assert session.patient.daily_bests.count() == 1


def test_the_same_set_sent_twice_is_stored_once_and_acknowledged_twice(
    patient_client, session, routine
):
    press_up = item_named(routine, "Press-up on elbows")
    client_id = str(uuid.uuid4())
    first = post(patient_client, session, client_id=client_id, item=press_up.pk, held_seconds=5)
    again = post(patient_client, session, client_id=client_id, item=press_up.pk, held_seconds=5)
    stored = SetLog.objects.get()
    assert (first.status_code, first.json()) == (200, {"id": stored.pk, "created": True})
    assert (again.status_code, again.json()) == (200, {"id": stored.pk, "created": False})
    assert str(stored.client_id) == client_id
    assert stored.held_seconds == 5


def test_the_ack_is_json_with_no_card(patient_client, session, routine):
    response = post(patient_client, session, item=item_named(routine, "Press-up on elbows").pk)
    assert response["Content-Type"] == "application/json"
    assert b"set-card" not in response.content


@pytest.mark.parametrize(
    ("name", "fields", "message"),
    [
        ("Press-up on elbows", {"set_number": 2}, "That set is not part of this session."),
        ("Press-up on elbows", {"side": "left"}, "That set is not part of this session."),
        ("Crossed-leg stretch", {"side": ""}, "That set is not part of this session."),
        ("Walking", {"outcome": "skipped"}, "Select a valid choice."),
    ],
)
def test_a_set_that_is_not_one_of_its_items_slots_is_a_400(
    patient_client, session, routine, name, fields, message
):
    response = post(patient_client, session, item=item_named(routine, name).pk, **fields)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not SetLog.objects.exists()


def test_a_paused_exercise_is_not_in_the_session(patient_client, session, routine):
    press_up = item_named(routine, "Press-up on elbows")
    press_up.paused = True
    press_up.save()
    response = post(patient_client, session, item=press_up.pk)
    assert response.status_code == 400
    assert response.json() == {"error": "This exercise was taken out of your routine meanwhile."}


def test_a_retired_exercise_is_not_in_the_session(patient_client, session, routine):
    """Replaced by its next stage meanwhile: the item is kept for history, not for new sets."""
    press_up = item_named(routine, "Press-up on elbows")
    RoutineItem.with_retired.filter(pk=press_up.pk).update(retired_at=timezone.now())
    response = post(patient_client, session, item=press_up.pk)
    assert response.status_code == 400
    assert response.json() == {"error": "This exercise was taken out of your routine meanwhile."}
    assert not SetLog.objects.exists()


def test_an_item_of_another_patients_routine_is_refused(patient_client, session, other_patient):
    theirs = RoutineItemFactory(routine=RoutineFactory(patient=other_patient.user))
    response = post(patient_client, session, item=theirs.pk)
    assert response.status_code == 400
    assert response.json() == {"error": "This exercise was taken out of your routine meanwhile."}
    assert not SetLog.objects.exists()


def test_a_set_id_of_another_session_is_refused(patient_client, session, routine):
    press_up = item_named(routine, "Press-up on elbows")
    client_id = str(uuid.uuid4())
    post(patient_client, session, client_id=client_id, item=press_up.pk)
    session.status = "finished"
    session.save()
    later = start_session(patient=session.patient, pain=3, reach=2)
    response = post(patient_client, later, client_id=client_id, item=press_up.pk)
    assert response.status_code == 400
    assert response.json() == {"error": "That set id belongs to another session."}
    assert SetLog.objects.get().session == session


def red_flag(patient):
    answers = dict.fromkeys(SafetyCheck.QUESTIONS, False) | {"bladder_bowel": True}
    return record_safety_check(patient=patient, answers=answers)


def test_a_red_flag_refuses_a_new_set_with_409_and_the_stop_page(patient_client, session, routine):
    red_flag(session.patient)
    response = post(patient_client, session, item=item_named(routine, "Press-up on elbows").pk)
    assert response.status_code == 409
    assert response["HX-Redirect"] == reverse("safety_blocked")
    assert response.json()["error"].startswith("Sessions are on hold")
    assert not SetLog.objects.exists()


def test_a_set_stored_before_the_red_flag_sent_again_is_still_acknowledged(
    patient_client, session, routine
):
    press_up = item_named(routine, "Press-up on elbows")
    client_id = str(uuid.uuid4())
    first = post(patient_client, session, client_id=client_id, item=press_up.pk)
    red_flag(session.patient)
    again = post(patient_client, session, client_id=client_id, item=press_up.pk)
    assert (again.status_code, again.json()) == (200, {"id": first.json()["id"], "created": False})
    assert SetLog.objects.count() == 1


def test_a_set_done_before_the_red_flag_is_stored_when_it_arrives(patient_client, session, routine):
    done_at = timezone.now()
    red_flag(session.patient)
    response = post(
        patient_client,
        session,
        item=item_named(routine, "Press-up on elbows").pk,
        finished_at=done_at.isoformat(),
    )
    assert response.json()["created"] is True


def test_a_patient_with_only_one_side_logs_that_side(client):
    patient = PatientFactory(user=UserFactory(username="lee"), affected_side="left")
    item = RoutineItemFactory(
        routine=RoutineFactory(patient=patient.user),
        exercise__name="Nerve glide",
        exercise__sidedness="affected_side",
    )
    record_safety_check(patient=patient, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))
    session = start_session(patient=patient, pain=3, reach=2)
    client.force_login(patient.user)
    assert post(client, session, item=item.pk, side="right").status_code == 400
    assert post(client, session, item=item.pk, side="left").json()["created"] is True
