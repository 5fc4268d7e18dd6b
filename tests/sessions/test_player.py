"""The player's endpoints: the current set, logging a set, skipping, finishing, the summary.

A set is answered with an acknowledgement only; what comes next is the set card the player
page (or a reload, as htmx) draws from the session's plan."""

import json
import re
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.models import SetLog
from sessions.services import start_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(safe_patient, routine):
    return start_session(patient=safe_patient, pain=4, reach=3)


def card_data(html: str) -> dict:
    timeline = re.search(r'<script id="set-timeline" type="application/json">(.*?)</script>', html)
    attrs = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', html.split('id="set-card"', 1)[1]))
    return {"timeline": json.loads(timeline.group(1)) if timeline else None, **attrs}


def log(client, session, **fields):
    data = {"client_id": str(uuid.uuid4()), "outcome": "completed", **fields}
    return client.post(reverse("session_log_set", args=[session.pk]), data)


def items(routine):
    return list(routine.items.all())


def current_card(client, session) -> str:
    """The set card a reload resumes at (the htmx partial)."""
    url = reverse("session_play", args=[session.pk])
    return client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_the_player_shows_the_first_set_with_its_timeline(patient_client, session, routine):
    html = patient_client.get(reverse("session_play", args=[session.pk])).content.decode()
    assert '<h1 id="set-title" tabindex="-1">Press-up on elbows</h1>' in html
    assert "Exercise 1 of 3 · set 1 of 1" in html
    data = card_data(html)
    assert data["timeline"] == [
        {"phase": "ready", "seconds": 5, "rep": 0, "reps": 0},
        {"phase": "hold", "seconds": 5, "rep": 1, "reps": 1},
    ]
    assert data["item"] == str(items(routine)[0].pk)


def test_htmx_gets_only_the_set_card(patient_client, session):
    response = patient_client.get(
        reverse("session_play", args=[session.pk]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert html.strip().startswith('<section id="set-card"')


def test_logging_a_set_stores_it_and_acknowledges_it(patient_client, session, routine):
    press_up, _stretch, _ = items(routine)
    client_id = uuid.uuid4()
    response = log(
        patient_client,
        session,
        client_id=str(client_id),
        item=press_up.pk,
        set_number=1,
        held_seconds=5,
        reps_done=1,
        effort="easy",
        pain=3,
        pain_reach=2,
        started_at=(timezone.now() - timedelta(seconds=10)).isoformat(),
        finished_at=timezone.now().isoformat(),
    )
    assert response.status_code == 200
    stored = SetLog.objects.get(client_id=client_id)
    assert (stored.exercise.name, stored.set_number, stored.side) == ("Press-up on elbows", 1, "")
    assert (stored.target_seconds, stored.held_seconds) == (5, 5)
    assert (stored.target_reps, stored.reps_done) == (1, 1)
    assert (stored.effort, stored.pain, stored.pain_reach) == ("easy", 3, 2)
    assert response.json() == {"id": stored.pk, "created": True}
    html = current_card(patient_client, session)
    assert "Crossed-leg stretch" in html
    assert 'id="side-label">Left side<' in html
    assert card_data(html)["checkin"] == "false"


def test_the_second_side_says_switch_sides(patient_client, session, routine):
    press_up, stretch, _ = items(routine)
    log(patient_client, session, item=press_up.pk, set_number=1)
    log(patient_client, session, item=stretch.pk, set_number=1, side="left")
    data = card_data(current_card(patient_client, session))
    assert data["side"] == "right"
    assert data["timeline"][0]["phase"] == "switch"
    assert data["checkin"] == "true"


def test_a_retry_with_the_same_id_stores_one_row_and_acknowledges_the_same_row(
    patient_client, session, routine
):
    press_up = items(routine)[0]
    client_id = str(uuid.uuid4())
    first = log(patient_client, session, client_id=client_id, item=press_up.pk, set_number=1)
    again = log(patient_client, session, client_id=client_id, item=press_up.pk, set_number=1)
    assert again.status_code == 200
    stored = SetLog.objects.get()
    assert first.json() == {"id": stored.pk, "created": True}
    assert again.json() == {"id": stored.pk, "created": False}


def test_two_tabs_cannot_log_the_same_set_twice(patient_client, session, routine):
    press_up = items(routine)[0]
    log(patient_client, session, item=press_up.pk, set_number=1, held_seconds=5)
    second = log(patient_client, session, item=press_up.pk, set_number=1, held_seconds=2)
    assert second.status_code == 200
    stored = SetLog.objects.get()
    assert stored.held_seconds == 5
    assert second.json() == {"id": stored.pk, "created": False}


def test_a_reload_resumes_at_the_first_set_not_logged(patient_client, session, routine):
    press_up, stretch, _ = items(routine)
    log(patient_client, session, item=press_up.pk, set_number=1)
    log(patient_client, session, item=stretch.pk, set_number=1, side="left")
    html = patient_client.get(reverse("session_play", args=[session.pk])).content.decode()
    data = card_data(html)
    assert (data["item"], data["side"]) == (str(stretch.pk), "right")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"pain": 11}, "less than or equal to 10"),
        ({"pain": "a lot"}, "Enter a whole number."),
        ({"effort": "heroic"}, "Select a valid choice."),
        ({"client_id": "not-a-uuid"}, "The set id is not a valid UUID."),
        ({"set_number": 9}, "That set is not part of this session."),
        ({"held_seconds": -1}, "greater than or equal to 0"),
    ],
)
def test_bad_input_gets_a_400_saying_why_and_stores_nothing(
    patient_client, session, routine, fields, message
):
    press_up = items(routine)[0]
    response = log(patient_client, session, **{"item": press_up.pk, "set_number": 1, **fields})
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not SetLog.objects.exists()


