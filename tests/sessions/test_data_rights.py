"""A patient's rights over their data: download all of it, delete the account, reset a password."""

import csv
import io
import json
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from exercises.models import Exercise, Routine, RoutineItem
from sessions.models import (
    AccessRecord,
    DeletedAccount,
    Patient,
    ProgressionDecision,
    SafetyCheck,
    SetLog,
    WorkoutSession,
)
from sessions.services import finish_session, start_session
from tests.factories import PASSWORD, PatientFactory, UserFactory, log_one_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(clinician, safe_patient, routine):
    """A patient of Dana's with one finished session, a logged set and an access record."""
    safe_patient.clinician = clinician
    safe_patient.save()
    item = routine.items.first()
    item.exercise.name = '=HYPERLINK("http://evil.example","x")'
    item.exercise.save()
    session = start_session(patient=safe_patient, pain=3, reach=2)
    log_one_set(session, item, held_seconds=5, effort="easy", pain=2)
    finish_session(session=session, pain=2, reach=1)
    return safe_patient


def _look(client, clinician, patient):
    client.force_login(clinician)
    client.get(reverse("clinician_patient", args=[patient.pk]))
    client.force_login(patient.user)


def test_the_account_page_offers_download_and_delete(patient_client):
    html = patient_client.get(reverse("account")).content.decode()
    assert "Download my data" in html
    assert "Delete my account" in html
    assert html.count('name="password"') + html.count('name="delete-password"') == 2


