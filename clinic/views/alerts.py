"""What happened: the clinician's alerts, acknowledging them, and one session in full."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from clinic import services
from clinic.forms import RoutineItemForm, TimelineForm
from clinic.models import Alert
from clinic.queries import routine_timeline
from clinic.views.patients import back_url, clinician_required, get_patient_for_clinician
from sessions.audit import record_access
from sessions.models import WorkoutSession

ALERT_PAGE_SIZE = 50
TIMELINE_PAGE_SIZE = 100


@clinician_required
@require_GET
def alert_list(request: HttpRequest) -> HttpResponse:
    """Every open alert, most urgent first, a page at a time; then the latest acknowledged."""
    services.raise_inactivity_alerts(clinician=request.user)
    alerts = Alert.objects.for_clinician(request.user)
    page = Paginator(alerts.open().most_urgent_first().for_display(), ALERT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    acknowledged = (
        alerts.filter(acknowledged_at__isnull=False).for_display().order_by("-acknowledged_at")
    )
    return render(
        request,
        "clinic/alert_list.html",
        {"page": page, "acknowledged": acknowledged[:20]},
    )


@clinician_required
@require_POST
def alert_acknowledge(request: HttpRequest, alert_pk: int) -> HttpResponse:
    alert = get_object_or_404(
        Alert.objects.for_clinician(request.user).select_related("patient__user"), pk=alert_pk
    )
    services.acknowledge_alert(alert=alert, by=request.user)
    messages.success(request, f"Acknowledged: {alert.get_kind_display()} for {alert.patient}.")
    return redirect(back_url(request.POST, alert.patient_id))


@clinician_required
@require_GET
def session_detail(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    """One session: pain before and after, every set with its pain and reach, what the rules
    decided for each exercise, its alerts, and the actions a clinician takes from here."""
    patient = get_patient_for_clinician(request, pk)
    record_access(request, patient, "session")
    session = get_object_or_404(WorkoutSession, pk=session_pk, patient=patient)
    logs = list(session.set_logs.select_related("exercise", "routine_item__exercise__next_stage"))
    decisions = list(
        session.decisions.select_related("routine_item__exercise__next_stage").order_by(
            "routine_item__order", "id"
        )
    )
    items = {d.routine_item_id: d.routine_item for d in decisions}
    items.update({log.routine_item_id: log.routine_item for log in logs if log.routine_item})
    actions = [
        (item, RoutineItemForm(instance=item, prefix=f"item-{item.pk}"))
        for item in sorted(items.values(), key=lambda item: (item.order, item.pk))
        if item.retired_at is None
    ]
    return render(
        request,
        "clinic/session_detail.html",
        {
            "patient": patient,
            "session": session,
            "logs": logs,
            "decisions": decisions,
            "alerts": session.alerts.most_urgent_first().for_display(),
            "actions": actions,
        },
    )


@clinician_required
@require_GET
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything that changed the patient's routine, newest first, a page at a time (the
    next page starts before the last entry shown)."""
    patient = get_patient_for_clinician(request, pk)
    record_access(request, patient, "routine timeline")
    form = TimelineForm(request.GET)
    before = form.cleaned_data["before"] if form.is_valid() else None
    entries = routine_timeline(patient, limit=TIMELINE_PAGE_SIZE + 1, before=before)
    return render(
        request,
        "clinic/timeline.html",
        {
            "patient": patient,
            "entries": entries[:TIMELINE_PAGE_SIZE],
            "older": entries[TIMELINE_PAGE_SIZE - 1].at
            if len(entries) > TIMELINE_PAGE_SIZE
            else None,
            "form_errors": form.errors,
        },
        status=400 if form.errors else 200,
    )
