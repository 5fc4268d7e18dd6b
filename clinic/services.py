"""One function per clinic action that writes: adding a patient, invitations, clinic codes and
link requests. Views stay thin; each function runs in one transaction."""

from __future__ import annotations

import logging
import smtplib

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from clinic import invitations
from clinic.codes import new_code
from clinic.models import INVITATION_LIFETIME, ClinicianProfile, Invitation, LinkRequest
from exercises.models import Cause
from sessions.models import Patient
from sessions.services import enroll_patient

logger = logging.getLogger(__name__)


class ClinicError(Exception):
    """A clinic action that cannot be done; the message says why, for the person."""


def profile_for(user) -> ClinicianProfile:
    """The clinician's profile, made on first use with a fresh clinic code."""
    profile = ClinicianProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    for _ in range(5):  # a code collision is vanishingly rare; try again if it happens
        try:
            with transaction.atomic():
                return ClinicianProfile.objects.create(user=user, clinic_code=new_code())
        except IntegrityError:
            profile = ClinicianProfile.objects.filter(user=user).first()
            if profile is not None:  # made at the same moment by another request
                return profile
    raise ClinicError("Could not make a clinic code; please try again.")


def regenerate_code(*, profile: ClinicianProfile) -> ClinicianProfile:
    """A new clinic code; the old one stops working at once. Pending requests stay."""
    for _ in range(5):
        try:
            with transaction.atomic():
                profile.clinic_code = new_code()
                profile.code_changed_at = timezone.now()
                profile.save(update_fields=["clinic_code", "code_changed_at"])
                return profile
        except IntegrityError:
            continue
    raise ClinicError("Could not make a new clinic code; please try again.")


def unique_username(first_name: str, last_name: str) -> str:
    """``jane-smith``, or ``jane-smith-2`` when taken, and so on (one query)."""
    User = get_user_model()
    base = slugify(f"{first_name} {last_name}")[:120] or "patient"
    taken = set(User.objects.filter(username__startswith=base).values_list("username", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def add_patient(
    *,
    clinician,
    first_name: str,
    last_name: str,
    email: str,
    cause: Cause,
    affected_side: str,
    time_zone: str,
    sessions_per_day: int,
) -> tuple[Patient, Invitation]:
    """A new patient of ``clinician``: an account with no usable password, their own copy of
    the cause's template routine at ``sessions_per_day``, and an open invitation."""
    User = get_user_model()
    with transaction.atomic():
        user = User(
            username=unique_username(first_name, last_name),
            first_name=first_name,
            last_name=last_name,
            email=email,
        )
        user.set_unusable_password()
        user.save()
        patient = enroll_patient(
            user=user,
            cause=cause,
            affected_side=affected_side,
            time_zone=time_zone,
            clinician=clinician,
        )
        routine = user.routine
        if routine.sessions_per_day != sessions_per_day:
            routine.sessions_per_day = sessions_per_day
            routine.save(update_fields=["sessions_per_day"])
        invitation = _new_invitation(patient=patient, by=clinician)
    return patient, invitation


def _new_invitation(*, patient: Patient, by) -> Invitation:
    now = timezone.now()
    Invitation.objects.filter(patient=patient).open().update(voided_at=now)
    return Invitation.objects.create(
        patient=patient,
        created_by=by,
        nonce=invitations.new_nonce(),
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )


def issue_invitation(*, patient: Patient, by) -> Invitation:
    """A new link for a patient who has not chosen a password yet; the old link stops working.

    Once the patient has a password, no clinician can send a link that would set another one.
    """
    with transaction.atomic():
        Patient.objects.select_for_update().filter(pk=patient.pk).first()
        patient.user.refresh_from_db(fields=["password"])
        if patient.user.has_usable_password():
            raise ClinicError(f"{patient} has already chosen a password, so no new link is needed.")
        return _new_invitation(patient=patient, by=by)


def accept_invitation(*, token: str, password: str):
    """The patient chooses their password: the link is used up, once, and only while open."""
    with transaction.atomic():
        opened = invitations.open_token(token, lock=True)
        if not opened.usable:
            raise ClinicError(opened.state)
        invitation = opened.invitation
        user = invitation.patient.user
        user.set_password(password)
        user.save(update_fields=["password"])
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
    return user


def email_invitation(*, invitation: Invitation, link: str) -> bool:
    """Email the link to the patient, if they have an address. False when it could not go."""
    user = invitation.patient.user
    if not user.email:
        return False
    context = {"invitation": invitation, "patient": invitation.patient, "link": link}
    try:
        send_mail(
            subject="Your exercise programme: choose your password",
            message=render_to_string("clinic/invitation_email.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    except (smtplib.SMTPException, OSError):
        logger.exception("The invitation email to patient %s could not be sent", user.pk)
        return False
    invitation.emailed_to = user.email
    invitation.save(update_fields=["emailed_to"])
    return True


def request_link(*, patient: Patient, clinician) -> LinkRequest:
    """A patient with no clinician asks ``clinician`` (found by clinic code) to take them on.

    A newer request replaces a pending one. Until it is accepted, no clinician sees them.
    """
    if patient.clinician_id is not None:
        raise ClinicError("Your account is already linked to a clinician.")
    with transaction.atomic():
        LinkRequest.objects.filter(patient=patient).pending().update(
            status=LinkRequest.Status.WITHDRAWN, decided_at=timezone.now()
        )
        return LinkRequest.objects.create(patient=patient, clinician=clinician)


def withdraw_link_request(*, patient: Patient) -> int:
    return (
        LinkRequest.objects.filter(patient=patient)
        .pending()
        .update(status=LinkRequest.Status.WITHDRAWN, decided_at=timezone.now())
    )


def decide_link_request(*, link_request: LinkRequest, accept: bool) -> LinkRequest:
    """The clinician accepts (the patient becomes theirs) or declines a pending request."""
    with transaction.atomic():
        locked = LinkRequest.objects.select_for_update().get(pk=link_request.pk)
        if locked.status != LinkRequest.Status.PENDING:
            raise ClinicError("This request was already answered or withdrawn.")
        patient = Patient.objects.select_for_update().get(pk=locked.patient_id)
        if accept and patient.clinician_id is not None:
            raise ClinicError("This patient is already linked to a clinician.")
        locked.status = LinkRequest.Status.ACCEPTED if accept else LinkRequest.Status.DECLINED
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at"])
        if accept:
            patient.clinician_id = locked.clinician_id
            patient.save(update_fields=["clinician"])
    return locked