def test_a_wrong_password_downloads_nothing_and_says_so(client, history):
    client.force_login(history.user)
    response = client.post(reverse("account_export"), {"password": "not-it"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "That is not your password." in response.content.decode()


@pytest.mark.usefixtures("frozen_now")
def test_the_download_is_named_with_the_patients_own_date(client, history):
    """Not the server's: a zone whose day is not London's now (one of the two always is)."""
    london = timezone.localdate()
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        history.time_zone = zone
        if history.local_date() != london:
            break
    history.save()
    client.force_login(history.user)
    response = client.post(reverse("account_export"), {"password": PASSWORD})
    name = f"sciatica-data-{history.user.username}-{history.local_date():%Y-%m-%d}.zip"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


def test_the_download_holds_every_table_as_json_and_csv(client, clinician, history):
    _look(client, clinician, history)
    response = client.post(reverse("account_export"), {"password": PASSWORD})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    tables = [
        "profile",
        "routine",
        "routine_items",
        "routine_changes",
        "sessions",
        "set_logs",
        "safety_checks",
        "decisions",
        "access_records",
    ]
    assert sorted(archive.namelist()) == sorted(
        [
            "README.txt",
            "reminders.json",
            *(f"{t}.json" for t in tables),
            *(f"{t}.csv" for t in tables),
        ]
    )
    reminders = json.loads(archive.read("reminders.json"))
    assert reminders["reminder_times"] == ["08:00", "12:00", "16:00", "20:00"]
    assert reminders["time_zone"] == history.time_zone
    data = {t: json.loads(archive.read(f"{t}.json")) for t in tables}
    assert data["profile"][0]["username"] == "pat"
    assert data["profile"][0]["clinician"] == clinician.get_full_name()
    assert [s["pain_before"] for s in data["sessions"]] == [3]
    assert data["set_logs"][0]["held_seconds"] == 5
    assert len(data["routine_items"]) == 3
    assert len(data["safety_checks"]) == 1
    assert len(data["decisions"]) == ProgressionDecision.objects.count() > 0
    assert data["access_records"][0]["actor_username"] == "dana"
    assert data["access_records"][0]["what"] == "patient page"
    rows = list(csv.DictReader(io.StringIO(archive.read("set_logs.csv").decode())))
    assert rows[0]["held_seconds"] == "5"


def test_the_csv_files_neutralise_spreadsheet_formulas(client, history):
    client.force_login(history.user)
    response = client.post(reverse("account_export"), {"password": PASSWORD})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(csv.DictReader(io.StringIO(archive.read("set_logs.csv").decode())))
    assert rows[0]["exercise__name"] == '\'=HYPERLINK("http://evil.example","x")'
    items = list(csv.DictReader(io.StringIO(archive.read("routine_items.csv").decode())))
    assert items[0]["exercise__name"].startswith("'=HYPERLINK")
    assert json.loads(archive.read("set_logs.json"))[0]["exercise__name"].startswith("=HYP")


def test_export_is_for_patients_and_posts_only(client, clinician, patient):
    client.force_login(clinician)
    assert client.post(reverse("account_export"), {"password": PASSWORD}).status_code == 404
    client.force_login(patient.user)
    assert client.get(reverse("account_export")).status_code == 405


def test_a_wrong_password_deletes_nothing(client, history):
    client.force_login(history.user)
    response = client.post(reverse("account_delete"), {"delete-password": "nope"})
    assert response.status_code == 400
    assert "That is not your password." in response.content.decode()
    assert Patient.objects.filter(pk=history.pk).exists()
    assert SetLog.objects.count() == 1
    response = client.post(reverse("account_delete"), {})
    assert response.status_code == 400
    assert "Type your password to confirm it is you." in response.content.decode()


def test_deleting_removes_personal_and_health_data_but_keeps_records_and_catalog(
    client, clinician, history, routine
):
    _look(client, clinician, history)
    exercises = Exercise.objects.count()
    other = PatientFactory(cause=history.cause)
    user_pk, patient_pk = history.user.pk, history.pk
    response = client.post(reverse("account_delete"), {"delete-password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert not get_user_model().objects.filter(pk=user_pk).exists()
    assert not Patient.objects.filter(pk=patient_pk).exists()
    assert not WorkoutSession.objects.exists()
    assert not SetLog.objects.exists()
    assert not SafetyCheck.objects.exists()
    assert not ProgressionDecision.objects.exists()
    assert not Routine.objects.filter(pk=routine.pk).exists()
    assert not RoutineItem.objects.filter(routine_id=routine.pk).exists()
    assert Exercise.objects.count() == exercises
    assert Patient.objects.filter(pk=other.pk).exists()
    record = AccessRecord.objects.get()
    assert (record.patient_pk, record.patient_username, record.what) == (
        patient_pk,
        "pat",
        "patient page",
    )
    assert DeletedAccount.objects.get().patient_pk == patient_pk
    # Logged out: the account page now asks to log in.
    assert client.get(reverse("account"))["Location"].startswith(reverse("login"))
    followed = client.get(reverse("home"))
    assert "Your account and all your exercise data have been deleted." in followed.content.decode()


def test_the_clinician_sees_that_the_patient_deleted_their_account(client, clinician, history):
    client.force_login(history.user)
    client.post(reverse("account_delete"), {"delete-password": PASSWORD})
    client.force_login(clinician)
    html = client.get(reverse("clinician_patients")).content.decode()
    assert "<strong>pat</strong>: this patient deleted their account" in html
    other = UserFactory(username="other-clinician", is_staff=True)
    other.groups.add(*clinician.groups.all())
    client.force_login(other)
    assert "deleted their account" not in client.get(reverse("clinician_patients")).content.decode()


def test_password_reset_sends_a_working_link_to_a_known_address(client):
    user = UserFactory(username="rosa", email="rosa@example.org")
    response = client.post(reverse("password_reset"), {"email": "rosa@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rosa@example.org"]
    assert "rosa" in message.body
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    new = "a-new-long-passphrase-2026"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert "Your password is changed" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(new)
    again = client.get(link, follow=True)
    assert "This link does not work" in again.content.decode()


def _without_tokens(response) -> str:
    return re.sub(r'"x-csrftoken": "[^"]+"', "", response.content.decode())


def test_password_reset_does_not_reveal_whether_an_address_exists(client):
    UserFactory(username="rosa", email="rosa@example.org")
    known = client.post(reverse("password_reset"), {"email": "rosa@example.org"}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert _without_tokens(known) == _without_tokens(unknown)
    assert "If an account has that address" in _without_tokens(known)
    assert len(mail.outbox) == 1


def test_the_login_page_links_to_password_reset(client):
    html = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}">Forgot your password?</a>' in html


def test_sign_up_takes_an_optional_email_for_a_reset(client):
    from tests.factories import CauseFactory, RoutineFactory

    cause = CauseFactory()
    RoutineFactory(cause=cause, patient=None)
    data = {
        "username": "newbie",
        "email": "newbie@example.org",
        "password1": "a-long-passphrase-2026",
        "password2": "a-long-passphrase-2026",
        "cause": cause.pk,
        "affected_side": "left",
    }
    assert client.post(reverse("signup"), data).status_code == 302
    assert get_user_model().objects.get(username="newbie").email == "newbie@example.org"
