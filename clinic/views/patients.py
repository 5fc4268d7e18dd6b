"""The clinician's pages, outside the admin: their own patients, and one patient's care.

Only staff in the "Clinicians" group reach them, and only for patients assigned to them: any
other patient's URL is a 404. Every routine change is recorded with who made it and when.
"""

import io
from collections.abc import Callable, Iterator
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic.forms import AddItemForm, BackForm, NoteForm, RoutineItemForm, SetLogFilterForm
from clinic.models import AlertKind
from clinic.queries import (
    alert_inbox,
    needs_attention,
    onboarding_front,
    patients_by_urgency,
    routine_timeline,
)
from clinic.services import acknowledge_resolved, raise_inactivity_alerts
from clinic.zones import clinician_zone
from exercises import services as routine_services
from exercises.models import RoutineItem
from sciatica import csvsafe
from sessions.audit import record_access
from sessions.charts import long_day
from sessions.history import history_context
from sessions.models import DeletedAccount, Patient, SafetyCheck, SetLog
from sessions.progress import clear_pause

LOG_PAGE_SIZE = 50
MAX_LOG_PAGE = 10_000
TIMELINE_ON_PAGE = 20
NOTES_ON_PAGE = 20
ALERTS_ON_PAGE = 10


def is_clinician(user) -> bool:
    return user.is_staff and user.groups.filter(name="Clinicians").exists()


