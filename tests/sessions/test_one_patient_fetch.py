"""Each patient page fetches the Patient once: the view's access helper keeps it on the user,
where the base template's menu and sync indicator read it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions.services import start_session

pytestmark = pytest.mark.django_db

PATIENT_ROW = '"workout_sessions_patient"."affected_side"'  # selected only when one is fetched


@pytest.fixture
def session(safe_patient, routine):
    return start_session(patient=safe_patient, pain=4, reach=3)


def patient_fetches(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    fetches = [q["sql"] for q in queries.captured_queries if PATIENT_ROW in q["sql"]]
    return len(fetches), response.content.decode()


@pytest.mark.parametrize("name", ["today", "history", "account", "safety_check"])
def test_a_patient_page_fetches_the_patient_once(patient_client, session, name):
    fetches, html = patient_fetches(patient_client, reverse(name))
    assert fetches == 1
    # The base template still knows a patient is logged in: their menu and save indicator.
    assert f'href="{reverse("history")}"' in html
    assert 'id="sync-state"' in html


def test_the_player_page_fetches_the_patient_with_the_session(patient_client, session):
    fetches, html = patient_fetches(patient_client, reverse("session_play", args=[session.pk]))
    assert fetches == 1
    assert 'id="sync-state"' in html


def test_a_page_outside_the_patients_own_fetches_it_once_too(patient_client, session):
    fetches, html = patient_fetches(patient_client, reverse("home"))
    assert fetches == 1
    assert 'id="sync-state"' in html
