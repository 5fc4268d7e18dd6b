"""Everything stored about one patient, as a zip of JSON and CSV files (their right of access).

Each table is written twice from the same rows: ``<name>.json`` (a list of objects) and
``<name>.csv`` (spreadsheet-safe cells). The zip is built in a temporary file that spills to disk
when large, so a long history never sits whole in memory.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from exercises.models import RoutineChange, RoutineItem
from sciatica import csvsafe
from sessions.models import AccessRecord, Patient, ProgressionDecision, SafetyCheck, SetLog
from sessions.reminder_services import reminder_export

README = """\
Your data from Sciatica exercises, exported {when}.

Each table comes twice: as JSON (for programs) and as CSV (for a spreadsheet).
  profile          who you are, your cause, painful side, clinician and time zone
  routine          your routine; routine_items: its exercises and doses
  routine_changes  every change made to your routine, and by whom
  sessions         every session: when, pain before and after
  set_logs         every set you did, stopped or skipped
  safety_checks    your answers to the safety questions, and how a flag was cleared
  decisions        what the progression rules (or your clinician) decided, and why
  access_records   every time a clinician or administrator looked at your data
  reminders.json   your reminder times, quiet hours and pause, the devices that get
                   notifications, your calendar link's date, and the reminders sent
"""


def _tables(patient: Patient) -> dict[str, tuple[list[str], Iterable[dict]]]:
    user = patient.user
    routine = getattr(user, "routine", None)
    profile = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined": user.date_joined,
        "cause": patient.cause.name,
        "affected_side": patient.affected_side,
        "clinician": (
            (patient.clinician.get_full_name() or patient.clinician.username)
            if patient.clinician
            else ""
        ),
        "time_zone": patient.time_zone,
        "symptoms_changed_at": patient.symptoms_changed_at,
    }
    routine_rows = (
        [{"name": routine.name, "cause": routine.cause.name, **_pick(routine, ROUTINE)}]
        if routine
        else []
    )
    items = RoutineItem.objects.filter(routine__patient=user).values(*ITEM)
    return {
        "profile": (list(profile), [profile]),
        "routine": (["name", "cause", *ROUTINE], routine_rows),
        "routine_items": (ITEM, items),
        "routine_changes": (
            CHANGE,
            RoutineChange.objects.filter(routine__patient=user).values(*CHANGE),
        ),
        "sessions": (SESSION, patient.sessions.order_by("started_at").values(*SESSION)),
        "set_logs": (
            SET_LOG,
            SetLog.objects.for_patient(patient).order_by("logged_at", "id").values(*SET_LOG),
        ),
        "safety_checks": (SAFETY, patient.safety_checks.order_by("answered_at").values(*SAFETY)),
        "decisions": (
            DECISION,
            ProgressionDecision.objects.filter(routine_item__routine__patient=user)
            .order_by("decided_at", "id")
            .values(*DECISION),
        ),
        "access_records": (
            ACCESS,
            AccessRecord.objects.about(patient).order_by("accessed_at", "id").values(*ACCESS),
        ),
    }


ROUTINE = ["sessions_per_day", "notes", "created_at"]
ITEM = [
    "id",
    "order",
    "exercise__name",
    *(f for f in RoutineItem.dose_field_names() if f != "id"),
    "current_target",
    "paused",
]
CHANGE = ["changed_at", "changed_by__username", "description"]
SESSION = [
    "id",
    "local_date",
    "status",
    "started_at",
    "finished_at",
    "pain_before",
    "reach_before",
    "pain_after",
    "reach_after",
]
SET_LOG = [
    "client_id",
    "session_id",
    "logged_at",
    "exercise__name",
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
    "started_at",
    "finished_at",
]
SAFETY = ["answered_at", *SafetyCheck.QUESTIONS, "red_flag", "cleared_at", "clearance"]
DECISION = [
    "decided_at",
    "day",
    "session_id",
    "routine_item__exercise__name",
    "kind",
    "rule",
    "flagged",
    "from_target",
    "to_target",
    "message",
    "decided_by__username",
]
ACCESS = ["accessed_at", "actor_username", "actor_name", "actor_role", "what", "ip_address"]


def _pick(obj, names: list[str]) -> dict:
    return {name: getattr(obj, name) for name in names}


def write_export(patient: Patient) -> tempfile.SpooledTemporaryFile:
    """The zip, rewound and ready to send."""
    # The response closes it once sent.
    out = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(when=timezone.now().isoformat()))
        # Reminders are one nested document (times, devices, sent), so JSON only.
        archive.writestr("reminders.json", json.dumps(reminder_export(patient), indent=2))
        for name, (columns, rows) in _tables(patient).items():
            with archive.open(f"{name}.json", "w") as file:
                file.write(b"[")
                for number, row in enumerate(_each(rows)):
                    file.write(b",\n" if number else b"\n")
                    file.write(json.dumps(row, cls=DjangoJSONEncoder).encode())
                file.write(b"\n]\n")
            with archive.open(f"{name}.csv", "w") as file:
                text = io.TextIOWrapper(file, encoding="utf-8", newline="")
                writer = csvsafe.writer(text)
                writer.writerow(columns)
                for row in _each(rows):
                    writer.writerow(_cell(row[c]) for c in columns)
                text.flush()
                text.detach()
    out.seek(0)
    return out


def _each(rows: Iterable[dict]) -> Iterable[dict]:
    """A queryset in chunks (never all rows at once), or a plain list as it is."""
    return rows.iterator(chunk_size=2000) if hasattr(rows, "iterator") else rows


def _cell(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
