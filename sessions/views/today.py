"""Today: the routine, sessions planned and done in the patient's own day, and Start."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sessions.forms import StartForm
from sessions.models import WorkoutSession
from sessions.services import SessionError, start_session
from sessions.views.access import get_patient


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    patient = get_patient(request)
    routine = patient.user.routine
    day = patient.local_date()
    sessions_today = WorkoutSession.objects.for_patient(patient).on_day(day)
    done = sessions_today.finished().count()
    in_progress = sessions_today.filter(status=WorkoutSession.Status.IN_PROGRESS).first()
    planned = routine.sessions_per_day
    return render(
        request,
        "sessions/today.html",
        {
            "patient": patient,
            "routine": routine,
            "items": routine.items.select_related("exercise"),
            "planned": planned,
            "done": done,
            "dots": [n < done for n in range(max(planned, done))],
            "in_progress": in_progress,
            "safety": patient.safety_status(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_start(request: HttpRequest) -> HttpResponse:
    """Pain now and where it reaches, then the player. A flare-up gets advice first."""
    patient = get_patient(request)
    safety = patient.safety_status()
    if safety.blocked:
        return redirect("safety_blocked")
    if not safety.ok:
        return redirect("safety_check")
    form = StartForm(request.POST if request.method == "POST" else None)
    flare_up = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        flare_up = data["flare_up"] and not data["start_anyway"]
        if not flare_up:
            try:
                session = start_session(patient=patient, pain=data["pain"], reach=data["reach"])
            except SessionError:
                return redirect("safety_check")
            return redirect("session_play", session.pk)
    return render(
        request,
        "sessions/start.html",
        {"form": form, "flare_up": flare_up},
        status=400 if form.errors else 200,
    )
