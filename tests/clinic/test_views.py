"""The clinician's pages: own patients only, most urgent first, and routine changes recorded."""

import csv
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from exercises.models import RoutineChange
from sessions.models import ProgressionDecision, SafetyCheck, SetLog
from tests.factories import (
    ClinicianFactory,
    ExerciseFactory,
    PatientFactory,
    RoutineFactory,
    UserFactory,
    finished_session,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def my_patient(patient, clinician, routine):
    patient.clinician = clinician
    patient.save()
    return patient


@pytest.fixture
def clinician_client(client, clinician):
    client.force_login(clinician)
    return client


def patient_with_routine(clinician, username, sessions_per_day=2):
    patient = PatientFactory(user=UserFactory(username=username), clinician=clinician)
    RoutineFactory(cause=patient.cause, patient=patient.user, sessions_per_day=sessions_per_day)
    return patient


PAGES = [
    ("clinician_patient", "get"),
    ("clinician_export", "get"),
    ("clinician_item_add", "post"),
]


@pytest.mark.parametrize(("name", "method"), PAGES)
def test_another_clinicians_patient_is_a_404(client, my_patient, name, method):
    client.force_login(ClinicianFactory(username="other-clinician"))
    response = getattr(client, method)(reverse(name, args=[my_patient.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "method"), PAGES)
def test_a_patient_gets_a_404_even_for_their_own_page(client, my_patient, name, method):
    client.force_login(my_patient.user)
    response = getattr(client, method)(reverse(name, args=[my_patient.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "method"), PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, my_patient, name, method):
    response = getattr(client, method)(reverse(name, args=[my_patient.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_own_clinician_sees_the_patient_page(clinician_client, my_patient):
    html = clinician_client.get(reverse("clinician_patient", args=[my_patient.pk])).content
    html = html.decode()
    assert f"<h1>{my_patient}</h1>" in html
    assert "Press-up on elbows: hold 5 s × 1" in html


def test_the_list_shows_only_my_patients(clinician_client, clinician, my_patient):
    stranger = patient_with_routine(ClinicianFactory(username="elsewhere"), "stranger")
    html = clinician_client.get(reverse("clinician_patients")).content.decode()
    assert my_patient.user.username in html
    assert stranger.user.username not in html


def test_a_patient_cannot_see_the_list(client, my_patient):
    client.force_login(my_patient.user)
    assert client.get(reverse("clinician_patients")).status_code == 404


def test_patients_are_sorted_by_urgency(clinician_client, clinician):
    on_track = patient_with_routine(clinician, "on-track", sessions_per_day=1)
    for day in range(7):
        finished_session(on_track, days_ago=day)
    lazy = patient_with_routine(clinician, "lazy", sessions_per_day=1)
    finished_session(lazy, days_ago=1, pain_after=6)
    flagged = patient_with_routine(clinician, "flagged")
    item = flagged.user.routine.items.create(
        exercise=ExerciseFactory(), hold_seconds=5, reps=1, order=1
    )
    ProgressionDecision.objects.create(
        routine_item=item,
        day=timezone.localdate(),
        kind="step_back",
        rule="warning_sign",
        flagged=True,
        message="Pain spread.",
    )
    paused = patient_with_routine(clinician, "paused")
    paused.user.routine.items.create(
        exercise=ExerciseFactory(), hold_seconds=5, reps=1, order=1, paused=True
    )
    red = patient_with_routine(clinician, "red-flag")
    SafetyCheck.objects.create(
        patient=red,
        red_flag=True,
        **{**dict.fromkeys(SafetyCheck.QUESTIONS, False), "fever_unwell": True},
    )

    html = clinician_client.get(reverse("clinician_patients")).content.decode()
    order = [
        html.index(f">{name}<") for name in ("red-flag", "paused", "flagged", "lazy", "on-track")
    ]
    assert order == sorted(order)
    assert "Red-flag answer" in html
    on_track_row = html.split(">on-track<")[1].split("</tr>")[0]
    assert "On track" in on_track_row
    lazy_row = html.split(">lazy<")[1].split("</tr>")[0]
    assert "Few sessions done" in lazy_row
    assert "1 of 7 (14%)" in html
    assert "6/10" in html


def test_the_clinician_clears_a_red_flag(clinician_client, my_patient):
    check = SafetyCheck.objects.create(
        patient=my_patient,
        red_flag=True,
        **{**dict.fromkeys(SafetyCheck.QUESTIONS, False), "recent_injury": True},
    )
    assert my_patient.safety_status().blocked
    clinician_client.post(reverse("clinician_safety_clear", args=[my_patient.pk, check.pk]))
    check.refresh_from_db()
    assert check.clearance == "clinician"
    assert not my_patient.safety_status().blocked


def test_changing_a_dose_is_saved_and_recorded(clinician_client, clinician, my_patient):
    item = my_patient.user.routine.items.get(exercise__name="Press-up on elbows")
    prefix = f"item-{item.pk}"
    data = {
        f"{prefix}-hold_seconds": 5,
        f"{prefix}-reps": 3,
        f"{prefix}-sets": 1,
        f"{prefix}-rest_seconds": 10,
        f"{prefix}-duration_minutes": "",
        f"{prefix}-progression_start": 5,
        f"{prefix}-progression_target": 30,
        f"{prefix}-progression_step": 5,
        f"{prefix}-current_target": 15,
    }
    response = clinician_client.post(
        reverse("clinician_item_update", args=[my_patient.pk, item.pk]), data
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.reps, item.current_target) == (3, 15)
    change = RoutineChange.objects.get()
    assert change.changed_by == clinician
    assert "reps 1 → 3" in change.description and "current target 5 → 15" in change.description
    page = clinician_client.get(reverse("clinician_patient", args=[my_patient.pk])).content
    assert change.description in page.decode()


def test_an_impossible_dose_gets_a_400_and_changes_nothing(clinician_client, my_patient):
    item = my_patient.user.routine.items.get(exercise__name="Press-up on elbows")
    prefix = f"item-{item.pk}"
    response = clinician_client.post(
        reverse("clinician_item_update", args=[my_patient.pk, item.pk]),
        {
            f"{prefix}-hold_seconds": 900,
            f"{prefix}-reps": 1,
            f"{prefix}-sets": 1,
            f"{prefix}-rest_seconds": 10,
        },
    )
    assert response.status_code == 400
    assert "was not changed" in response.content.decode()
    item.refresh_from_db()
    assert item.hold_seconds == 5
    assert not RoutineChange.objects.exists()


def test_add_reorder_and_remove_exercises(clinician_client, my_patient):
    routine = my_patient.user.routine
    bridge = ExerciseFactory(name="Supported bridge")
    clinician_client.post(
        reverse("clinician_item_add", args=[my_patient.pk]), {"exercise": bridge.pk}
    )
    names = lambda: [i.exercise.name for i in routine.items.all()]  # noqa: E731
    assert names()[-1] == "Supported bridge"

    added = routine.items.get(exercise=bridge)
    clinician_client.post(reverse("clinician_item_move", args=[my_patient.pk, added.pk, "up"]))
    assert names() == ["Press-up on elbows", "Crossed-leg stretch", "Supported bridge", "Walking"]

    press_up = routine.items.get(exercise__name="Press-up on elbows")
    session = finished_session(my_patient)
    SetLog.objects.create(
        client_id=uuid.uuid4(),
        session=session,
        routine_item=press_up,
        exercise=press_up.exercise,
        set_number=1,
        outcome="completed",
    )
    clinician_client.post(reverse("clinician_item_remove", args=[my_patient.pk, press_up.pk]))
    assert "Press-up on elbows" not in names()
    assert SetLog.objects.get().exercise.name == "Press-up on elbows"  # the history is kept
    assert RoutineChange.objects.count() == 3


def test_adding_nothing_gets_a_400(clinician_client, my_patient):
    response = clinician_client.post(reverse("clinician_item_add", args=[my_patient.pk]), {})
    assert response.status_code == 400
    assert "Choose an exercise" in response.content.decode()


def test_the_set_log_filters_and_exports_as_csv(clinician_client, my_patient):
    press_up, stretch, _ = my_patient.user.routine.items.all()
    session = finished_session(my_patient)
    for item, outcome in ((press_up, "completed"), (stretch, "stopped")):
        SetLog.objects.create(
            client_id=uuid.uuid4(),
            session=session,
            routine_item=item,
            exercise=item.exercise,
            set_number=1,
            outcome=outcome,
            held_seconds=5,
            target_seconds=5,
            pain=3,
        )
    url = reverse("clinician_patient", args=[my_patient.pk])
    html = clinician_client.get(url, {"outcome": "stopped"}).content.decode()
    table = html.split('id="log"')[1].split("<tbody>")[1]
    assert "Crossed-leg stretch" in table and "Press-up on elbows" not in table

    response = clinician_client.get(
        reverse("clinician_export", args=[my_patient.pk]), {"outcome": "completed"}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["logged_at", "day", "exercise"]
    assert [row[2] for row in rows[1:]] == ["Press-up on elbows"]


def test_a_bad_filter_gets_a_400_with_a_message(clinician_client, my_patient):
    response = clinician_client.get(
        reverse("clinician_patient", args=[my_patient.pk]), {"since": "yesterday-ish"}
    )
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


# Not named "page": that name is the browser fixture's, and would make this a browser test.
@pytest.mark.parametrize("number", ["²", "99999999999999999999", "-3", "abc"])
def test_an_odd_page_number_never_breaks_the_page(clinician_client, my_patient, number):
    response = clinician_client.get(
        reverse("clinician_patient", args=[my_patient.pk]), {"page": number}
    )
    assert response.status_code == 200
    assert "Set log" in response.content.decode()


def test_clearing_the_hold_of_a_hold_dose_gets_a_400(clinician_client, my_patient):
    item = my_patient.user.routine.items.get(exercise__name="Crossed-leg stretch")
    prefix = f"item-{item.pk}"
    response = clinician_client.post(
        reverse("clinician_item_update", args=[my_patient.pk, item.pk]),
        {
            f"{prefix}-hold_seconds": "",
            f"{prefix}-reps": 2,
            f"{prefix}-sets": 1,
            f"{prefix}-rest_seconds": 10,
        },
    )
    assert response.status_code == 400
    assert "This dose needs it." in response.content.decode()
    item.refresh_from_db()
    assert item.hold_seconds == 10
