"""Reminders on the account page: times, pause, the calendar feed and this device's push.

Each POST is one action. Bad input re-renders the account page with the message in place and
a 400; nothing already saved changes.
"""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from sessions import reminder_services as services
from sessions.feed import build_feed
from sessions.forms import (
    PauseRemindersForm,
    PushEndpointForm,
    PushSubscriptionForm,
    ReminderForm,
)
from sessions.models import CalendarFeed, Patient, PushSubscription
from sessions.views.access import get_patient


def reminder_context(request: HttpRequest, patient: Patient, **forms) -> dict:
    """What the account page's reminder section needs (its forms may come bound, with errors)."""
    saved = services.settings_for(patient)
    feed = CalendarFeed.objects.filter(patient=patient).first()
    context = {
        "reminder_form": forms.get("reminder_form")
        or ReminderForm(
            initial={
                "quiet_start": saved.quiet_start,
                "quiet_end": saved.quiet_end,
                "time_zone": patient.time_zone,
            }
        ),
        "pause_form": forms.get("pause_form") or PauseRemindersForm(),
        "reminder_times": _time_inputs(forms.get("reminder_form"), saved.times),
        "reminder_settings": saved,
        "paused": saved.paused_until is not None and saved.paused_until > timezone.now(),
        "sessions_planned": services.sessions_planned(patient),
        "push_devices": PushSubscription.objects.filter(patient=patient),
        "vapid_public_key": settings.VAPID_PUBLIC_KEY,
        "feed": feed,
    }
    if feed:
        https = request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
        webcal = "webcal://" + https.split("://", 1)[1]
        context["feed_urls"] = {
            "https": https,
            "webcal": webcal,
            "google": "https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe=""),
            "download": https + "?download=1",
        }
    return context


def _time_inputs(form: ReminderForm | None, saved: list[str]) -> list[str]:
    """Eight time inputs: the posted (or saved) times first, then empty ones."""
    values = form.data.getlist("times") if form is not None else list(saved)
    values = [value for value in values if value.strip()][:8]
    return values + [""] * (8 - len(values))


def _account_with_errors(request: HttpRequest, patient: Patient, **forms) -> HttpResponse:
    from sessions.views.account_page import account_page

    return account_page(request, patient, status=400, **forms)


@login_required
@require_POST
def save_reminders(request: HttpRequest) -> HttpResponse:
    patient = get_patient(request)
    form = ReminderForm(request.POST)
    if not form.is_valid():
        return _account_with_errors(request, patient, reminder_form=form)
    services.save_reminder_settings(patient=patient, **form.cleaned_data)
    messages.success(request, "Reminder times saved.")
    return redirect(reverse("account") + "#reminders")


@login_required
@require_POST
def pause_reminders(request: HttpRequest) -> HttpResponse:
    patient = get_patient(request)
    form = PauseRemindersForm(request.POST)
    if not form.is_valid():
        return _account_with_errors(request, patient, pause_form=form)
    saved = services.pause_reminders(patient=patient, days=form.cleaned_data["days"])
    until = timezone.localtime(saved.paused_until, patient.tz)
    messages.success(request, f"Reminders paused until {until:%A %-d %B, %H:%M}.")
    return redirect(reverse("account") + "#reminders")


@login_required
@require_POST
def resume_reminders(request: HttpRequest) -> HttpResponse:
    services.resume_reminders(patient=get_patient(request))
    messages.success(request, "Reminders are back on.")
    return redirect(reverse("account") + "#reminders")


@login_required
@require_POST
def new_calendar_link(request: HttpRequest) -> HttpResponse:
    patient = get_patient(request)
    had_one = CalendarFeed.objects.filter(patient=patient).exists()
    services.new_feed_token(patient=patient)
    if had_one:
        messages.success(request, "New calendar link made. The old link no longer works.")
    return redirect(reverse("account") + "#calendar")


@login_required
@require_POST
def push_subscribe(request: HttpRequest) -> HttpResponse:
    patient = get_patient(request)
    form = PushSubscriptionForm(request.POST)
    if not form.is_valid():
        return HttpResponse("That subscription is not valid.", status=400)
    services.save_subscription(patient=patient, **form.cleaned_data)
    return _devices(request, patient, status=201)


@login_required
@require_POST
def push_unsubscribe(request: HttpRequest) -> HttpResponse:
    patient = get_patient(request)
    form = PushEndpointForm(request.POST)
    if not form.is_valid():
        return HttpResponse("That subscription is not valid.", status=400)
    services.delete_subscription(patient=patient, endpoint=form.cleaned_data["endpoint"])
    if request.htmx:
        return _devices(request, patient)
    messages.success(request, "Notifications are off on that device.")
    return redirect(reverse("account") + "#notifications")


def _devices(request: HttpRequest, patient: Patient, status: int = 200) -> HttpResponse:
    html = render_to_string(
        "sessions/account.html#push-devices",
        {"push_devices": PushSubscription.objects.filter(patient=patient)},
        request=request,
    )
    return HttpResponse(html, status=status)


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret feed. A wrong or replaced token is a 404. No login: calendars cannot log in."""
    feed = (
        CalendarFeed.objects.select_related("patient__user__routine", "patient__reminder_settings")
        .filter(token=token)
        .first()
    )
    if feed is None:
        raise Http404("No such calendar.")
    patient = feed.patient
    now = timezone.now()
    body = build_feed(
        plan=services.plan_for(patient),
        planned=services.sessions_planned(patient),
        start=patient.local_date(now),
        today_url=request.build_absolute_uri(reverse("today")),
        uid_base=f"exercise-session-{feed.pk}@{request.get_host()}",
        now=now,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # Private (the URL is a secret), and short: calendars poll, and a new link must bite soon.
    response["Cache-Control"] = "private, max-age=300"
    if request.GET.get("download"):
        response["Content-Disposition"] = 'attachment; filename="exercise-sessions.ics"'
    return response
