"""The red-flag safety check, and the two ways a block lifts."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sessions.forms import DoctorClearedForm, SafetyCheckForm
from sessions.models import SafetyCheck
from sessions.services import record_safety_check
from sessions.views.access import get_patient


@login_required
@require_http_methods(["GET", "POST"])
def safety_check(request: HttpRequest) -> HttpResponse:
    patient = get_patient(request)
    status = patient.safety_status()
    if status.blocked:
        return redirect("safety_blocked")
    form = SafetyCheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        check = record_safety_check(patient=patient, answers=form.cleaned_data)
        return redirect("safety_blocked" if check.red_flag else "session_start")
    return render(
        request,
        "sessions/safety_check.html",
        {"form": form, "status": status},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def symptoms_changed(request: HttpRequest) -> HttpResponse:
    get_patient(request).report_symptoms_changed()
    return redirect("safety_check")


@login_required
@require_http_methods(["GET", "POST"])
def safety_blocked(request: HttpRequest) -> HttpResponse:
    """Urgent-care advice while a yes stands; the patient may confirm a doctor cleared them."""
    patient = get_patient(request)
    status = patient.safety_status()
    if not status.blocked:
        return redirect("today")
    form = DoctorClearedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        status.latest.clear(by=request.user, clearance=SafetyCheck.Clearance.DOCTOR)
        return redirect("today")
    return render(
        request,
        "sessions/safety_blocked.html",
        {"form": form, "check": status.latest, "patient": patient},
        status=400 if form.errors else 200,
    )
