"""Today: the routine, sessions planned and done in the patient's own day, and Start."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exercises import services as exercise_services
from exercises.models import RoutineItem
from sessions.forms import StartForm
from sessions.models import ProgressionDecision, WorkoutSession
from sessions.plan import routine_minutes
from sessions.services import SessionError, start_session
from sessions.views.access import get_patient


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    if request.user.is_staff and not hasattr(request.user, "patient"):
        return redirect("clinician_patients")
    patient = get_patient(request)
    routine = patient.user.routine
    day = patient.local_date()
    # A few rows a day: one look gives both the count done and the session to resume, the
    # newest open one (the one start_session goes on with).
    sessions_today = WorkoutSession.objects.for_patient(patient).on_day(day)
    sessions_today = list(sessions_today.order_by("-started_at"))
    done = sum(session.is_finished for session in sessions_today)
    in_progress = next((s for s in sessions_today if not s.is_finished), None)
    planned = routine.sessions_per_day
    items = (
        routine.items.select_related("exercise")
        .annotate(
            next_stage_name=F("exercise__next_stage__name"),
            latest_message=ProgressionDecision.objects.latest_message(),
        )
        .listed()
    )
    return render(
        request,
        "sessions/today.html",
        {
            "patient": patient,
            "routine": routine,
            "items": items,
            "session_minutes": routine_minutes(items, patient.affected_side),
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


@login_required
@require_POST
def accept_next_stage(request: HttpRequest, item_pk: int) -> HttpResponse:
    """The patient takes up the harder variant they were offered."""
    patient = get_patient(request)
    item = get_object_or_404(
        RoutineItem.objects.select_related("exercise__next_stage", "routine"),
        pk=item_pk,
        routine__patient=patient.user,
    )
    try:
        exercise_services.accept_next_stage(item=item, by=request.user)
    except exercise_services.RoutineError as error:
        messages.error(request, str(error))
        return redirect("today")
    messages.success(request, f"{item.exercise} is now in your routine. Go gently at first.")
    return redirect("today")
