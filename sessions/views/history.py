"""History: the last four weeks' calendar, and charts of doses, pain and reach over a window."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sessions.history import history_context
from sessions.views.access import get_patient

DEFAULT_DAYS = 90


class HistoryWindowForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Show the last",
        choices=[(30, "30 days"), (90, "90 days"), (365, "year")],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose 30 days, 90 days or a year.",
            "invalid_choice": "Choose 30 days, 90 days or a year (“%(value)s” is not one of them).",
        },
    )


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    patient = get_patient(request)
    form = HistoryWindowForm({"days": request.GET.get("days", DEFAULT_DAYS)})
    if not form.is_valid():
        return render(request, "sessions/history.html", {"form": form}, status=400)
    context = history_context(patient, days=form.cleaned_data["days"], today=patient.local_date())
    return render(request, "sessions/history.html", {"form": form, **context})
