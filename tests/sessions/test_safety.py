from datetime import timedelta

import pytest
from django.urls import reverse

from sessions.models import SafetyCheck

pytestmark = pytest.mark.django_db

ALL_NO = dict.fromkeys(SafetyCheck.QUESTIONS, "no")


def test_today_asks_for_a_safety_check_before_the_first_session(patient_client, routine):
    html = patient_client.get(reverse("today")).content.decode()
    assert "Before your first session, a quick safety check." in html
    assert reverse("session_start") not in html


def test_the_start_page_sends_an_unchecked_patient_to_the_check(patient_client, routine):
    response = patient_client.get(reverse("session_start"))
    assert response["Location"] == reverse("safety_check")


def test_all_no_lets_the_patient_start(patient_client, patient, routine):
    response = patient_client.post(reverse("safety_check"), ALL_NO)
    assert response["Location"] == reverse("session_start")
    check = patient.safety_checks.get()
    assert check.red_flag is False
    assert patient.safety_status().ok


def test_any_yes_stops_everything_and_advises_urgent_care(patient_client, patient, routine):
    response = patient_client.post(reverse("safety_check"), {**ALL_NO, "saddle_numbness": "yes"})
    assert response["Location"] == reverse("safety_blocked")
    assert patient.safety_checks.get().red_flag is True

    html = patient_client.get(reverse("safety_blocked")).content.decode()
    assert "Please get medical advice before exercising" in html
    assert SafetyCheck.QUESTIONS["saddle_numbness"] in html

    start = patient_client.get(reverse("session_start"))
    assert start["Location"] == reverse("safety_blocked")
    started = patient_client.post(reverse("session_start"), {"pain": 3, "reach": 2})
    assert started["Location"] == reverse("safety_blocked")
    assert not patient.sessions.exists()


def test_a_missing_answer_gets_a_400_with_a_message(patient_client, patient, routine):
    answers = {**ALL_NO}
    del answers["fever_unwell"]
    response = patient_client.post(reverse("safety_check"), answers)
    assert response.status_code == 400
    assert "Please answer yes or no." in response.content.decode()
    assert not patient.safety_checks.exists()


def test_a_doctors_clearance_lifts_the_block_and_is_stored(patient_client, patient, routine):
    patient_client.post(reverse("safety_check"), {**ALL_NO, "recent_injury": "yes"})
    refused = patient_client.post(reverse("safety_blocked"), {})
    assert refused.status_code == 400
    assert "Tick the box" in refused.content.decode()

    patient_client.post(reverse("safety_blocked"), {"confirm": "on"})
    check = patient.safety_checks.get()
    assert check.clearance == SafetyCheck.Clearance.DOCTOR
    assert check.cleared_by == patient.user
    assert patient.safety_status().ok


def test_changed_symptoms_ask_for_a_new_check(patient_client, safe_patient, routine):
    assert safe_patient.safety_status().ok
    response = patient_client.post(reverse("symptoms_changed"))
    assert response["Location"] == reverse("safety_check")
    safe_patient.refresh_from_db()
    assert safe_patient.safety_status().state == "needed"


def test_a_check_older_than_seven_days_is_asked_again(safe_patient):
    now = safe_patient.safety_checks.get().answered_at
    assert safe_patient.safety_status(now + timedelta(days=7)).ok
    assert safe_patient.safety_status(now + timedelta(days=7, minutes=1)).state == "needed"


def test_the_safety_pages_need_a_login(client):
    response = client.get(reverse("safety_check"))
    assert response["Location"].startswith(reverse("login"))
