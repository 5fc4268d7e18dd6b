"""The patient's account page, built in one place from each section's own context.

The page is drawn by the ``account`` view, and again (with a 400) by any section's action whose
form was refused: each passes its bound forms as keyword arguments, and every other section
still renders in full. The sections' views import this module inside their refusal paths,
because this module imports their context builders.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clinic.views.onboarding import link_context
from sessions.models import Patient
from sessions.views.data_rights import data_rights_context
from sessions.views.reminders import reminder_context


def account_page(
    request: HttpRequest, patient: Patient, *, status: int = 200, **forms
) -> HttpResponse:
    context = {
        "patient": patient,
        **link_context(patient),
        **data_rights_context(request, patient, **forms),
        **reminder_context(request, patient, **forms),
    }
    if "code_form" in forms:
        context["code_form"] = forms["code_form"]
    return render(request, "sessions/account.html", context, status=status)
