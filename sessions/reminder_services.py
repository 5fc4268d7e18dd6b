"""Reminders that touch the database: settings, devices, the feed token, and sending what is due.

The rules of *when* live in sessions/reminders.py (pure); this module reads the rows they need
in a fixed number of queries, claims each due reminder, and hands it to sessions/push.py.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils import timezone

from sessions import reminders
from sessions.models import (
    CalendarFeed,
    Patient,
    PushSubscription,
    ReminderSettings,
    SentReminder,
    WorkoutSession,
)
from sessions.push import Outcome, push_configured, send_push

log = logging.getLogger(__name__)


def sessions_planned(patient: Patient) -> int:
    routine = getattr(patient.user, "routine", None)
    return routine.sessions_per_day if routine else 1


def settings_for(patient: Patient) -> ReminderSettings:
    """The patient's saved settings, or (unsaved) defaults from their routine's sessions a day."""
    try:
        return patient.reminder_settings
    except ReminderSettings.DoesNotExist:
        times = reminders.default_times(sessions_planned(patient))
        return ReminderSettings(patient=patient, times=[f"{t:%H:%M}" for t in times])


def plan_for(patient: Patient, saved: ReminderSettings | None = None) -> reminders.Plan:
    saved = saved or settings_for(patient)
    return reminders.Plan(
        times=tuple(time.fromisoformat(value) for value in saved.times),
        time_zone=patient.time_zone,
        quiet_start=saved.quiet_start,
        quiet_end=saved.quiet_end,
        paused_until=saved.paused_until,
    )


@transaction.atomic
def save_reminder_settings(
    *, patient: Patient, times: list[time], quiet_start, quiet_end, time_zone: str
) -> ReminderSettings:
    """Store the times as local "HH:MM", so a new time zone moves them with the patient."""
    if patient.time_zone != time_zone:
        patient.time_zone = time_zone
        patient.save(update_fields=["time_zone"])
    saved, _ = ReminderSettings.objects.update_or_create(
        patient=patient,
        defaults={
            "times": [f"{t:%H:%M}" for t in sorted(times)],
            "quiet_start": quiet_start,
            "quiet_end": quiet_end,
        },
    )
    return saved


def pause_reminders(*, patient: Patient, days: int) -> ReminderSettings:
    saved = settings_for(patient)
    saved.paused_until = timezone.now() + timedelta(days=days)
    saved.save()
    return saved


def resume_reminders(*, patient: Patient) -> None:
    ReminderSettings.objects.filter(patient=patient).update(paused_until=None)


def new_feed_token(*, patient: Patient) -> CalendarFeed:
    """A new secret feed URL; the old one stops working at once."""
    feed, _ = CalendarFeed.objects.update_or_create(
        patient=patient,
        defaults={"token": secrets.token_urlsafe(32), "created_at": timezone.now()},
    )
    return feed


def save_subscription(
    *, patient: Patient, endpoint: str, p256dh: str, auth: str, device: str
) -> PushSubscription:
    """Store this browser's subscription. The same browser logged in as someone else moves."""
    subscription, _ = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"patient": patient, "p256dh": p256dh, "auth": auth, "device": device[:200]},
    )
    return subscription


def delete_subscription(*, patient: Patient, endpoint: str) -> int:
    return PushSubscription.objects.filter(patient=patient, endpoint=endpoint).delete()[0]


def reminder_message(reminder: reminders.Reminder) -> dict:
    """The notification: no routine name, diagnosis or pain, since lock screens are public."""
    return {
        "title": reminder.text,
        "body": "Your exercises are ready when you are. Tap to open Today.",
        "url": "/today/",
        "tag": f"reminder-{reminder.day.isoformat()}-{reminder.slot}",
    }


@dataclass
class SendReport:
    due: int = 0
    claimed: int = 0
    delivered: int = 0
    gone: int = 0
    failed: int = 0


