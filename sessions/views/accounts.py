"""Sign-up and the patient's account page. Log in and log out are Django's own views."""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from clinic.services import request_link
from sciatica.throttle import over_limit
from sessions.forms import SignupForm
from sessions.services import enroll_patient
from sessions.views.access import get_patient
from sessions.views.account_page import account_page


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if not settings.SIGNUP_OPEN:
        raise Http404("Sign-up is closed. Ask your clinician for an account.")
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and over_limit(
        request, "signup", settings.SIGNUP_ATTEMPTS_PER_HOUR
    ):
        context = {"form": form, "throttled": True}
        return render(request, "registration/signup.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            patient = enroll_patient(
                user=user,
                cause=form.cleaned_data["cause"],
                affected_side=form.cleaned_data["affected_side"],
                time_zone=form.cleaned_data["time_zone"] or None,
            )
            if clinician := form.cleaned_data.get("clinic_code"):
                request_link(patient=patient, clinician=clinician)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
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
    return account_page(request, patient)


def locked_out(request: HttpRequest, credentials: dict | None = None, *args, **kwargs):
    """What django-axes answers (429) to a login, the site's or the admin's, while locked out."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
