"""Writes on the clinician's side, one function per action; views stay thin.

Bringing patients in: adding a patient, invitations, clinic codes and link requests, each in one
transaction.

Alerts: every alert is stored through ``raise_alert``. The patient's write paths call it where
the event is stored: a safety check with a yes (``sessions.services.record_safety_check``), and
a progression decision that flags, pauses or offers a next stage
(``sessions.progress.record_decision``). A quiet spell is found by ``raise_inactivity_alerts``,
run by the ``raise_inactivity_alerts`` command (from cron) and again whenever a clinician opens
their inbox. Unique constraints make each of them idempotent: one alert per safety check, per
decision, and per patient's quiet spell. Private notes are written here too.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from clinic import invitations, wording
from clinic.codes import new_code
from clinic.models import (
    INVITATION_LIFETIME,
    Alert,
    AlertKind,
    ClinicianNote,
    ClinicianProfile,
    Invitation,
    LinkRequest,
)
from exercises.models import Cause, RoutineItem
from sessions import progression
from sessions.models import Patient, ProgressionDecision, SafetyCheck, WorkoutSession

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
        # Imported here: sessions.services raises alerts through this module.
        from sessions.services import enroll_patient

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


INACTIVE_DAYS = 3  # full days with no session (today, not over yet, does not count)


def raise_alert(
    *,
    patient: Patient,
    kind: str,
    message: str,
    happened_at: datetime | None = None,
    session: WorkoutSession | None = None,
    item: RoutineItem | None = None,
    safety_check: SafetyCheck | None = None,
    decision: ProgressionDecision | None = None,
) -> Alert:
    """Store one alert for the patient's clinician; the same event twice gives the one row."""
    unique = (
        {"safety_check": safety_check}
        if safety_check
        else {"decision": decision}
        if decision
        else None
    )
    if unique and (existing := Alert.objects.filter(**unique).first()):
        return existing
    try:
        with transaction.atomic():
            return Alert.objects.create(
                patient=patient,
                kind=kind,
                message=message[:300],
                happened_at=happened_at or timezone.now(),
                session=session,
                routine_item=item,
                exercise_id=item.exercise_id if item else None,
                safety_check=safety_check,
                decision=decision,
            )
    except IntegrityError:  # the same event stored by a concurrent request
        if unique is None:
            raise
        return Alert.objects.get(**unique)


def alert_red_flag(check: SafetyCheck) -> Alert:
    symptoms = [name for name in SafetyCheck.QUESTIONS if getattr(check, name)]
    return raise_alert(
        patient=check.patient,
        kind=AlertKind.RED_FLAG,
        message=wording.red_flag(symptoms),
        happened_at=check.answered_at,
        safety_check=check,
    )


def alert_progression(
    *,
    session: WorkoutSession,
    outcomes: list[tuple[RoutineItem, ProgressionDecision, progression.SessionResult]],
) -> list[Alert]:
    """The alerts a finished session's decisions call for: one per item newly paused, one
    per next stage offered, and one warning for the session naming every exercise whose pain
    rose 2+ or spread (pain is felt in the session, not per exercise: one painful session is
    one alert, not one per exercise). A pause is its own alert, not also a warning."""
    alerts, warned = [], []
    for item, decision, result in outcomes:
        if decision.kind == ProgressionDecision.Kind.PAUSE and decision.rule != (
            progression.STILL_PAUSED
        ):
            alerts.append(
                raise_alert(
                    patient=session.patient,
                    kind=AlertKind.PAUSED,
                    message=wording.paused(exercise=item.exercise.name, signs=_signs([result])),
                    happened_at=decision.decided_at,
                    session=session,
                    item=item,
                    decision=decision,
                )
            )
        elif decision.flagged:
            warned.append((item, decision, result))
        elif decision.kind == ProgressionDecision.Kind.OFFER_NEXT_STAGE:
            next_stage = item.exercise.next_stage
            alerts.append(
                raise_alert(
                    patient=session.patient,
                    kind=AlertKind.NEXT_STAGE,
                    message=wording.next_stage(
                        exercise=item.exercise.name,
                        next_stage_name=next_stage.name if next_stage else "the next stage",
                        target=str(item.next_dose),
                    ),
                    happened_at=decision.decided_at,
                    session=session,
                    item=item,
                    decision=decision,
                )
            )
    if warned:
        first_item, first_decision, _ = warned[0]
        alerts.append(
            raise_alert(
                patient=session.patient,
                kind=AlertKind.WARNING,
                message=wording.warning(
                    signs=_signs([result for _, _, result in warned]),
                    changes=[
                        wording.ItemChange(
                            exercise=item.exercise.name,
                            from_target=decision.from_target,
                            to_target=decision.to_target,
                            unit=item.progression_unit,
                            still_paused=decision.rule == progression.STILL_PAUSED,
                        )
                        for item, decision, _ in warned
                    ],
                ),
                happened_at=first_decision.decided_at,
                session=session,
                item=first_item if len(warned) == 1 else None,
                decision=first_decision,
            )
        )
    return alerts


