"""A patient with no clinician is never told that a clinician was told anything."""

import pytest
from django.urls import reverse

from sessions.models import SafetyCheck
from sessions.services import record_safety_check
from tests.factories import ExerciseFactory, RoutineFactory, RoutineItemFactory
from tests.sessions.test_progress import do_session, morning

pytestmark = pytest.mark.django_db


def red_flag(patient):
    answers = dict.fromkeys(SafetyCheck.QUESTIONS, False) | {"bladder_bowel": True}
    return record_safety_check(patient=patient, answers=answers)


def test_the_red_flag_page_tells_a_patient_alone_what_to_do(patient_client, patient, settings):
    settings.EMERGENCY_NUMBER = "112"
    red_flag(patient)
    html = patient_client.get(reverse("safety_blocked")).content.decode()
    assert "nobody has been told" in html
    assert '<a class="button danger primary call" href="tel:112">Call 112</a>' in html
    assert "clinician has been told" not in html
    assert "shown to your clinician" not in html


def test_the_red_flag_page_names_a_linked_clinician(patient_client, patient, clinician):
    clinician.first_name, clinician.last_name = "Dana", "Reyes"
    clinician.save()
    patient.clinician = clinician
    patient.save()
    red_flag(patient)
    html = patient_client.get(reverse("safety_blocked")).content.decode()
    assert "shown to your clinician, Dana Reyes" in html
    assert 'href="tel:999"' in html
    assert "nobody has been told" not in html


def test_a_paused_item_tells_a_patient_alone_to_see_a_doctor(patient_client, safe_patient, routine):
    routine.items.filter(order=1).update(paused=True)
    html = patient_client.get(reverse("today")).content.decode()
    assert "until a doctor or physiotherapist has checked it" in html
    assert "Paused until your clinician checks it." not in html
    assert reverse("account") in html


def test_a_paused_item_names_the_clinician_when_there_is_one(
    patient_client, safe_patient, routine, clinician
):
    safe_patient.clinician = clinician
    safe_patient.save()
    routine.items.filter(order=1).update(paused=True)
    html = patient_client.get(reverse("today")).content.decode()
    assert "Paused until your clinician checks it." in html


def test_the_start_page_speaks_of_a_doctor_for_a_patient_alone(
    patient_client, safe_patient, routine
):
    response = patient_client.post(
        reverse("session_start"), {"pain": 7, "reach": 3, "flare_up": "on"}
    )
    html = response.content.decode()
    assert "Having a flare-up?" in html
    assert "contact a doctor" in html
    assert "your clinician or" not in html


def test_a_stored_step_back_tells_only_a_linked_patient_that_a_clinician_knows(patient, clinician):
    routine = RoutineFactory(cause=patient.cause, patient=patient.user)
    RoutineItemFactory(
        routine=routine,
        exercise=ExerciseFactory(
            hold_seconds=5, reps=1, progression_start=5, progression_target=30, progression_step=5
        ),
        current_target=15,
    )
    alone = do_session(patient, morning(0), pain_before=3, pain_after=6).decisions.get()
    assert alone.flagged
    assert alone.message.endswith("so we eased off.")
    patient.clinician = clinician
    patient.save()
    linked = do_session(patient, morning(1), pain_before=3, pain_after=3).decisions.get()
    later = do_session(patient, morning(2), pain_before=3, pain_after=6).decisions.get()
    assert linked.kind == "step_up"
    assert later.message.endswith("so we eased off and told your clinician.")
