"""The player page carries the whole session, and a red flag stops an open session."""

import json
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.models import SafetyCheck, SetLog
from sessions.services import record_safety_check, start_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(safe_patient, routine):
    return start_session(patient=safe_patient, pain=4, reach=3)


def page_plan(html: str) -> dict:
    found = re.search(r'<script id="session-plan" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def red_flag(patient):
    answers = dict.fromkeys(SafetyCheck.QUESTIONS, False) | {"bladder_bowel": True}
    return record_safety_check(patient=patient, answers=answers)


def log(client, session, item, **fields):
    data = {"client_id": str(uuid.uuid4()), "outcome": "completed", "item": item.pk}
    return client.post(reverse("session_log_set", args=[session.pk]), data | fields)


def test_the_page_carries_every_slot_with_its_timeline(patient_client, session, routine):
    press_up, stretch, walking = routine.items.all()
    log(patient_client, session, press_up, set_number=1)
    html = patient_client.get(reverse("session_play", args=[session.pk])).content.decode()
    plan = page_plan(html)
    assert [item["name"] for item in plan["items"]] == [
        "Press-up on elbows",
        "Crossed-leg stretch",
        "Walking",
    ]
    assert plan["items"][0]["position"] == "Lying on your back"  # the factory's position
    assert [(s["item"], s["side"], s["done"]) for s in plan["slots"]] == [
        (press_up.pk, "", True),
        (stretch.pk, "left", False),
        (stretch.pk, "right", False),
        (walking.pk, "", False),
    ]
    right = plan["slots"][2]
    assert right["side_label"] == "Right side" and right["checkin"] is True
    assert [phase["phase"] for phase in right["timeline"]] == ["switch", "hold", "rest", "hold"]
    assert plan["slots"][3]["seconds"] == 5 + 600
    # Stretch both sides (5 + 10 + 5 + 10 s each) and the walk (5 s + 10 min), with a 15 s
    # "Next up" between the two exercises left: 680 s, about 12 minutes.
    assert "about 12 min left" in html


def test_a_red_flag_stops_the_open_session_everywhere(patient_client, session, routine):
    press_up, stretch, _ = routine.items.all()
    log(patient_client, session, press_up, set_number=1)
    red_flag(session.patient)

    play = patient_client.get(reverse("session_play", args=[session.pk]))
    assert play["Location"] == reverse("safety_blocked")
    response = log(patient_client, session, stretch, set_number=1, side="left")
    assert response.status_code == 409
    assert response["HX-Redirect"] == reverse("safety_blocked")
    assert "Sessions are on hold" in response.content.decode()
    skip = patient_client.post(
        reverse("session_skip_item", args=[session.pk]), {"item": stretch.pk}
    )
    assert skip.status_code == 409
    finish = patient_client.post(
        reverse("session_finish", args=[session.pk]),
        {"pain": 3, "reach": 2},
        headers={"HX-Request": "true"},
    )
    assert finish.status_code == 409
    session.refresh_from_db()
    assert session.status == "in_progress"
    # The set done before the flag is still stored; nothing after it is.
    assert list(SetLog.objects.values_list("routine_item", "outcome")) == [
        (press_up.pk, "completed")
    ]


def test_a_set_done_before_the_red_flag_arrives_late_and_is_stored(
    patient_client, session, routine
):
    press_up = routine.items.first()
    done_at = timezone.now()
    red_flag(session.patient)
    response = log(patient_client, session, press_up, set_number=1, finished_at=done_at.isoformat())
    assert response.status_code == 200
    assert SetLog.objects.get().routine_item == press_up


def test_the_state_says_open_on_hold_or_finished(patient_client, session):
    url = reverse("session_state", args=[session.pk])
    assert patient_client.get(url).json() == {"state": "open", "url": ""}
    red_flag(session.patient)
    assert patient_client.get(url).json() == {
        "state": "on_hold",
        "url": reverse("safety_blocked"),
    }


def test_a_queued_finish_is_answered_with_a_client_redirect(patient_client, session):
    response = patient_client.post(
        reverse("session_finish", args=[session.pk]),
        {"pain": 2, "reach": 1},
        headers={"HX-Request": "true"},
    )
    summary = reverse("session_summary", args=[session.pk])
    assert (response.status_code, response["HX-Redirect"]) == (200, summary)
    again = patient_client.post(
        reverse("session_finish", args=[session.pk]),
        {"pain": 5, "reach": 4},
        headers={"HX-Request": "true"},
    )
    assert (again.status_code, again["HX-Redirect"]) == (200, summary)
    session.refresh_from_db()
    assert (session.status, session.pain_after) == ("finished", 2)


def test_another_patients_state_is_a_404(client, other_patient, session):
    client.force_login(other_patient.user)
    assert client.get(reverse("session_state", args=[session.pk])).status_code == 404