def send_due_reminders(now: datetime | None = None) -> SendReport:
    """Send every reminder due now to every device of its patient, each reminder once.

    A reminder is claimed by inserting its (patient, day, slot) row before anything is sent.
    Two runs at once (one box or several, same database) race on that unique row: one inserts
    it and sends, the other sees it taken and sends nothing. A claimed reminder whose push
    fails after its retries is not sent again (at most once: a late duplicate is worse).
    """
    report = SendReport()
    if not push_configured():
        log.warning("VAPID keys are not set: no reminders sent")
        return report
    now = now or timezone.now()
    patients = list(
        Patient.objects.filter(push_subscriptions__isnull=False)
        .distinct()
        .select_related("user__routine", "reminder_settings")
        .prefetch_related(Prefetch("push_subscriptions", to_attr="devices"))
    )
    done = _sessions_done(patients, now)
    for patient in patients:
        plan = plan_for(patient)
        days = {day: count for (pk, day), count in done.items() if pk == patient.pk}
        for reminder in reminders.due_reminders(now, plan, sessions_planned(patient), days):
            report.due += 1
            if not _claim(patient, reminder):
                continue
            report.claimed += 1
            _deliver(patient, reminder, report)
    return report


def _sessions_done(patients: list[Patient], now: datetime) -> dict[tuple[int, object], int]:
    """Finished sessions per (patient, local day) around now, in one query."""
    rows = (
        WorkoutSession.objects.finished()
        .filter(
            patient__in=patients,
            local_date__range=(now.date() - timedelta(days=2), now.date() + timedelta(days=1)),
        )
        .values_list("patient_id", "local_date")
        .annotate(count=Count("id"))
    )
    return {(pk, day): count for pk, day, count in rows}


def _claim(patient: Patient, reminder: reminders.Reminder) -> bool:
    with transaction.atomic():
        _, created = SentReminder.objects.get_or_create(
            patient=patient, day=reminder.day, slot=reminder.slot
        )
    return created


def _deliver(patient: Patient, reminder: reminders.Reminder, report: SendReport) -> None:
    message = reminder_message(reminder)
    delivered, gone = [], []
    for device in patient.devices:
        outcome = send_push(device.info(), message)
        if outcome == Outcome.SENT:
            delivered.append(device.pk)
        elif outcome == Outcome.GONE:
            gone.append(device.pk)
        else:
            report.failed += 1
            log.error(
                "Reminder %s for patient %s not delivered to one device", reminder.slot, patient.pk
            )
    if delivered:
        PushSubscription.objects.filter(pk__in=delivered).update(last_sent_at=timezone.now())
        SentReminder.objects.filter(patient=patient, day=reminder.day, slot=reminder.slot).update(
            delivered=len(delivered)
        )
    if gone:
        PushSubscription.objects.filter(pk__in=gone).delete()
    report.delivered += len(delivered)
    report.gone += len(gone)


def reminder_export(patient: Patient) -> dict:
    """The patient's reminder data for their data export, as plain JSON-able values."""
    saved = settings_for(patient)
    feed = CalendarFeed.objects.filter(patient=patient).first()
    return {
        "reminder_times": list(saved.times),
        "time_zone": patient.time_zone,
        "quiet_hours": (
            {"start": f"{saved.quiet_start:%H:%M}", "end": f"{saved.quiet_end:%H:%M}"}
            if saved.quiet_start and saved.quiet_end
            else None
        ),
        "paused_until": saved.paused_until.isoformat() if saved.paused_until else None,
        "saved": saved.pk is not None,
        "push_devices": [
            {
                "device": sub.device,
                "endpoint_host": sub.endpoint.split("/")[2],
                "created_at": sub.created_at.isoformat(),
                "last_sent_at": sub.last_sent_at.isoformat() if sub.last_sent_at else None,
            }
            for sub in PushSubscription.objects.filter(patient=patient)
        ],
        "calendar_feed_created_at": feed.created_at.isoformat() if feed else None,
        "reminders_sent": [
            {"day": sent.day.isoformat(), "slot": sent.slot, "devices": sent.delivered}
            for sent in SentReminder.objects.filter(patient=patient).order_by("day", "slot")
        ],
    }
