"""Sign-up asks which leg without guessing, and urgent advice has a tap-to-call number."""

import pytest
from django.test import override_settings
from django.urls import reverse

from sessions.models import SafetyCheck
from sessions.services import record_safety_check

pytestmark = pytest.mark.django_db


def test_sign_up_preselects_no_side_and_says_a_safety_check_comes_first(client, routine):
    html = client.get(reverse("signup")).content.decode()
    assert 'name="affected_side" value="both"' in html
    assert "checked" not in html.split('name="affected_side"', 1)[1].split("</div>", 1)[0]
    assert "six short safety questions" in html


def test_sign_up_without_a_side_is_a_400_with_a_message(client, routine):
    response = client.post(
        reverse("signup"),
        {
            "username": "newpatient",
            "password1": "a-long-safe-passphrase",
            "password2": "a-long-safe-passphrase",
            "cause": routine.cause.pk,
        },
    )
    assert response.status_code == 400
    assert "Choose the leg that hurts" in response.content.decode()
    assert not routine.cause.routines.filter(patient__username="newpatient").exists()


@override_settings(EMERGENCY_NUMBER="112")
def test_the_emergency_number_is_a_tap_to_call_link(patient_client, patient):
    html = patient_client.get(reverse("safety_check")).content.decode()
    assert '<a href="tel:112">112</a>' in html
    answers = dict.fromkeys(SafetyCheck.QUESTIONS, False) | {"fever_unwell": True}
    record_safety_check(patient=patient, answers=answers)
    html = patient_client.get(reverse("safety_blocked")).content.decode()
    assert 'call <a href="tel:112">112</a>' in html
