"""Staff logins end after 30 minutes idle or 12 hours in all; a patient's lasts 14 days."""

import pytest
from django.urls import reverse

from sciatica import middleware

pytestmark = pytest.mark.django_db

MINUTE = 60
HOUR = 60 * MINUTE


@pytest.fixture
def clock(monkeypatch):
    """The time the session limits see, moved forward by hand."""
    now = {"t": 1_800_000_000.0}
    monkeypatch.setattr(middleware.time, "time", lambda: now["t"])

    def advance(seconds: float) -> None:
        now["t"] += seconds

    return advance


def test_staff_are_logged_out_after_30_minutes_idle(client, clinician, clock):
    client.force_login(clinician)
    assert client.get(reverse("clinician_patients")).status_code == 200
    clock(29 * MINUTE)
    assert client.get(reverse("clinician_patients")).status_code == 200
    clock(31 * MINUTE)
    response = client.get(reverse("clinician_patients"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "after 30 minutes without activity" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_asks_again_after_30_minutes_idle(client, clinician, clock):
    client.force_login(clinician)
    assert client.get(reverse("admin:index")).status_code == 200
    clock(31 * MINUTE)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_are_logged_out_12_hours_after_logging_in_however_busy(client, clinician, clock):
    client.force_login(clinician)
    for _ in range(12 * 4):  # a request every 15 minutes
        assert client.get(reverse("clinician_patients")).status_code == 200
        clock(15 * MINUTE)
    clock(MINUTE)  # 12 hours and a minute after logging in
    response = client.get(reverse("clinician_patients"), follow=True)
    assert "a staff login lasts 12 hours at most" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_staff_session_cookie_itself_expires_after_30_minutes(client, clinician):
    client.force_login(clinician)
    client.get(reverse("clinician_patients"))
    assert client.session.get_expiry_age() == 30 * MINUTE


def test_a_patient_stays_logged_in_for_days_on_their_own_phone(
    client, safe_patient, routine, clock
):
    client.force_login(safe_patient.user)
    assert client.session.get_expiry_age() == 14 * 24 * HOUR
    clock(3 * 24 * HOUR)
    assert client.get(reverse("today")).status_code == 200


def test_the_patient_session_length_is_a_setting(tmp_path):
    from tests.security.production import settings_of

    seen = settings_of(["SESSION_COOKIE_AGE"], DEBUG="True", PATIENT_SESSION_DAYS="3")
    assert seen == {"SESSION_COOKIE_AGE": 3 * 24 * HOUR}
