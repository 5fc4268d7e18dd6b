"""Bringing patients in: adding one, their invitation (link, QR code, printable sheet, email),
the printable programme, the clinic code, and the link requests patients make with it.

The clinician's views share ``clinician_required`` and ``get_patient_for_clinician`` with the
patient pages, so a patient or a visitor gets the login page or a 404, and another clinician's
patient is a 404. The patient's side (opening an invitation, entering a clinic code) is below.
"""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic import invitations, services
from clinic.forms import AddPatientForm, ClinicCodeForm, ClinicianSettingsForm, LinkDecisionForm
from clinic.models import Invitation, LinkRequest
from clinic.views.patients import clinician_required, get_patient_for_clinician
from exercises.models import ExerciseStep
from sessions.audit import record_access
from sessions.models import Patient
from sessions.views.access import get_patient

# Statuses of an invitation page that cannot be used; each gets its own clear page.
CLOSED_STATUS = {
    invitations.TAMPERED: 400,
    Invitation.State.USED: 410,
    Invitation.State.VOIDED: 410,
    Invitation.State.EXPIRED: 410,
}


def invitation_link(request: HttpRequest, invitation: Invitation) -> str:
    return request.build_absolute_uri(
        reverse("invitation_accept", args=[invitations.make_token(invitation)])
    )


def qr_svg(link: str) -> str:
    """The link as an inline SVG QR code: black on white, whatever the page's colours."""
    svg = segno.make(link, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", omitsize=True, title="QR code of the link"
    )
    return mark_safe(svg)  # segno's own markup; the link is escaped by segno


def _open_invitation(patient: Patient) -> Invitation | None:
    invitation = patient.invitations.open().first()
    if invitation is None or invitation.state() != Invitation.State.OPEN:
        return None
    return invitation


def _invitation_context(request: HttpRequest, patient: Patient) -> dict[str, object]:
    latest = patient.invitations.select_related("created_by").first()
    context: dict[str, object] = {
        "patient": patient,
        "latest": latest,
        "state": latest.state() if latest else None,
        "has_password": patient.user.has_usable_password(),
        "profile": services.profile_for(request.user),
    }
    if latest is not None and context["state"] == Invitation.State.OPEN:
        link = invitation_link(request, latest)
        context.update(link=link, qr=qr_svg(link))
    return context


@clinician_required
@require_http_methods(["GET", "POST"])
def patient_add(request: HttpRequest) -> HttpResponse:
    profile = services.profile_for(request.user)
    form = AddPatientForm(
        request.POST if request.method == "POST" else None,
        initial={"time_zone": profile.time_zone},
    )
    if request.method == "POST" and form.is_valid():
        patient, invitation = services.add_patient(clinician=request.user, **form.cleaned_data)
        messages.success(
            request, f"Added {patient}. Hand them the link or the sheet below to get started."
        )
        _send(request, invitation)
        return redirect("clinician_invitation", patient.pk)
    return render(
        request, "clinic/patient_add.html", {"form": form}, status=400 if form.errors else 200
    )


def _send(request: HttpRequest, invitation: Invitation) -> None:
    """Email the link when the patient has an address, and say whether it went."""
    email = invitation.patient.user.email
    if not email:
        return
    if services.email_invitation(invitation=invitation, link=invitation_link(request, invitation)):
        messages.info(request, f"The link was emailed to {email}.")
    else:
        messages.warning(
            request, f"The email to {email} could not be sent. Hand over the link or the sheet."
        )


