"""History: the last four weeks' calendar, and charts of doses, pain and reach over a window."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sessions.history import DEFAULT_DAYS, HistoryWindowForm, history_context
from sessions.views.access import get_patient


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    """A bad ``days`` gets a 400 with the message at the form, and the default window below."""
    patient = get_patient(request)
    form = HistoryWindowForm({"days": request.GET.get("days", DEFAULT_DAYS)})
    days = form.cleaned_data["days"] if form.is_valid() else DEFAULT_DAYS
    context = history_context(patient, days=days, today=patient.local_date())
    return render(
        request,
        "sessions/history.html",
        {"window_form": form, **context},
        status=400 if form.errors else 200,
    )
