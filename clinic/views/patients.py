"""The clinician's pages, outside the admin: their own patients, and one patient's care.

Only staff in the "Clinicians" group reach them, and only for patients assigned to them: any
other patient's URL is a 404. Every routine change is recorded with who made it and when.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from clinic.forms import AddItemForm, RoutineItemForm, SetLogFilterForm
from clinic.queries import needs_attention, patients_by_urgency
from exercises import services as routine_services
from exercises.models import RoutineItem
from sciatica import csvsafe
from sessions.history import history_context
from sessions.models import Patient, SafetyCheck, SetLog
from sessions.progress import clear_pause

LOG_PAGE_SIZE = 50
MAX_LOG_PAGE = 10_000


def is_clinician(user) -> bool:
    return user.is_staff and user.groups.filter(name="Clinicians").exists()


def clinician_required(view: Callable) -> Callable:
    """Log in first; then anyone who is not a clinician gets a 404, as for a missing page."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_clinician(request.user):
            raise Http404("Only clinicians see this page.")
        return view(request, *args, **kwargs)

    return wrapper


def get_patient_for_clinician(request: HttpRequest, pk: int) -> Patient:
    return get_object_or_404(
        Patient.objects.select_related("user", "cause"), pk=pk, clinician=request.user
    )


def get_item_for_clinician(request: HttpRequest, pk: int, item_pk: int) -> RoutineItem:
    patient = get_patient_for_clinician(request, pk)
    return get_object_or_404(
        RoutineItem.objects.select_related("exercise__next_stage", "routine"),
        pk=item_pk,
        routine__patient=patient.user,
    )


@clinician_required
@require_GET
def patient_list(request: HttpRequest) -> HttpResponse:
    patients = list(patients_by_urgency(request.user))
    for patient in patients:
        patient.attention = needs_attention(patient)
    return render(request, "clinic/patient_list.html", {"patients": patients})


def _filtered_logs(patient: Patient, form: SetLogFilterForm):
    logs = (
        SetLog.objects.for_patient(patient)
        .select_related("exercise", "session")
        .order_by("-logged_at", "-id")
    )
    return form.filter(logs) if form.is_valid() else logs.none()


@clinician_required
@require_GET
def patient_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _patient_page(request, get_patient_for_clinician(request, pk))


