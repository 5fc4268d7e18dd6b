"""Sign-up and the patient's account page. Log in and log out are Django's own views."""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sessions.forms import SignupForm
from sessions.services import enroll_patient
from sessions.views.access import get_patient
from sessions.views.reminders import reminder_context


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if not settings.SIGNUP_OPEN:
        raise Http404("Sign-up is closed. Ask your clinician for an account.")
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            enroll_patient(
                user=user,
                cause=form.cleaned_data["cause"],
                affected_side=form.cleaned_data["affected_side"],
                time_zone=form.cleaned_data["time_zone"] or None,
            )
        login(request, user)
        return redirect("today")
    status = 400 if form.errors else 200
    return render(request, "registration/signup.html", {"form": form}, status=status)


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    """The patient's own account page: who they are, and who their clinician is.

    Later sections (the clinic code, reminders, who looked at their data, export and delete)
    are added to the same page, each as its own block in the template.
    """
    patient = get_patient(request)
    context = {"patient": patient, **reminder_context(request, patient)}
    return render(request, "sessions/account.html", context)