def clinician_required(view: Callable) -> Callable:
    """Log in first; then anyone who is not a clinician gets a 404, as for a missing page."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_clinician(request.user):
            raise Http404("Only clinicians see this page.")
        with timezone.override(clinician_zone(request.user)):
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
    """The inbox of open alerts, most urgent first, above the patients, most urgent first."""
    raise_inactivity_alerts(clinician=request.user)  # idempotent; cron runs it too
    inbox = alert_inbox(request.user)
    patients = list(patients_by_urgency(request.user))
    for patient in patients:
        patient.attention = needs_attention(patient)
    deleted = DeletedAccount.objects.filter(clinician=request.user)[:20]
    context = {
        "patients": patients,
        "deleted_accounts": deleted,
        **inbox,
        **onboarding_front(request.user),
    }
    return render(request, "clinic/patient_list.html", context)


def _filtered_logs(patient: Patient, form: SetLogFilterForm):
    """The patient's set log, newest session first and, within a session, newest set first.

    Sorting by the session first lets the database walk the sessions' (patient, started_at)
    index and stop after one page, instead of sorting the patient's whole log; a set sent late
    from the offline queue stays with its session.
    """
    logs = (
        SetLog.objects.for_patient(patient)
        .select_related("exercise", "session")
        .order_by("-session__started_at", "-session_id", "-logged_at", "-id")
    )
    return form.filter(logs) if form.is_valid() else logs.none()


@clinician_required
@require_GET
def patient_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return patient_page(request, get_patient_for_clinician(request, pk))


def patient_page(
    request: HttpRequest,
    patient: Patient,
    status: int = 200,
    *,
    bound: RoutineItemForm | None = None,
    note_form: NoteForm | None = None,
) -> HttpResponse:
    """The patient's page; ``bound`` is an item form refused with a 400, shown open with what
    was typed and each message beside its field (``note_form`` likewise)."""
    record_access(request, patient, "set log" if request.GET else "patient page")
    routine = patient.user.routine
    # Its own ids: the add-an-exercise form beside it has an "exercise" field too.
    form = SetLogFilterForm(
        request.GET if request.method == "GET" else None, auto_id="log-filter-%s"
    )
    logs = LogPage(_filtered_logs(patient, form), request.GET.get("page"), patient_pk=patient.pk)
    query = request.GET.copy()
    query.pop("page", None)
    items = routine.items.select_related("exercise__next_stage").listed()
    context = {
        "patient": patient,
        "routine": routine,
        "items": [
            (
                item,
                bound
                if bound is not None and bound.instance.pk == item.pk
                else RoutineItemForm(instance=item, prefix=f"item-{item.pk}"),
            )
            for item in items
        ],
        "add_form": AddItemForm(),
        "filter_form": form,
        "logs": logs,
        "query": query.urlencode(),
        "timeline": routine_timeline(patient, limit=TIMELINE_ON_PAGE),
        "notes": patient.clinician_notes.select_related("author")[:NOTES_ON_PAGE],
        "note_form": note_form or NoteForm(),
        "open_alerts": patient.alerts.open().most_urgent_first().for_display()[:ALERTS_ON_PAGE],
        "red_flags": patient.safety_checks.filter(red_flag=True).select_related("cleared_by")[:5],
        **history_context(patient, days=90, today=patient.local_date(), about_patient=True),
    }
    if request.method == "GET" and not form.is_valid():
        status = 400
    return render(request, "clinic/patient_detail.html", context, status=status)


class LogPage:
    """One page of the set log, newest first, without counting every row a patient ever
    logged: it fetches one row more than it shows to know whether an older page exists."""

    def __init__(self, logs, number: str | None, *, patient_pk: int):
        self.patient_pk = patient_pk
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
    def table_rows(self) -> SafeString:
        """The page's ``<tr>`` rows. Written here rather than in a template loop, which cost
        270 µs a row (half the page's rendering): a URL, a date and four choice labels each.
        Every text from the database is escaped; the rest are numbers and fixed labels."""
        if not self.rows:
            return mark_safe('<tr><td colspan="9" class="muted">No sets match.</td></tr>')
        link = reverse("clinician_session", args=[self.patient_pk, 0]).removesuffix("0/")
        return mark_safe("\n".join(_log_row(log, link) for log in self.rows))

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def _log_row(log: SetLog, session_link: str) -> str:
    def of(done: int | None, target: int | None, unit: str = "") -> str:
        if target is None:
            return ""
        return f"{'–' if done is None else done} / {target}{unit}"

    outcome = log.get_outcome_display()
    if log.stop_reason:
        outcome += f": {log.get_stop_reason_display()}"
    cells = [
        f'<a href="{session_link}{log.session_id}/">{long_day(log.session.local_date)}</a>',
        escape(log.exercise.name),
        f"{log.set_number} {log.side}" if log.side else str(log.set_number),
        escape(outcome),
        of(log.held_seconds, log.target_seconds, " s"),
        of(log.reps_done, log.target_reps),
        escape(log.get_effort_display()),
        "" if log.pain is None else str(log.pain),
        escape(log.get_pain_reach_display() or ""),
    ]
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


# The CSV's header, and the set-log fields (``values_list`` names) that fill each column.
CSV_COLUMNS = [
    ("logged_at", "logged_at"),
    ("day", "session__local_date"),
    ("exercise", "exercise__name"),
    ("set_number", "set_number"),
    ("side", "side"),
    ("outcome", "outcome"),
    ("target_seconds", "target_seconds"),
    ("held_seconds", "held_seconds"),
    ("target_reps", "target_reps"),
    ("reps_done", "reps_done"),
    ("effort", "effort"),
    ("pain", "pain"),
    ("pain_reach", "pain_reach"),
    ("stop_reason", "stop_reason"),
]
CSV_CHUNK_ROWS = 2000


@clinician_required
@require_GET
def export_logs(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The (filtered) set log as CSV, streamed so a long history never sits in memory.

    The rows come as plain tuples (``values_list``) in chunks, never as model objects, and go
    out as one piece of text per chunk; every cell passes the CSV neutraliser.
    """
    patient = get_patient_for_clinician(request, pk)
    form = SetLogFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponse("The filters are not valid.", status=400, content_type="text/plain")
    logs = _filtered_logs(patient, form).order_by("logged_at", "id")
    rows = logs.values_list(*(field for _, field in CSV_COLUMNS)).iterator(
        chunk_size=CSV_CHUNK_ROWS
    )
    record_access(request, patient, "set log CSV export")
    response = StreamingHttpResponse(_csv_chunks(rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="set-log-{patient.user.username}.csv"'
    return response


def _csv_chunks(rows) -> Iterator[str]:
    """The header, then the rows, ``CSV_CHUNK_ROWS`` at a time as one string each."""
    buffer = io.StringIO()
    writer = csvsafe.writer(buffer)
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for number, (logged_at, day, *rest) in enumerate(rows, start=1):
        writer.writerow([logged_at.isoformat(), day.isoformat(), *rest])
        if number % CSV_CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@clinician_required
@require_POST
def item_update(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_item_for_clinician(request, pk, item_pk)
    form = RoutineItemForm(request.POST, instance=item, prefix=f"item-{item.pk}")
    if not form.is_valid():
        messages.error(request, f"{item.exercise} was not changed: see the message in its form.")
        patient = get_patient_for_clinician(request, pk)
        return patient_page(request, patient, status=400, bound=form)
    routine_services.update_item(item=form.instance, changed=form.changes(), by=request.user)
    messages.success(request, f"Saved {item.exercise}: next time {form.instance.next_dose}.")
    return _back(request, pk)


@clinician_required
@require_http_methods(["GET", "POST"])
def item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """GET asks to confirm; POST retires the item (its sets and decisions are kept)."""
    item = get_item_for_clinician(request, pk, item_pk)
    if request.method == "GET":
        return _confirm(request, pk, item, "remove")
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
@require_http_methods(["GET", "POST"])
def item_next_stage(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """GET asks to confirm; POST swaps the exercise for its next stage."""
    item = get_item_for_clinician(request, pk, item_pk)
    if request.method == "GET":
        if item.exercise.next_stage is None:
            raise Http404("This exercise has no next stage.")
        return _confirm(request, pk, item, "next_stage")
    try:
        routine_services.accept_next_stage(item=item, by=request.user)
        acknowledge_resolved(by=request.user, kind=AlertKind.NEXT_STAGE, item=item)
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
        acknowledge_resolved(by=request.user, kind=AlertKind.PAUSED, item=item)
        messages.success(request, f"{item.exercise} is back in the patient's sessions.")
    return _back(request, pk)


@clinician_required
@require_POST
def safety_clear(request: HttpRequest, pk: int, check_pk: int) -> HttpResponse:
    patient = get_patient_for_clinician(request, pk)
    check = get_object_or_404(SafetyCheck.objects.blocking(), pk=check_pk, patient=patient)
    check.clear(by=request.user, clearance=SafetyCheck.Clearance.CLINICIAN)
    acknowledge_resolved(by=request.user, kind=AlertKind.RED_FLAG, safety_check=check)
    messages.success(request, "Red flag cleared: the patient can exercise again.")
    return _back(request, pk)


def _confirm(request: HttpRequest, pk: int, item: RoutineItem, action: str) -> HttpResponse:
    """The page that asks before a change that is hard to take back."""
    back = BackForm(request.GET)
    return render(
        request,
        "clinic/confirm.html",
        {
            "patient": get_patient_for_clinician(request, pk),
            "item": item,
            "action": action,
            "back": back.cleaned_data if back.is_valid() else {},
            "logged_sets": item.set_logs.count() if action == "remove" else None,
            "cancel_url": back_url(request.GET, pk),
        },
    )


def back_url(data, pk: int) -> str:
    """Where the form's ``to`` (and ``session``) say to return; the patient's page otherwise.
    A session is only ever one of this patient's (the session page checks it again)."""
    form = BackForm(data)
    to = form.cleaned_data["to"] if form.is_valid() else ""
    if to == "inbox":
        return reverse("clinician_patients")
    if to == "alerts":
        return reverse("clinician_alerts")
    if to == "session" and form.cleaned_data.get("session"):
        return reverse("clinician_session", args=[pk, form.cleaned_data["session"]])
    return reverse("clinician_patient", args=[pk])


def _back(request: HttpRequest, pk: int, status: int = 302) -> HttpResponse:
    """Back where the action came from; a refused change re-renders the patient's page with a
    400 and the message."""
    if status == 302:
        return redirect(back_url(request.POST, pk))
    return patient_page(request, get_patient_for_clinician(request, pk), status=status)
