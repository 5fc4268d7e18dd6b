"""Every page runs the same queries however long the history: a patient with 10 set logs and
one with five years of four sessions a day (~100,000), side by side, page by page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions.models import SafetyCheck, SetLog
from sessions.services import record_safety_check, start_session
from tests.factories import PatientFactory, UserFactory
from tests.scale import five_years_of_logs, ten_logs

pytestmark = pytest.mark.django_db

# The login's session and user, the patient, the routine, the day's sessions, the items with
# their latest decisions, the latest safety check.
TODAY_QUERIES = 7
# The patient page also reads its open alerts, notes and timeline, the clinician's zone, and
# writes its access record (the viewer's role, then the insert).
CLINICIAN_QUERIES = 22


@pytest.fixture
def my_patient(patient, clinician, routine):
    patient.clinician = clinician
    patient.save()
    record_safety_check(patient=patient, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))
    return patient


@pytest.mark.parametrize("size", ["ten", "five_years"])
def test_query_counts_do_not_grow_with_the_history(
    client, clinician, my_patient, routine, django_assert_max_num_queries, size
):
    if size == "ten":
        ten_logs(my_patient, routine)
        assert SetLog.objects.count() == 10
    else:
        assert five_years_of_logs(my_patient, routine) >= 100_000

    client.force_login(my_patient.user)
    with django_assert_max_num_queries(TODAY_QUERIES):
        today = client.get(reverse("today"))
    assert "Press-up on elbows: hold 5 s × 1" in today.content.decode()

    client.force_login(clinician)
    with django_assert_max_num_queries(CLINICIAN_QUERIES):
        detail = client.get(reverse("clinician_patient", args=[my_patient.pk]))
    assert detail.status_code == 200
    assert "Set log" in detail.content.decode()
    with django_assert_max_num_queries(CLINICIAN_QUERIES):
        listing = client.get(reverse("clinician_patients"))
    assert my_patient.user.username in listing.content.decode()


def pages(patient, session):
    """(who is logged in, URL) of every page the bench measures."""
    return [
        ("patient", reverse("today")),
        ("patient", reverse("session_play", args=[session.pk])),
        ("patient", reverse("history") + "?days=90"),
        ("patient", reverse("history") + "?days=365"),
        ("clinician", reverse("clinician_patients")),
        ("clinician", reverse("clinician_patient", args=[patient.pk])),
        ("clinician", reverse("clinician_patient", args=[patient.pk]) + "?page=3"),
        ("clinician", reverse("clinician_export", args=[patient.pk])),
    ]


def queries_of(client: Client, url: str) -> int:
    client.get(url)  # the first visit may write once (an inactivity alert, say)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


def test_every_page_runs_the_same_queries_at_10_and_at_100_000_logs(clinician, my_patient, routine):
    small = PatientFactory(user=UserFactory(username="small"), clinician=clinician)
    small_routine = type(routine).objects.get(pk=routine.pk)
    small_routine.pk, small_routine.patient = None, small.user
    small_routine.save()
    for item in routine.items.all():
        item.pk, item.routine = None, small_routine
        item.save()
    record_safety_check(patient=small, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))
    ten_logs(small, small_routine)
    assert five_years_of_logs(my_patient, routine) >= 100_000

    counts = {}
    for patient in (small, my_patient):
        session = start_session(patient=patient, pain=3, reach=2)
        clients = {"patient": Client(), "clinician": Client()}
        clients["patient"].force_login(patient.user)
        clients["clinician"].force_login(clinician)
        counts[patient.user.username] = [
            queries_of(clients[who], url) for who, url in pages(patient, session)
        ]

    assert counts["small"] == counts[my_patient.user.username]
    assert counts["small"][5] <= CLINICIAN_QUERIES