def test_a_bad_post_keeps_the_sets_already_saved(patient_client, session, routine):
    press_up, stretch, _ = items(routine)
    log(patient_client, session, item=press_up.pk, set_number=1)
    log(patient_client, session, item=stretch.pk, set_number=1, side="left", pain=99)
    assert SetLog.objects.count() == 1


def test_a_stopped_set_is_logged_with_why_and_only_that_set(patient_client, session, routine):
    press_up, stretch, _walking = items(routine)
    log(patient_client, session, item=press_up.pk, set_number=1)
    response = log(
        patient_client,
        session,
        item=stretch.pk,
        set_number=1,
        side="left",
        outcome="stopped",
        stop_reason="hurts",
        held_seconds=4,
        reps_done=0,
        pain=7,
    )
    stopped = SetLog.objects.get(outcome="stopped")
    assert (stopped.held_seconds, stopped.stop_reason, stopped.pain) == (4, "hurts", 7)
    # The patient then chooses: rest and go on (the right side is next), skip, or end.
    assert not SetLog.objects.filter(outcome="skipped").exists()
    assert response.json() == {"id": stopped.pk, "created": True}
    assert card_data(current_card(patient_client, session))["side"] == "right"


def test_skip_exercise_moves_on_to_the_next_one(patient_client, session, routine):
    press_up = items(routine)[0]
    response = patient_client.post(
        reverse("session_skip_item", args=[session.pk]), {"item": press_up.pk}
    )
    assert "Crossed-leg stretch" in response.content.decode()
    assert SetLog.objects.get().outcome == "skipped"


def test_skipping_an_exercise_from_another_routine_is_a_400(patient_client, session):
    response = patient_client.post(reverse("session_skip_item", args=[session.pk]), {"item": 999})
    assert response.status_code == 400
    assert "That exercise is not in this session." in response.content.decode()


def test_after_the_last_set_the_card_asks_for_pain_after(patient_client, session, routine):
    press_up, stretch, walking = items(routine)
    log(patient_client, session, item=press_up.pk, set_number=1)
    log(patient_client, session, item=stretch.pk, set_number=1, side="left")
    log(patient_client, session, item=stretch.pk, set_number=1, side="right")
    log(patient_client, session, item=walking.pk, set_number=1, held_seconds=600)
    html = current_card(patient_client, session)
    assert "All sets done" in html
    assert "You did 4 of 4 sets." in html


def test_the_summary_shows_sets_pain_and_centralizing(patient_client, session, routine):
    press_up = items(routine)[0]
    log(patient_client, session, item=press_up.pk, set_number=1)
    response = patient_client.post(
        reverse("session_finish", args=[session.pk]), {"pain": 2, "reach": 1}
    )
    assert response["Location"] == reverse("session_summary", args=[session.pk])
    html = patient_client.get(response["Location"]).content.decode()
    assert "1 / 4" in html
    assert "4 → 2" in html
    assert "Centralizing" in html
    session.refresh_from_db()
    assert (session.status, session.pain_after, session.reach_after) == ("finished", 2, 1)


def test_a_spreading_pain_is_called_out(patient_client, session):
    patient_client.post(reverse("session_finish", args=[session.pk]), {"pain": 4, "reach": 5})
    html = patient_client.get(reverse("session_summary", args=[session.pk])).content.decode()
    assert "Spreading" in html


def test_finishing_with_bad_pain_gets_a_400_and_keeps_the_session_open(patient_client, session):
    response = patient_client.post(reverse("session_finish", args=[session.pk]), {"pain": 40})
    assert response.status_code == 400
    session.refresh_from_db()
    assert session.status == "in_progress"


def test_a_set_that_waited_offline_is_kept_after_the_session_finished(
    patient_client, session, routine
):
    patient_client.post(reverse("session_finish", args=[session.pk]), {"pain": 4, "reach": 3})
    response = log(patient_client, session, item=items(routine)[0].pk, set_number=1)
    assert response.status_code == 200
    assert SetLog.objects.get().exercise.name == "Press-up on elbows"


def test_a_set_time_far_from_now_gets_a_400(patient_client, session, routine):
    response = log(
        patient_client,
        session,
        item=items(routine)[0].pk,
        set_number=1,
        started_at="0001-01-01T00:00:00+05:00",
    )
    assert response.status_code == 400
    assert "not within two days of now" in response.json()["error"]
    assert not SetLog.objects.exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("session_play", "get"),
        ("session_log_set", "post"),
        ("session_skip_item", "post"),
        ("session_finish", "get"),
        ("session_finish", "post"),
        ("session_summary", "get"),
    ],
)
def test_another_patients_session_is_a_404(client, other_patient, session, name, method):
    client.force_login(other_patient.user)
    response = getattr(client, method)(reverse(name, args=[session.pk]))
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, session):
    response = client.get(reverse("session_play", args=[session.pk]))
    assert response["Location"].startswith(reverse("login"))


def test_posts_need_a_csrf_token(session, routine):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(session.patient.user)
    response = log(client, session, item=items(routine)[0].pk, set_number=1)
    assert response.status_code == 403
    assert not SetLog.objects.exists()


def test_a_set_of_an_exercise_removed_meanwhile_is_refused_with_why(
    patient_client, session, routine
):
    press_up = items(routine)[0]
    pk = press_up.pk
    press_up.delete()
    response = log(patient_client, session, item=pk, set_number=1)
    assert response.status_code == 400
    assert response.json() == {"error": "This exercise was taken out of your routine meanwhile."}
    assert not SetLog.objects.exists()
