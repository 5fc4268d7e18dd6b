"""Every onboarding page: who may open it, what it shows, and what it stores."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clinic import invitations, services
from clinic.models import ClinicianProfile, Invitation, LinkRequest
from sessions.models import Patient
from tests.clinic.onboarding_data import add_patient, herniated_disc_template
from tests.factories import (
    ClinicianFactory,
    ExerciseFactory,
    PatientFactory,
    RoutineItemFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-good-pass-2026"


@pytest.fixture
def template():
    return herniated_disc_template()


@pytest.fixture
def added(clinician, template):
    return add_patient(clinician, template.cause)


@pytest.fixture
def clinician_client(client, clinician):
    client.force_login(clinician)
    return client


def link_of(invitation: Invitation) -> str:
    return reverse("invitation_accept", args=[invitations.make_token(invitation)])


# Who may open the clinician's new pages.

PATIENT_PAGES = [
    ("clinician_invitation", "get"),
    ("clinician_invitation_sheet", "get"),
    ("clinician_invitation_new", "post"),
    ("clinician_programme", "get"),
]
OWN_PAGES = [
    ("clinician_patient_add", "get"),
    ("clinician_patient_add", "post"),
    ("clinician_settings", "get"),
    ("clinician_settings", "post"),
    ("clinician_code_regenerate", "post"),
]


@pytest.mark.parametrize(("name", "method"), PATIENT_PAGES)
def test_another_clinicians_patient_is_a_404(client, added, name, method):
    patient, _ = added
    client.force_login(ClinicianFactory(username="other-clinician"))
    response = getattr(client, method)(reverse(name, args=[patient.pk]))
    assert response.status_code == 404
    assert patient.invitations.count() == 1


@pytest.mark.parametrize(("name", "method"), PATIENT_PAGES)
def test_a_patient_gets_a_404_even_for_their_own_pages(client, added, name, method):
    patient, _ = added
    client.force_login(patient.user)
    assert getattr(client, method)(reverse(name, args=[patient.pk])).status_code == 404


@pytest.mark.parametrize(("name", "method"), PATIENT_PAGES)
def test_a_visitor_is_sent_to_log_in_from_patient_pages(client, added, name, method):
    patient, _ = added
    response = getattr(client, method)(reverse(name, args=[patient.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "method"), OWN_PAGES)
def test_a_visitor_is_sent_to_log_in_and_a_patient_gets_a_404(client, patient, name, method):
    response = getattr(client, method)(reverse(name))
    assert response["Location"].startswith(reverse("login"))
    client.force_login(patient.user)
    assert getattr(client, method)(reverse(name)).status_code == 404


def test_the_link_request_answer_is_for_its_own_clinician_only(client, clinician, patient):
    link_request = services.request_link(patient=patient, clinician=clinician)
    url = reverse("clinician_link_request", args=[link_request.pk])
    assert client.post(url, {"decision": "accept"})["Location"].startswith(reverse("login"))
    client.force_login(patient.user)
    assert client.post(url, {"decision": "accept"}).status_code == 404
    client.force_login(ClinicianFactory(username="other-clinician"))
    assert client.post(url, {"decision": "accept"}).status_code == 404
    patient.refresh_from_db()
    assert patient.clinician is None


# Adding a patient.


def test_the_form_defaults_to_the_clinicians_own_time_zone(clinician_client, clinician, template):
    profile = services.profile_for(clinician)
    profile.time_zone = "Australia/Sydney"
    profile.save()
    html = clinician_client.get(reverse("clinician_patient_add")).content.decode()
    assert '<option value="Australia/Sydney" selected>' in html
    assert "Herniated disc" in html


def test_adding_a_patient_shows_their_invitation(clinician_client, clinician, template):
    response = clinician_client.post(
        reverse("clinician_patient_add"),
        {
            "first_name": "Jane",
            "last_name": "Smith",
            "email": "jane@example.org",
            "cause": template.cause.pk,
            "affected_side": "left",
            "time_zone": "Europe/Paris",
            "sessions_per_day": "4",
        },
        follow=True,
    )
    patient = Patient.objects.get(user__username="jane-smith")
    assert response.redirect_chain[-1][0] == reverse("clinician_invitation", args=[patient.pk])
    assert (patient.clinician, patient.time_zone) == (clinician, "Europe/Paris")
    assert patient.user.routine.sessions_per_day == 4
    html = response.content.decode()
    invitation = patient.invitations.get()
    assert link_of(invitation) in html
    assert "<svg" in html
    assert "Added Jane Smith" in html
    assert "emailed to jane@example.org" in html
    [message] = mail.outbox
    assert link_of(invitation) in message.body


def test_a_bad_form_keeps_what_was_typed_and_stores_nothing(clinician_client, template):
    response = clinician_client.post(
        reverse("clinician_patient_add"),
        {
            "first_name": "",
            "last_name": "Smith",
            "email": "not-an-email",
            "cause": template.cause.pk,
            "affected_side": "left",
            "time_zone": "Mars/Olympus",
            "sessions_per_day": "40",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the patient&#x27;s first name." in html
    assert "Enter a valid email address." in html
    assert "Select a valid choice" in html
    assert 'value="Smith"' in html
    assert not Patient.objects.exists()


# The invitation page, the sheet and a new link.


def test_the_invitation_page_shows_the_link_qr_code_and_expiry(clinician_client, added):
    patient, invitation = added
    html = clinician_client.get(reverse("clinician_invitation", args=[patient.pk])).content
    html = html.decode()
    assert link_of(invitation) in html
    assert "<svg" in html and "QR code of the link" in html
    assert "jane-smith" in html
    assert "Send a new link" in html


def test_the_sheet_holds_the_qr_code_username_and_link(clinician_client, added):
    patient, invitation = added
    response = clinician_client.get(reverse("clinician_invitation_sheet", args=[patient.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert "jane-smith" in html
    assert link_of(invitation) in html
    assert "This is not a diagnosis" not in html  # no site footer on paper


def test_the_sheet_is_a_404_without_an_open_invitation(clinician_client, added):
    patient, invitation = added
    services.accept_invitation(token=invitations.make_token(invitation), password=PASSWORD)
    response = clinician_client.get(reverse("clinician_invitation_sheet", args=[patient.pk]))
    assert response.status_code == 404
    assert "no open invitation" in response.content.decode()


def test_a_new_link_replaces_the_old_one(clinician_client, added):
    patient, old = added
    response = clinician_client.post(
        reverse("clinician_invitation_new", args=[patient.pk]), follow=True
    )
    new = patient.invitations.open().get()
    assert new != old
    html = response.content.decode()
    assert link_of(new) in html and link_of(old) not in html
    assert "Any earlier link no longer works" in html
    assert clinician_client.get(link_of(old)).status_code == 410


def test_an_expired_link_is_shown_as_expired_with_a_way_to_send_another(clinician_client, added):
    patient, invitation = added
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(hours=1)
    )
    html = clinician_client.get(reverse("clinician_invitation", args=[patient.pk])).content
    assert b"expired on" in html
    assert b"Send a new link" in html
    assert link_of(invitation).encode() not in html


def test_no_new_link_for_a_patient_who_has_joined(clinician_client, added):
    patient, invitation = added
    services.accept_invitation(token=invitations.make_token(invitation), password=PASSWORD)
    page = clinician_client.get(reverse("clinician_invitation", args=[patient.pk])).content
    assert b"has joined" in page and b"Send a new link" not in page
    response = clinician_client.post(reverse("clinician_invitation_new", args=[patient.pk]))
    assert response.status_code == 400
    assert "already chosen a password" in response.content.decode()
    assert not patient.invitations.open().exists()


# The printable programme.


def test_the_programme_holds_doses_steps_cautions_sessions_clinician_and_qr(
    clinician_client, clinician, added
):
    clinician.first_name, clinician.last_name = "Dana", "Reyes"
    clinician.save()
    patient, invitation = added
    html = clinician_client.get(reverse("clinician_programme", args=[patient.pk])).content.decode()
    assert "Exercise programme for Jane Smith" in html
    assert "prescribed by Dana Reyes" in html
    assert "3 sessions a day" in html
    assert "Hold 5 s × 3" in html
    assert "Start at 5 s, add 5 s at a time, up to 30 s." in html
    assert "10 min" in html
    assert "Lift your chest onto your elbows." in html
    assert "Stop if the pain spreads further down your leg." in html
    assert link_of(invitation) not in html  # the QR code, not the bare link
    assert "<svg" in html and "Scan to choose your password" in html
    assert "@page" not in html  # print rules live in the stylesheet


def test_the_programme_has_no_qr_code_once_the_patient_has_joined(clinician_client, added):
    patient, invitation = added
    services.accept_invitation(token=invitations.make_token(invitation), password=PASSWORD)
    html = clinician_client.get(reverse("clinician_programme", args=[patient.pk])).content.decode()
    assert "Press-up on elbows" in html
    assert "<svg" not in html


def test_the_programme_keeps_a_flat_number_of_queries(
    clinician_client, clinician, template, django_assert_max_num_queries
):
    patient, _ = add_patient(clinician, template.cause)
    url = reverse("clinician_programme", args=[patient.pk])
    with django_assert_max_num_queries(12) as small:
        clinician_client.get(url)
    for n in range(8):
        RoutineItemFactory(routine=patient.user.routine, order=10 + n, exercise=ExerciseFactory())
    with django_assert_max_num_queries(len(small.captured_queries)):
        clinician_client.get(url)


# The clinician's settings and clinic code.


def test_the_settings_page_shows_the_code_and_saves_the_zone(clinician_client, clinician):
    profile = services.profile_for(clinician)
    html = clinician_client.get(reverse("clinician_settings")).content.decode()
    assert profile.display_code in html
    response = clinician_client.post(
        reverse("clinician_settings"), {"time_zone": "Asia/Tokyo"}, follow=True
    )
    assert "Your time zone is now Asia/Tokyo" in response.content.decode()
    profile.refresh_from_db()
    assert profile.time_zone == "Asia/Tokyo"


def test_a_bad_zone_is_refused_and_the_old_one_kept(clinician_client, clinician):
    services.profile_for(clinician)
    response = clinician_client.post(reverse("clinician_settings"), {"time_zone": "Nowhere/X"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert ClinicianProfile.objects.get(user=clinician).time_zone == "Europe/London"


def test_regenerating_the_code_shows_the_new_one(clinician_client, clinician):
    old = services.profile_for(clinician).clinic_code
    response = clinician_client.post(reverse("clinician_code_regenerate"), follow=True)
    profile = ClinicianProfile.objects.get(user=clinician)
    assert profile.clinic_code != old
    assert f"Your new clinic code is {profile.display_code}" in response.content.decode()


def test_my_patients_shows_the_code_and_the_add_link(clinician_client, clinician):
    html = clinician_client.get(reverse("clinician_patients")).content.decode()
    assert services.profile_for(clinician).display_code in html
    assert reverse("clinician_patient_add") in html


def test_my_patients_marks_a_patient_who_has_not_joined(clinician_client, added):
    patient, _ = added
    html = clinician_client.get(reverse("clinician_patients")).content.decode()
    assert "Not joined yet" in html
    assert reverse("clinician_invitation", args=[patient.pk]) in html


# Link requests on My patients.


@pytest.fixture
def solo():
    return PatientFactory(user=UserFactory(username="solo", first_name="Sol"))


def test_pending_requests_are_listed_and_accepted(clinician_client, clinician, solo):
    services.request_link(patient=solo, clinician=clinician)
    html = clinician_client.get(reverse("clinician_patients")).content.decode()
    assert "Asking to join you (1)" in html
    assert "Accept Sol" in html
    assert reverse("clinician_patient", args=[solo.pk]) not in html
    link_request = LinkRequest.objects.get()
    response = clinician_client.post(
        reverse("clinician_link_request", args=[link_request.pk]),
        {"decision": "accept"},
        follow=True,
    )
    html = response.content.decode()
    assert "is now your patient" in html
    assert reverse("clinician_patient", args=[solo.pk]) in html
    assert "Asking to join you" not in html


def test_a_declined_request_leaves_the_patient_unseen(clinician_client, clinician, solo):
    link_request = services.request_link(patient=solo, clinician=clinician)
    clinician_client.post(
        reverse("clinician_link_request", args=[link_request.pk]), {"decision": "decline"}
    )
    solo.refresh_from_db()
    assert solo.clinician is None
    assert clinician_client.get(reverse("clinician_patient", args=[solo.pk])).status_code == 404


def test_a_bad_decision_changes_nothing(clinician_client, clinician, solo):
    link_request = services.request_link(patient=solo, clinician=clinician)
    response = clinician_client.post(
        reverse("clinician_link_request", args=[link_request.pk]),
        {"decision": "maybe"},
        follow=True,
    )
    assert "Choose accept or decline." in response.content.decode()
    link_request.refresh_from_db()
    assert link_request.status == LinkRequest.Status.PENDING


# The patient opens their link.


def test_the_patient_chooses_a_password_and_lands_on_the_safety_check(client, added):
    patient, invitation = added
    page = client.get(link_of(invitation)).content.decode()
    assert "Welcome, Jane" in page and "jane-smith" in page
    response = client.post(
        link_of(invitation), {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("safety_check")
    assert "Next time, log in as jane-smith" in response.content.decode()
    assert response.wsgi_request.user == patient.user
    patient.user.refresh_from_db()
    assert patient.user.check_password(PASSWORD)


def test_a_bad_password_keeps_the_link_open(client, added):
    patient, invitation = added
    response = client.post(
        link_of(invitation), {"new_password1": PASSWORD, "new_password2": "different-one-2026"}
    )
    assert response.status_code == 400
    assert "didn’t match" in response.content.decode()
    patient.user.refresh_from_db()
    assert not patient.user.has_usable_password()
    assert invitations.open_token(invitations.make_token(invitation)).usable


def test_a_used_link_says_so_and_offers_the_login(client, added):
    _, invitation = added
    services.accept_invitation(token=invitations.make_token(invitation), password=PASSWORD)
    response = client.get(link_of(invitation))
    assert response.status_code == 410
    html = response.content.decode()
    assert "This link has already been used" in html
    assert reverse("login") in html
    response = client.post(
        link_of(invitation),
        {"new_password1": "x-new-pass-2026", "new_password2": "x-new-pass-2026"},
    )
    assert response.status_code == 410


def test_a_used_link_opened_by_its_own_patient_points_to_today(client, added):
    patient, invitation = added
    services.accept_invitation(token=invitations.make_token(invitation), password=PASSWORD)
    patient.user.refresh_from_db()
    client.force_login(patient.user)
    html = client.get(link_of(invitation)).content.decode()
    assert "you are logged in" in html and reverse("today") in html


def test_an_expired_link_says_so(client, added):
    _, invitation = added
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(link_of(invitation))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_a_replaced_link_says_a_newer_one_exists(client, clinician, added):
    patient, invitation = added
    services.issue_invitation(patient=patient, by=clinician)
    response = client.get(link_of(invitation))
    assert response.status_code == 410
    assert "A newer link replaced this one" in response.content.decode()


def test_a_tampered_link_says_so(client, added):
    _, invitation = added
    token = invitations.make_token(invitation)
    response = client.get(reverse("invitation_accept", args=[token[:-2] + "zz"]))
    assert response.status_code == 400
    assert "This link is not complete" in response.content.decode()
    response = client.post(
        reverse("invitation_accept", args=[token[:-2] + "zz"]),
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 400


def test_a_link_opened_while_someone_else_is_logged_in(client, clinician, added):
    patient, invitation = added
    client.force_login(clinician)
    response = client.get(link_of(invitation))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else is logged in" in html
    assert f'name="next" value="{link_of(invitation)}"' in html
    response = client.post(
        link_of(invitation), {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert response.status_code == 409
    patient.user.refresh_from_db()
    assert not patient.user.has_usable_password()
    response = client.post(reverse("logout"), {"next": link_of(invitation)})
    assert response["Location"] == link_of(invitation)
    assert client.get(link_of(invitation)).status_code == 200


# The patient's account page and sign-up.


def test_the_account_page_offers_the_clinic_code(patient_client):
    html = patient_client.get(reverse("account")).content.decode()
    assert "Link to a clinician" in html
    assert reverse("account_clinic_code") in html


def test_a_patient_asks_a_clinician_with_the_code(patient_client, patient, clinician):
    clinician.first_name, clinician.last_name = "Dana", "Reyes"
    clinician.save()
    code = services.profile_for(clinician).display_code.lower()
    response = patient_client.post(reverse("account_clinic_code"), {"code": code}, follow=True)
    html = response.content.decode()
    assert "Asked Dana Reyes to link your account" in html
    assert "Until they accept, nobody else sees your sessions" in html
    assert LinkRequest.objects.pending().get().patient == patient
    patient.refresh_from_db()
    assert patient.clinician is None


def test_a_wrong_code_is_refused_in_place(patient_client):
    response = patient_client.post(reverse("account_clinic_code"), {"code": "ZZZZ"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "No clinic has this code" in html
    assert 'value="ZZZZ"' in html
    assert not LinkRequest.objects.exists()


def test_a_patient_withdraws_and_sees_a_decline(patient_client, patient, clinician):
    services.request_link(patient=patient, clinician=clinician)
    response = patient_client.post(reverse("account_clinic_code_withdraw"), follow=True)
    assert "Your request was withdrawn" in response.content.decode()
    link_request = services.request_link(patient=patient, clinician=clinician)
    services.decide_link_request(link_request=link_request, accept=False)
    html = patient_client.get(reverse("account")).content.decode()
    assert "declined your request" in html


def test_a_linked_patient_sees_no_code_form(client, clinician):
    patient = PatientFactory(clinician=clinician)
    client.force_login(patient.user)
    html = client.get(reverse("account")).content.decode()
    assert "Link to a clinician" not in html
    response = client.post(
        reverse("account_clinic_code"), {"code": services.profile_for(clinician).clinic_code}
    )
    assert "already linked" in client.get(response["Location"]).content.decode()


def test_the_clinic_code_pages_are_for_patients(client, clinician):
    url = reverse("account_clinic_code")
    assert client.post(url, {"code": "X"})["Location"].startswith(reverse("login"))
    client.force_login(clinician)
    assert client.post(url, {"code": "X"}).status_code == 404
    assert client.post(reverse("account_clinic_code_withdraw")).status_code == 404


def signup_data(template, **extra):
    return {
        "username": "newpatient",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "cause": template.cause.pk,
        "affected_side": "right",
        "time_zone": "Europe/London",
        **extra,
    }


def test_signing_up_with_a_code_asks_that_clinician(client, clinician, template):
    code = services.profile_for(clinician).display_code
    response = client.post(reverse("signup"), signup_data(template, clinic_code=code))
    assert response["Location"] == reverse("today")
    patient = Patient.objects.get(user__username="newpatient")
    assert patient.clinician is None
    assert LinkRequest.objects.pending().get(patient=patient).clinician == clinician


def test_signing_up_with_a_wrong_code_keeps_the_form(client, template):
    response = client.post(reverse("signup"), signup_data(template, clinic_code="AAAA-AAAA"))
    assert response.status_code == 400
    assert "No clinic has this code" in response.content.decode()
    assert not Patient.objects.exists()
