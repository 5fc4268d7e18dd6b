"""CSV cells never become formulas; private pages are never cached; browser features are off."""

import csv
import io
import uuid

import pytest
from django.urls import reverse

from sciatica import csvsafe
from sessions.models import SetLog
from tests.factories import ExerciseFactory, finished_session

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_could_start_a_formula_is_quoted(start):
    assert csvsafe.neutralise(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


@pytest.mark.parametrize("value", ["Press-up on elbows", "", None, 5, -3, 2.5])
def test_other_cells_are_left_alone(value):
    assert csvsafe.neutralise(value) == value


def test_the_set_log_csv_never_writes_a_live_formula(client, clinician, patient, routine):
    my_patient = patient
    my_patient.clinician = clinician
    my_patient.save()
    item = routine.items.first()
    item.exercise = ExerciseFactory(name='=HYPERLINK("http://evil.example","x")')
    item.save()
    SetLog.objects.create(
        client_id=uuid.uuid4(),
        session=finished_session(my_patient),
        routine_item=item,
        exercise=item.exercise,
        set_number=1,
        outcome="stopped",
    )
    client.force_login(clinician)
    response = client.get(reverse("clinician_export", args=[my_patient.pk]))
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][2] == '\'=HYPERLINK("http://evil.example","x")'
    assert "\"'=HYPERLINK" in text  # every cell quoted, as OWASP advises
    assert response["Cache-Control"].count("no-store") == 1


def test_every_logged_in_page_is_no_store(client, safe_patient, routine, clinician):
    client.force_login(safe_patient.user)
    for name in ("today", "history", "account", "home"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], name
        assert "private" in response["Cache-Control"], name
    client.force_login(clinician)
    response = client.get(reverse("clinician_patients"))
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get(reverse("admin:index"))["Cache-Control"]


def test_the_public_catalog_stays_cacheable(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_permissions_policy_allows_only_the_wake_lock_and_sound(client, db):
    policy = client.get(reverse("home"))["Permissions-Policy"]
    features = dict(part.split("=") for part in policy.split(", "))
    assert features["screen-wake-lock"] == "(self)"
    assert features["autoplay"] == "(self)"
    for denied in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[denied] == "()"
    assert {allow for allow in features.values()} == {"(self)", "()"}


def test_the_admin_has_a_content_security_policy_too(client, db):
    response = client.get(reverse("admin:login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
