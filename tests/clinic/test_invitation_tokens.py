"""Invitation tokens and the services around them: expiry, reuse, tampering, a new link
voiding the old, and adding a patient."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.utils import timezone

from clinic import invitations, services
from clinic.models import Invitation
from tests.clinic.onboarding_data import add_patient, herniated_disc_template
from tests.factories import ClinicianFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def template():
    return herniated_disc_template()


@pytest.fixture
def added(clinician, template):
    """(patient, invitation) for Jane Smith, just added by the clinician."""
    return add_patient(clinician, template.cause)


def test_adding_a_patient_makes_an_account_without_a_password_and_copies_the_template(
    clinician, template, added
):
    patient, invitation = added
    user = patient.user
    assert (user.username, user.first_name, user.last_name) == ("jane-smith", "Jane", "Smith")
    assert not user.has_usable_password()
    assert patient.clinician == clinician
    assert (patient.cause, patient.affected_side) == (template.cause, "right")
    assert patient.time_zone == "America/New_York"
    routine = user.routine
    assert routine.pk != template.pk
    assert routine.sessions_per_day == 3
    assert [i.exercise.name for i in routine.items.all()] == ["Press-up on elbows", "Walking"]
    assert invitation.state() == Invitation.State.OPEN
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)


def test_a_second_patient_with_the_same_name_gets_their_own_username(clinician, template, added):
    second, _ = add_patient(clinician, template.cause)
    third, _ = add_patient(clinician, template.cause)
    assert (second.user.username, third.user.username) == ("jane-smith-2", "jane-smith-3")


def test_a_fresh_token_opens_its_invitation(added):
    _, invitation = added
    opened = invitations.open_token(invitations.make_token(invitation))
    assert opened.usable
    assert opened.invitation == invitation


def test_the_link_is_the_same_each_time_it_is_shown(added):
    _, invitation = added
    assert invitations.make_token(invitation) == invitations.make_token(invitation)


def test_the_database_holds_no_usable_token(added):
    _, invitation = added
    token = invitations.make_token(invitation)
    row = Invitation.objects.filter(pk=invitation.pk).values().get()
    assert token not in {str(value) for value in row.values()}


def test_a_token_expires_after_seven_days(added):
    _, invitation = added
    token = invitations.make_token(invitation)
    just_before = invitation.expires_at - timedelta(seconds=1)
    assert invitations.open_token(token, now=just_before).usable
    assert invitations.open_token(token, now=invitation.expires_at).state == "expired"


def test_an_expired_token_cannot_set_a_password(added):
    patient, invitation = added
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(services.ClinicError, match="expired"):
        services.accept_invitation(
            token=invitations.make_token(invitation), password="a-long-good-pass"
        )
    patient.user.refresh_from_db()
    assert not patient.user.has_usable_password()


def test_a_token_works_once(added):
    _, invitation = added
    token = invitations.make_token(invitation)
    user = services.accept_invitation(token=token, password="a-long-good-pass")
    assert user.check_password("a-long-good-pass")
    with pytest.raises(services.ClinicError, match="used"):
        services.accept_invitation(token=token, password="another-long-pass")
    user.refresh_from_db()
    assert user.check_password("a-long-good-pass")
    assert invitations.open_token(token).state == "used"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # the signature
        lambda t: "9" + t,  # the invitation id
        lambda t: t.replace(".", ".x", 1),  # the nonce
        lambda t: t.split(":")[0],  # no signature at all
        lambda t: "not-a-token",
        lambda t: "",
    ],
)
def test_a_changed_token_is_tampered(added, tamper):
    _, invitation = added
    opened = invitations.open_token(tamper(invitations.make_token(invitation)))
    assert opened.state == invitations.TAMPERED
    assert opened.invitation is None


def test_a_token_signed_for_another_purpose_is_tampered(added):
    _, invitation = added
    forged = signing.Signer(salt="something.else").sign(f"{invitation.pk}.{invitation.nonce}")
    assert invitations.open_token(forged).state == invitations.TAMPERED


def test_a_well_signed_token_with_the_wrong_nonce_is_tampered(added):
    _, invitation = added
    forged = signing.Signer(salt=invitations.SALT).sign(f"{invitation.pk}.guessed")
    assert invitations.open_token(forged).state == invitations.TAMPERED


def test_a_new_link_voids_the_old_one(clinician, added):
    patient, old = added
    old_token = invitations.make_token(old)
    new = services.issue_invitation(patient=patient, by=clinician)
    assert invitations.open_token(old_token).state == "voided"
    assert invitations.open_token(invitations.make_token(new)).usable
    with pytest.raises(services.ClinicError, match="voided"):
        services.accept_invitation(token=old_token, password="a-long-good-pass")
    assert patient.invitations.open().get() == new


def test_no_new_link_once_the_patient_has_a_password(clinician, added):
    patient, invitation = added
    services.accept_invitation(
        token=invitations.make_token(invitation), password="a-long-good-pass"
    )
    with pytest.raises(services.ClinicError, match="already chosen a password"):
        services.issue_invitation(patient=patient, by=clinician)
    assert not patient.invitations.open().exists()


def test_the_link_is_emailed_when_the_patient_has_an_address(clinician, template):
    _, invitation = add_patient(clinician, template.cause, email="jane@example.org")
    assert services.email_invitation(invitation=invitation, link="https://x.test/invitation/t/")
    [message] = mail.outbox
    assert message.to == ["jane@example.org"]
    assert "https://x.test/invitation/t/" in message.body
    assert "jane-smith" in message.body
    invitation.refresh_from_db()
    assert invitation.emailed_to == "jane@example.org"


def test_no_email_without_an_address(added):
    _, invitation = added
    assert not services.email_invitation(invitation=invitation, link="https://x.test/i/")
    assert mail.outbox == []


def test_a_failing_mail_server_is_reported_not_raised(clinician, template):
    _, invitation = add_patient(clinician, template.cause, email="jane@example.org")
    with mock.patch("clinic.services.send_mail", side_effect=smtplib.SMTPException("down")):
        assert not services.email_invitation(invitation=invitation, link="https://x.test/i/")
    invitation.refresh_from_db()
    assert invitation.emailed_to == ""


def test_another_clinicians_patient_gets_their_own_invitation(template):
    first, _ = add_patient(ClinicianFactory(username="one"), template.cause)
    second, _ = add_patient(ClinicianFactory(username="two"), template.cause, first_name="Ann")
    assert first.invitations.count() == second.invitations.count() == 1