def _signs(results: list[progression.SessionResult]) -> str:
    """The worst pain and the furthest reach any of the results ended at, in words."""
    first = results[0]
    pains = [r.pain_now for r in results if r.pain_now is not None]
    reaches = [r.reach_now for r in results if r.reach_now is not None]
    return wording.warning_signs(
        pain_before=first.pain_before,
        pain_now=max(pains) if pains else None,
        reach_before=first.reach_before,
        reach_now=max(reaches) if reaches else None,
    )


def raise_inactivity_alerts(*, clinician=None, now: datetime | None = None) -> int:
    """An alert for each patient (of ``clinician``, or everyone) whose routine plans sessions
    but who has done none for ``INACTIVE_DAYS`` full days of their own. Returns how many are
    new. One query to find them and at most one insert, whatever the number of patients; a
    quiet spell already alerted is skipped by the unique constraint, so it is never doubled.
    The spell is named by the patient's last day with a session (or the day they joined)."""
    now = now or timezone.now()
    patients = Patient.objects.select_related("user", "user__routine").annotate(
        last_day=Max("sessions__local_date"),
        plans_sessions=Exists(
            RoutineItem.objects.filter(routine__patient=OuterRef("user"), paused=False)
        ),
    )
    if clinician is not None:
        patients = patients.filter(clinician=clinician)
    alerts = []
    for patient in patients.filter(plans_sessions=True):
        today = patient.local_date(now)
        joined = patient.local_date(patient.user.date_joined)
        since = patient.last_day or joined
        quiet_days = (today - since).days - (1 if patient.last_day else 0)
        if quiet_days < INACTIVE_DAYS:
            continue
        alerts.append(
            Alert(
                patient=patient,
                kind=AlertKind.INACTIVE,
                happened_at=now,
                inactive_since=since,
                message=wording.inactive(
                    last_day=patient.last_day,
                    joined=joined,
                    days=quiet_days,
                    sessions_per_day=patient.user.routine.sessions_per_day,
                ),
            )
        )
    if not alerts:
        return 0
    known = set(
        Alert.objects.filter(
            kind=AlertKind.INACTIVE, patient__in=[alert.patient for alert in alerts]
        ).values_list("patient_id", "inactive_since")
    )
    new = [alert for alert in alerts if (alert.patient.pk, alert.inactive_since) not in known]
    Alert.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def acknowledge_alert(*, alert: Alert, by) -> Alert:
    """The clinician has seen it: record who and when. Acknowledging twice keeps the first."""
    if alert.acknowledged_at is None:
        alert.acknowledged_at = timezone.now()
        alert.acknowledged_by = by
        alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return alert


def write_note(*, patient: Patient, author, text: str) -> ClinicianNote:
    return ClinicianNote.objects.create(patient=patient, author=author, text=text)


def acknowledge_resolved(*, by, kind: str, item: RoutineItem | None = None, safety_check=None):
    """A clinician who acts on an alert (clears the pause, accepts the stage, clears the red
    flag) has dealt with it: its open alerts of that kind are acknowledged by them, now."""
    alerts = Alert.objects.open().filter(kind=kind)
    alerts = (
        alerts.filter(safety_check=safety_check)
        if safety_check
        else alerts.filter(routine_item=item)
    )
    return alerts.update(acknowledged_at=timezone.now(), acknowledged_by=by)
