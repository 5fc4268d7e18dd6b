"""Five wrong passwords for one username from one address pause its login for 15 minutes."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from sciatica import throttle
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGINS = [("login", "today"), ("admin:login", "admin:index")]
HALF_PAST = 1_800_001_800.0  # half past an hour (1_800_000_000 is one on the hour)


def attempt(client, login_url: str, username: str, password: str, **extra):
    return client.post(reverse(login_url), {"username": username, "password": password}, **extra)


@pytest.fixture
def staff(db):
    return UserFactory(username="sam", is_staff=True, is_superuser=True)


@pytest.mark.parametrize(("login_url", "after"), LOGINS)
def test_the_right_password_after_five_wrong_ones_is_refused_with_a_message(
    client, staff, login_url, after
):
    for _ in range(4):
        assert attempt(client, login_url, "sam", "wrong").status_code == 200
    locked = attempt(client, login_url, "sam", "wrong")
    assert locked.status_code == 429
    response = attempt(client, login_url, "sam", PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Logging in is paused" in html
    assert "wrong 5 times in a row" in html and "15 minutes" in html
    assert "_auth_user_id" not in client.session


def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(client, staff):
    for _ in range(30):
        attempt(client, "login", "sam", "wrong")
    assert attempt(client, "login", "sam", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_pause_is_for_this_username_from_this_address_only(client, staff):
    UserFactory(username="alex")
    for _ in range(5):
        attempt(client, "login", "sam", "wrong")
    assert attempt(client, "login", "alex", PASSWORD).status_code == 302
    client.logout()
    other_address = attempt(client, "login", "sam", PASSWORD, REMOTE_ADDR="10.9.8.7")
    assert other_address.status_code == 302


def test_after_fifteen_minutes_the_right_password_works_again(client, staff):
    for _ in range(5):
        attempt(client, "login", "sam", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert attempt(client, "login", "sam", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(client, "login", "sam", PASSWORD).status_code == 302


def test_a_superuser_unlocks_in_the_admin(client, staff):
    for _ in range(5):
        attempt(client, "login", "sam", "wrong")
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    admin = client.__class__()
    admin.force_login(boss)
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert "sam" in listing.content.decode()
    pk = AccessAttempt.objects.get(username="sam").pk
    delete = admin.post(reverse("admin:axes_accessattempt_delete", args=[pk]), {"post": "yes"})
    assert delete.status_code == 302
    assert attempt(client, "login", "sam", PASSWORD).status_code == 302


def test_a_clinician_cannot_see_or_lift_lockouts(client, clinician):
    client.force_login(clinician)
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 403


SIGNUP = {
    "username": "newbie",
    "password1": "a-long-passphrase-2026",
    "password2": "a-long-passphrase-2026",
}


def test_sign_up_is_throttled_per_address(client, settings, routine, monkeypatch):
    settings.SIGNUP_ATTEMPTS_PER_HOUR = 3
    # The count is per clock hour: the throttle's clock is held at half past, so an hour that
    # turns while the test runs cannot start a new count between the third attempt and the next.
    clock = {"now": HALF_PAST}
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: clock["now"]))
    for n in range(3):
        response = client.post(reverse("signup"), {**SIGNUP, "username": f"x{n}", "cause": ""})
        assert response.status_code == 400
    response = client.post(reverse("signup"), {**SIGNUP, "cause": routine.cause.pk})
    assert response.status_code == 429
    assert "Too many sign-up attempts" in response.content.decode()
    assert not get_user_model().objects.filter(username="newbie").exists()
    other = client.post(
        reverse("signup"), {**SIGNUP, "cause": routine.cause.pk}, REMOTE_ADDR="10.1.1.1"
    )
    assert other.status_code != 429
    clock["now"] += 60 * 60  # the next hour counts afresh: the form is read again
    assert client.post(reverse("signup"), {**SIGNUP, "cause": ""}).status_code == 400


def test_a_username_longer_than_any_account_is_refused_and_recorded_cut_short(client):
    """PostgreSQL refuses a value longer than axes' column: it once gave a 500 here."""
    response = client.post(reverse("login"), {"username": "<" * 300, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert AccessAttempt.objects.get().username == "<" * 150