@clinician_required
@require_GET
def invitation(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_clinician(request, pk)
    return render(request, "clinic/invitation.html", _invitation_context(request, patient))


@clinician_required
@require_GET
def invitation_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable page for the patient: the QR code, the link, their username and the steps."""
    patient = get_patient_for_clinician(request, pk)
    context = _invitation_context(request, patient)
    status = 200 if "link" in context else 404
    return render(request, "clinic/invitation_sheet.html", context, status=status)


@clinician_required
@require_POST
def invitation_new(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_clinician(request, pk)
    try:
        invitation = services.issue_invitation(patient=patient, by=request.user)
    except services.ClinicError as error:
        messages.error(request, str(error))
        return render(
            request,
            "clinic/invitation.html",
            _invitation_context(request, patient),
            status=400,
        )
    _send(request, invitation)
    messages.success(request, "A new link is ready. Any earlier link no longer works.")
    return redirect("clinician_invitation", patient.pk)


@clinician_required
@require_GET
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    """The patient's routine on paper: doses, steps, cautions, sessions a day, and the QR code
    of their invitation while one is open."""
    patient = get_patient_for_clinician(request, pk)
    record_access(request, patient, "printable programme")
    routine = patient.user.routine
    items = routine.items.select_related("exercise").prefetch_related(
        Prefetch("exercise__steps", queryset=ExerciseStep.objects.order_by("order", "id"))
    )
    context = {
        "patient": patient,
        "routine": routine,
        "items": items,
        "clinician": request.user,
        "today": patient.local_date(),
    }
    if (open_invitation := _open_invitation(patient)) is not None:
        link = invitation_link(request, open_invitation)
        context.update(invitation=open_invitation, link=link, qr=qr_svg(link))
    return render(request, "clinic/programme.html", context)


@clinician_required
@require_http_methods(["GET", "POST"])
def clinic_settings(request: HttpRequest) -> HttpResponse:
    """The clinician's own settings: their time zone, and their clinic code."""
    profile = services.profile_for(request.user)
    form = ClinicianSettingsForm(
        request.POST if request.method == "POST" else None, instance=profile
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Your time zone is now {profile.time_zone}.")
        return redirect("clinician_settings")
    return render(
        request,
        "clinic/settings.html",
        {"form": form, "profile": profile},
        status=400 if form.errors else 200,
    )


@clinician_required
@require_POST
def code_regenerate(request: HttpRequest) -> HttpResponse:
    profile = services.regenerate_code(profile=services.profile_for(request.user))
    messages.success(
        request, f"Your new clinic code is {profile.display_code}. The old code no longer works."
    )
    return redirect("clinician_settings")


@clinician_required
@require_POST
def link_request_decide(request: HttpRequest, request_pk: int) -> HttpResponse:
    link_request = get_object_or_404(
        LinkRequest.objects.select_related("patient__user"),
        pk=request_pk,
        clinician=request.user,
    )
    form = LinkDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose accept or decline.")
        return redirect("clinician_patients")
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.decide_link_request(link_request=link_request, accept=accept)
    except services.ClinicError as error:
        messages.error(request, str(error))
        return redirect("clinician_patients")
    patient = link_request.patient
    if accept:
        messages.success(request, f"{patient} is now your patient.")
    else:
        messages.info(request, f"Declined {patient}'s request. They are told on their account.")
    return redirect("clinician_patients")


# The patient's side.


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The patient opens their link, chooses a password, and goes on to the safety check."""
    opened = invitations.open_token(token)
    if not opened.usable:
        return _closed(request, opened.state, opened.invitation)
    patient = opened.invitation.patient
    if request.user.is_authenticated:
        return render(
            request,
            "clinic/invitation_closed.html",
            {"state": "someone_else", "patient": patient},
            status=409,
        )
    form = SetPasswordForm(patient.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                token=token, password=form.cleaned_data["new_password1"]
            )
        except services.ClinicError as error:  # used or replaced a moment ago
            return _closed(request, str(error), opened.invitation)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            f"Welcome, {user.first_name}. Your password is set. "
            f"Next time, log in as {user.username}.",
        )
        return redirect("safety_check")
    return render(
        request,
        "clinic/invitation_accept.html",
        {"form": form, "patient": patient, "invitation": opened.invitation},
        status=400 if form.errors else 200,
    )


def _closed(request: HttpRequest, state: str, invitation: Invitation | None) -> HttpResponse:
    same_person = (
        invitation is not None
        and request.user.is_authenticated
        and request.user.pk == invitation.patient.user_id
    )
    return render(
        request,
        "clinic/invitation_closed.html",
        {"state": state, "invitation": invitation, "same_person": same_person},
        status=CLOSED_STATUS.get(state, 410),
    )


def link_context(patient: Patient) -> dict[str, object]:
    """The account page's clinic-code section: the form, and the latest request's answer."""
    return {
        "code_form": ClinicCodeForm(),
        "link_request": patient.link_requests.select_related("clinician").first(),
    }


@login_required
@require_POST
def account_clinic_code(request: HttpRequest) -> HttpResponse:
    patient = get_patient(request)
    form = ClinicCodeForm(request.POST)
    if form.is_valid():
        try:
            link_request = services.request_link(
                patient=patient, clinician=form.cleaned_data["code"]
            )
        except services.ClinicError as error:
            messages.error(request, str(error))
            return redirect("account")
        name = link_request.clinician.get_full_name() or link_request.clinician.username
        messages.success(request, f"Asked {name} to link your account. They will answer soon.")
        return redirect("account")
    # Imported here: the account page imports this module's link_context.
    from sessions.views.account_page import account_page

    return account_page(request, patient, status=400, code_form=form)


@login_required
@require_POST
def account_clinic_code_withdraw(request: HttpRequest) -> HttpResponse:
    patient = get_patient(request)
    if services.withdraw_link_request(patient=patient):
        messages.info(request, "Your request was withdrawn.")
    return redirect("account")