def _patient_page(request: HttpRequest, patient: Patient, status: int = 200) -> HttpResponse:
    routine = patient.user.routine
    form = SetLogFilterForm(request.GET)
    logs = LogPage(_filtered_logs(patient, form), request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    items = routine.items.select_related("exercise__next_stage")
    context = {
        "patient": patient,
        "routine": routine,
        "items": [
            (item, RoutineItemForm(instance=item, prefix=f"item-{item.pk}")) for item in items
        ],
        "add_form": AddItemForm(),
        "filter_form": form,
        "logs": logs,
        "query": query.urlencode(),
        "changes": routine.changes.select_related("changed_by")[:20],
        "red_flags": patient.safety_checks.filter(red_flag=True).select_related("cleared_by")[:5],
        **history_context(patient, days=90, today=patient.local_date()),
    }
    if not form.is_valid():
        status = 400
    return render(request, "clinic/patient_detail.html", context, status=status)


class LogPage:
    """One page of the set log, newest first, without counting every row a patient ever
    logged: it fetches one row more than it shows to know whether an older page exists."""

    def __init__(self, logs, number: str | None):
        try:
            self.number = min(max(int(number or 1), 1), MAX_LOG_PAGE)
        except ValueError:
            self.number = 1
        offset = (self.number - 1) * LOG_PAGE_SIZE
        rows = list(logs[offset : offset + LOG_PAGE_SIZE + 1])
        self.rows = rows[:LOG_PAGE_SIZE]
        self.has_next = len(rows) > LOG_PAGE_SIZE
        self.has_previous = self.number > 1
        self.has_other_pages = self.has_next or self.has_previous

    def __iter__(self):
        return iter(self.rows)

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


class _Echo:
    def write(self, value: str) -> str:
        return value


@clinician_required
@require_GET
def export_logs(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The (filtered) set log as CSV, streamed so a long history never sits in memory."""
    patient = get_patient_for_clinician(request, pk)
    form = SetLogFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponse("The filters are not valid.", status=400, content_type="text/plain")
    logs = _filtered_logs(patient, form).order_by("logged_at", "id")
    columns = [
        "logged_at",
        "day",
        "exercise",
        "set_number",
        "side",
        "outcome",
        "target_seconds",
        "held_seconds",
        "target_reps",
        "reps_done",
        "effort",
        "pain",
        "pain_reach",
        "stop_reason",
    ]
    writer = csvsafe.writer(_Echo())

    def rows():
        yield writer.writerow(columns)
        for log in logs.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    log.logged_at.isoformat(),
                    log.session.local_date.isoformat(),
                    log.exercise.name,
                    log.set_number,
                    log.side,
                    log.outcome,
                    log.target_seconds,
                    log.held_seconds,
                    log.target_reps,
                    log.reps_done,
                    log.effort,
                    log.pain,
                    log.pain_reach,
                    log.stop_reason,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="set-log-{patient.user.username}.csv"'
    return response


@clinician_required
@require_POST
def item_update(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_item_for_clinician(request, pk, item_pk)
    form = RoutineItemForm(request.POST, instance=item, prefix=f"item-{item.pk}")
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, f"{item.exercise} was not changed: {errors}")
        return _back(request, pk, status=400)
    routine_services.update_item(item=form.instance, changed=form.changes(), by=request.user)
    messages.success(request, f"Saved {item.exercise}.")
    return _back(request, pk)


@clinician_required
@require_POST
def item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_item_for_clinician(request, pk, item_pk)
    routine_services.remove_item(item=item, by=request.user)
    messages.success(request, f"Removed {item.exercise}. Its logged sets are kept.")
    return _back(request, pk)


@clinician_required
@require_POST
def item_move(request: HttpRequest, pk: int, item_pk: int, direction: str) -> HttpResponse:
    if direction not in ("up", "down"):
        raise Http404("Items move up or down.")
    item = get_item_for_clinician(request, pk, item_pk)
    routine_services.move_item(item=item, by=request.user, up=direction == "up")
    return _back(request, pk)


@clinician_required
@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_clinician(request, pk)
    form = AddItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an exercise from the catalog to add.")
        return _back(request, pk, status=400)
    routine_services.add_item(
        routine=patient.user.routine, exercise=form.cleaned_data["exercise"], by=request.user
    )
    messages.success(request, f"Added {form.cleaned_data['exercise']}.")
    return _back(request, pk)


@clinician_required
@require_POST
def item_next_stage(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_item_for_clinician(request, pk, item_pk)
    try:
        routine_services.accept_next_stage(item=item, by=request.user)
    except routine_services.RoutineError as error:
        messages.error(request, str(error))
        return _back(request, pk, status=400)
    messages.success(request, f"Moved on to {item.exercise}.")
    return _back(request, pk)


@clinician_required
@require_POST
def item_clear_pause(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_item_for_clinician(request, pk, item_pk)
    if item.paused:
        patient = get_patient_for_clinician(request, pk)
        clear_pause(item=item, by=request.user, day=patient.local_date())
        messages.success(request, f"{item.exercise} is back in the patient's sessions.")
    return _back(request, pk)


@clinician_required
@require_POST
def safety_clear(request: HttpRequest, pk: int, check_pk: int) -> HttpResponse:
    patient = get_patient_for_clinician(request, pk)
    check = get_object_or_404(SafetyCheck.objects.blocking(), pk=check_pk, patient=patient)
    check.clear(by=request.user, clearance=SafetyCheck.Clearance.CLINICIAN)
    messages.success(request, "Red flag cleared: the patient can exercise again.")
    return _back(request, pk)


def _back(request: HttpRequest, pk: int, status: int = 302) -> HttpResponse:
    """Back to the patient's page; a refused change re-renders it with a 400 and the message."""
    if status == 302:
        return redirect("clinician_patient", pk)
    return _patient_page(request, get_patient_for_clinician(request, pk), status=status)
