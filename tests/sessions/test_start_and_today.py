from datetime import timedelta

import pytest
from django.urls import reverse

from sessions.models import WorkoutSession
from sessions.services import start_session
from tests.factories import PatientFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_today_shows_each_exercises_next_dose_and_the_start_button(
    patient_client, safe_patient, routine
):
    html = patient_client.get(reverse("today")).content.decode()
    assert "Press-up on elbows: hold 5 s × 1" in html
    assert "Walking: 10 min" in html
    assert "0 of 4" in html
    assert f'href="{reverse("session_start")}"' in html


def test_start_records_pain_and_reach_then_opens_the_player(patient_client, safe_patient, routine):
    response = patient_client.post(reverse("session_start"), {"pain": 4, "reach": 3})
    session = safe_patient.sessions.get()
    assert response["Location"] == reverse("session_play", args=[session.pk])
    assert (session.pain_before, session.reach_before) == (4, 3)
    # The patient's day when it started (not when the test looks: midnight may come between).
    assert session.local_date == safe_patient.local_date(session.started_at)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reach": 3}, "Choose how much it hurts now, from 0 to 10."),
        ({"pain": 11, "reach": 3}, "Select a valid choice."),
        ({"pain": "lots", "reach": 3}, "Select a valid choice."),
        ({"pain": 2}, "Choose how far down the leg the pain reaches."),
    ],
)
def test_bad_pain_input_gets_a_400_and_starts_nothing(
    patient_client, safe_patient, routine, data, message
):
    response = patient_client.post(reverse("session_start"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not safe_patient.sessions.exists()


def test_a_flare_up_gets_rest_advice_before_anything_starts(patient_client, safe_patient, routine):
    response = patient_client.post(
        reverse("session_start"), {"pain": 8, "reach": 4, "flare_up": "on"}
    )
    html = response.content.decode()
    assert "A day or two of rest is fine." in html
    assert not safe_patient.sessions.exists()

    patient_client.post(
        reverse("session_start"),
        {"pain": 8, "reach": 4, "flare_up": "on", "start_anyway": "on"},
    )
    assert safe_patient.sessions.count() == 1


@pytest.mark.usefixtures("frozen_now")  # started, finished and counted on one day
def test_sessions_done_today_are_counted(patient_client, safe_patient, routine):
    patient_client.post(reverse("session_start"), {"pain": 2, "reach": 1})
    session = safe_patient.sessions.get()
    patient_client.post(reverse("session_finish", args=[session.pk]), {"pain": 1, "reach": 1})
    html = patient_client.get(reverse("today")).content.decode()
    assert "1 of 4" in html


def test_today_sends_a_clinician_to_their_patients(client, clinician):
    client.force_login(clinician)
    assert client.get(reverse("today"))["Location"] == reverse("clinician_patients")


def test_today_is_a_404_for_a_user_who_is_not_a_patient(client):
    client.force_login(UserFactory(username="no-profile"))
    assert client.get(reverse("today")).status_code == 404


def test_signup_gives_the_patient_their_own_copy_of_the_causes_template(client, routine):
    template = routine.__class__.objects.create(
        name="Herniated disc template", cause=routine.cause, sessions_per_day=4
    )
    for item in routine.items.all():
        item.pk = None
        item.routine = template
        item.save()
    response = client.post(
        reverse("signup"),
        {
            "username": "newpatient",
            "password1": "a-long-safe-passphrase",
            "password2": "a-long-safe-passphrase",
            "cause": routine.cause.pk,
            "affected_side": "right",
            "time_zone": "America/New_York",
        },
    )
    assert response["Location"] == reverse("today")
    patient = PatientFactory._meta.model.objects.get(user__username="newpatient")
    assert patient.time_zone == "America/New_York"
    copy = patient.user.routine
    assert copy.pk != template.pk
    assert [i.exercise.name for i in copy.items.all()] == [
        "Press-up on elbows",
        "Crossed-leg stretch",
        "Walking",
    ]
    assert copy.items.first().current_target == 5


def test_signup_can_be_closed(client, settings):
    settings.SIGNUP_OPEN = False
    assert client.get(reverse("signup")).status_code == 404


@pytest.mark.usefixtures("frozen_now")  # both taps on one day
def test_a_double_tap_on_start_makes_one_session(patient_client, safe_patient, routine):
    first = patient_client.post(reverse("session_start"), {"pain": 4, "reach": 3})
    second = patient_client.post(reverse("session_start"), {"pain": 4, "reach": 3})
    assert first["Location"] == second["Location"]
    assert safe_patient.sessions.count() == 1


def test_sign_up_offers_only_causes_that_have_a_routine(client, routine):
    from exercises.models import Cause

    Cause.objects.create(name="Something new", slug="something-new")
    html = client.get(reverse("signup")).content.decode()
    assert "Something new" not in html


def test_today_shows_how_long_a_session_takes(patient_client, safe_patient, routine):
    # Press-up 5 + 5 s; stretch 5 + 10 + 5 + 10 s on each side; walk 5 s + 10 min; two 15 s
    # "Next up" pauses between the three exercises: 705 s, about 12 minutes.
    html = patient_client.get(reverse("today")).content.decode()
    assert "One session takes about 12 minutes." in html
    walking = routine.items.get(exercise__name="Walking")
    walking.paused = True
    walking.save()
    html = patient_client.get(reverse("today")).content.decode()
    assert "One session takes about 2 minutes." in html


@pytest.mark.usefixtures("frozen_now")  # both sessions, Today and the second Start on one day
def test_today_resumes_the_newest_open_session_the_one_start_goes_on_with(
    patient_client, safe_patient, routine
):
    """Two open sessions on one day (two devices that started at once): Resume and Start both
    lead to the newest, so the patient never carries on in the older one."""
    older = start_session(patient=safe_patient, pain=3, reach=2)
    newer = WorkoutSession.objects.create(
        patient=safe_patient,
        routine=routine,
        local_date=older.local_date,
        started_at=older.started_at + timedelta(minutes=1),
        pain_before=3,
        reach_before=2,
    )

    html = patient_client.get(reverse("today")).content.decode()

    assert f'href="{reverse("session_play", args=[newer.pk])}">Resume session' in html
    assert start_session(patient=safe_patient, pain=3, reach=2) == newer
