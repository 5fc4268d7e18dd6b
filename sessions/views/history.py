"""History: the last four weeks' calendar, and charts of doses, pain and reach over a window."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sessions.history import DEFAULT_DAYS, HistoryWindowForm, fitted_days, history_context
from sessions.views.access import get_patient


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    """Without ``days`` the window fits the data; a bad ``days`` gets a 400 with the message
    at the form, and the last 90 days below."""
    patient = get_patient(request)
    today = patient.local_date()
    if "days" in request.GET:
        form = HistoryWindowForm(request.GET)
        days = form.cleaned_data["days"] if form.is_valid() else DEFAULT_DAYS
    else:
        form = HistoryWindowForm()
        days = fitted_days(patient, today=today)
    context = history_context(patient, days=days, today=today)
    return render(
        request,
        "sessions/history.html",
        {"window_form": form, "fitted": not form.is_bound, **context},
        status=400 if form.errors else 200,
    )
