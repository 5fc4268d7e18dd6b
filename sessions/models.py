"""What patients did: safety checks, sessions and the log of every set.

Logs are history. They copy the numbers they were done at (target hold, target reps), and point at
catalog rows with PROTECT or SET_NULL, so editing or deleting the catalog never rewrites them.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from exercises.models import Cause, Exercise, Routine, RoutineItem, _range

SAFETY_CHECK_MAX_AGE = timedelta(days=7)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone name, e.g. Europe/London.")


class Side(models.TextChoices):
    NONE = "", "—"
    LEFT = "left", "Left side"
    RIGHT = "right", "Right side"


class AffectedSide(models.TextChoices):
    LEFT = "left", "Left leg"
    RIGHT = "right", "Right leg"
    BOTH = "both", "Both legs, or not sure"


class PainReach(models.IntegerChoices):
    """How far down the leg the pain reaches. Higher is further from the spine."""

    NONE = 0, "No pain"
    LOWER_BACK = 1, "Lower back"
    BUTTOCK = 2, "Buttock"
    THIGH = 3, "Thigh"
    BELOW_KNEE = 4, "Below the knee"
    FOOT = 5, "Foot"


class Effort(models.TextChoices):
    EASY = "easy", "Easy"
    ABOUT_RIGHT = "about_right", "About right"
    HARD = "hard", "Hard"


@dataclass(frozen=True)
class SafetyStatus:
    OK, NEEDED, BLOCKED = "ok", "needed", "blocked"

    state: str
    latest: SafetyCheck | None

    @property
    def ok(self) -> bool:
        return self.state == self.OK

    @property
    def blocked(self) -> bool:
        return self.state == self.BLOCKED


class PatientQuerySet(models.QuerySet):
    def for_clinician(self, clinician) -> PatientQuerySet:
        return self.filter(clinician=clinician)


class Patient(models.Model):
    """One person doing the exercises: their cause, painful side, clinician and time zone."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="patient"
    )
    cause = models.ForeignKey(Cause, on_delete=models.PROTECT, related_name="patients")
    affected_side = models.CharField(
        max_length=5, choices=AffectedSide.choices, default=AffectedSide.BOTH
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_patients",
        limit_choices_to={"is_staff": True, "groups__name": "Clinicians"},
    )
    time_zone = models.CharField(
        max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )
    symptoms_changed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the patient last said their symptoms changed."
    )

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ["user__username"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_date(self, moment: datetime | None = None) -> date:
        """The patient's own calendar day at ``moment`` (now by default)."""
        return timezone.localtime(moment or timezone.now(), self.tz).date()

    def safety_status(self, now: datetime | None = None) -> SafetyStatus:
        """Whether the patient may start a session, must answer the check, or is blocked.

        A check is needed before the first session, after the patient says their symptoms
        changed, and when the last check (or its clearance) is more than 7 days old. A yes
        answer blocks until the patient confirms a doctor cleared them, or their clinician does.
        """
        now = now or timezone.now()
        latest = self.safety_checks.order_by("-answered_at").first()
        if latest is None:
            return SafetyStatus(SafetyStatus.NEEDED, None)
        if latest.red_flag and latest.cleared_at is None:
            return SafetyStatus(SafetyStatus.BLOCKED, latest)
        if self.symptoms_changed_at and self.symptoms_changed_at > latest.answered_at:
            return SafetyStatus(SafetyStatus.NEEDED, latest)
        if now - (latest.cleared_at or latest.answered_at) > SAFETY_CHECK_MAX_AGE:
            return SafetyStatus(SafetyStatus.NEEDED, latest)
        return SafetyStatus(SafetyStatus.OK, latest)

    def report_symptoms_changed(self) -> None:
        self.symptoms_changed_at = timezone.now()
        self.save(update_fields=["symptoms_changed_at"])


class SafetyCheckQuerySet(models.QuerySet):
    def blocking(self) -> SafetyCheckQuerySet:
        return self.filter(red_flag=True, cleared_at__isnull=True)


class SafetyCheck(models.Model):
    """One answered red-flag questionnaire, and how a flag on it was cleared."""

    QUESTIONS = {
        "bladder_bowel": "New trouble controlling your bladder or bowels?",
        "saddle_numbness": "Numbness between your legs or around your bottom (the saddle area)?",
        "worsening_weakness": "Leg weakness that is getting worse, or symptoms in both legs?",
        "fever_unwell": "A fever, or feeling generally unwell?",
        "cancer_or_weight_loss": "A history of cancer, or weight loss you cannot explain?",
        "recent_injury": "A recent fall, accident or injury to your back?",
    }

    class Clearance(models.TextChoices):
        DOCTOR = "doctor", "Patient confirmed a doctor cleared them"
        CLINICIAN = "clinician", "Cleared by their clinician"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="safety_checks")
    answered_at = models.DateTimeField(default=timezone.now)
    bladder_bowel = models.BooleanField()
    saddle_numbness = models.BooleanField()
    worsening_weakness = models.BooleanField()
    fever_unwell = models.BooleanField()
    cancer_or_weight_loss = models.BooleanField()
    recent_injury = models.BooleanField()
    red_flag = models.BooleanField(help_text="Any answer was yes.")
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    clearance = models.CharField(max_length=10, choices=Clearance.choices, blank=True)

    objects = SafetyCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-answered_at"]
        get_latest_by = "answered_at"
        indexes = [models.Index(fields=["patient", "-answered_at"])]

    def __str__(self) -> str:
        return f"Safety check by {self.patient} at {self.answered_at:%Y-%m-%d %H:%M}"

    def yes_answers(self) -> list[str]:
        return [text for field, text in self.QUESTIONS.items() if getattr(self, field)]

    def clear(self, *, by, clearance: str) -> None:
        """Lift the block a yes answer put on the patient, recording who and how."""
        self.cleared_at = timezone.now()
        self.cleared_by = by
        self.clearance = clearance
        self.save(update_fields=["cleared_at", "cleared_by", "clearance"])


class WorkoutSessionQuerySet(models.QuerySet):
    def for_patient(self, patient: Patient) -> WorkoutSessionQuerySet:
        return self.filter(patient=patient)

    def on_day(self, day: date) -> WorkoutSessionQuerySet:
        return self.filter(local_date=day)

    def finished(self) -> WorkoutSessionQuerySet:
        return self.filter(status=WorkoutSession.Status.FINISHED)

    def with_hold(self) -> WorkoutSessionQuerySet:
        """Annotate ``on_hold_since``: when the red flag standing now was reported (the
        patient's latest check, while it is a yes not yet cleared), else None. The same rule
        as ``Patient.safety_status``'s BLOCKED, read with the session in one query, so storing
        a set costs no look of its own (``services.ensure_not_on_hold``).

        Written as SQL: the same subquery built with ``Subquery``, ``Case`` and ``OuterRef``
        took 0.57 ms to compile per request, more than the separate look it saves (0.3 ms);
        this costs 0.05 ms. It names the session table, so it is for a top-level query."""
        checks = SafetyCheck._meta.db_table
        sessions = self.model._meta.db_table
        latest_standing = (
            f"SELECT CASE WHEN red_flag AND cleared_at IS NULL THEN answered_at END "
            f'FROM "{checks}" WHERE patient_id = "{sessions}".patient_id '
            "ORDER BY answered_at DESC LIMIT 1"
        )
        return self.annotate(
            on_hold_since=models.expressions.RawSQL(
                latest_standing, (), output_field=models.DateTimeField()
            )
        )


class WorkoutSession(models.Model):
    """One sitting of a patient's routine, from the Start tap to the summary."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        FINISHED = "finished", "Finished"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="sessions")
    routine = models.ForeignKey(Routine, on_delete=models.PROTECT, related_name="sessions")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    local_date = models.DateField(help_text="The patient's own calendar day when it started.")
    pain_before = models.PositiveSmallIntegerField()
    reach_before = models.PositiveSmallIntegerField(choices=PainReach.choices)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    reach_after = models.PositiveSmallIntegerField(choices=PainReach.choices, null=True, blank=True)

    objects = WorkoutSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        constraints = [
            _range("pain_before", 0, 10),
            _range("pain_after", 0, 10),
            _range("reach_before", 0, 5),
            _range("reach_after", 0, 5),
        ]
        # Measured on SQLite, which has no statistics to choose by: with (patient, local_date)
        # alone, Today's "this day's sessions, newest first" walked every session the patient
        # ever had through (patient, -started_at) to skip the sort (4 ms at a year of use), and
        # history's first finished day read them all to check the status. Each now has an
        # index that answers it outright.
        indexes = [
            models.Index(fields=["patient", "local_date", "started_at"]),
            models.Index(fields=["patient", "status", "local_date"]),
            models.Index(fields=["patient", "-started_at"]),
        ]

    def __str__(self) -> str:
        return f"Session {self.pk} by {self.patient} on {self.local_date}"

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED


class SetLogQuerySet(models.QuerySet):
    def for_patient(self, patient: Patient) -> SetLogQuerySet:
        return self.filter(session__patient=patient)


class SetLog(models.Model):
    """One set done (or stopped, or skipped) on one side, with how it went."""

    class Outcome(models.TextChoices):
        COMPLETED = "completed", "Completed"
        STOPPED = "stopped", "Stopped early"
        SKIPPED = "skipped", "Skipped"

    class StopReason(models.TextChoices):
        HURTS = "hurts", "It hurts"
        TOO_HARD = "too_hard", "Too hard today"
        OTHER = "other", "Something else"

    client_id = models.UUIDField(
        unique=True, help_text="Made by the phone, so a retry is not a copy."
    )
    session = models.ForeignKey(WorkoutSession, on_delete=models.CASCADE, related_name="set_logs")
    routine_item = models.ForeignKey(
        RoutineItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="set_logs"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="set_logs")
    set_number = models.PositiveSmallIntegerField()
    side = models.CharField(max_length=5, choices=Side.choices, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    target_seconds = models.PositiveIntegerField(
        null=True, blank=True, help_text="Target hold (or total minutes × 60 for a duration)."
    )
    held_seconds = models.PositiveIntegerField(
        null=True, blank=True, help_text="Seconds actually held in the last repetition done."
    )
    target_reps = models.PositiveSmallIntegerField(null=True, blank=True)
    reps_done = models.PositiveSmallIntegerField(null=True, blank=True)
    effort = models.CharField(max_length=12, choices=Effort.choices, blank=True)
    pain = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_reach = models.PositiveSmallIntegerField(choices=PainReach.choices, null=True, blank=True)
    stop_reason = models.CharField(max_length=10, choices=StopReason.choices, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    logged_at = models.DateTimeField(default=timezone.now)

    objects = SetLogQuerySet.as_manager()

    class Meta:
        ordering = ["logged_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "routine_item", "set_number", "side"], name="one_log_per_set"
            ),
            _range("set_number", 1, 100),
            _range("target_seconds", 0, 36000),
            _range("held_seconds", 0, 36000),
            _range("target_reps", 0, 100),
            _range("reps_done", 0, 100),
            _range("pain", 0, 10),
            _range("pain_reach", 0, 5),
        ]
        indexes = [
            models.Index(fields=["routine_item", "logged_at"]),
            models.Index(fields=["exercise", "logged_at"]),
        ]

    def __str__(self) -> str:
        side = f" ({self.get_side_display()})" if self.side else ""
        return f"{self.exercise} set {self.set_number}{side}: {self.get_outcome_display()}"


class DailyBest(models.Model):
    """One patient's best at one exercise on one of their days, over the sets done or stopped.

    The history charts read these instead of every set log. A trigger on the set log's insert
    keeps them up to date (``sessions.daily``); each number only ever rises, as set logs are
    never changed.
    """

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="daily_bests")
    day = models.DateField(help_text="The patient's own day of the session.")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    target_seconds = models.PositiveIntegerField(null=True, blank=True)
    held_seconds = models.PositiveIntegerField(null=True, blank=True)
    target_reps = models.PositiveSmallIntegerField(null=True, blank=True)
    reps_done = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["patient", "day", "exercise"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "day", "exercise"], name="one_best_per_exercise_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"Best of {self.exercise} on {self.day} for {self.patient}"


class ProgressionDecisionQuerySet(models.QuerySet):
    def for_item(self, item: RoutineItem) -> ProgressionDecisionQuerySet:
        return self.filter(routine_item=item)

    @staticmethod
    def latest_message() -> models.expressions.RawSQL:
        """For a RoutineItem query: the message of the item's latest decision about its current
        exercise (a clinician's, or one from a session in which the item's sets were of that
        exercise). After the patient takes up the next stage, the old exercise's decisions no
        longer speak for it.

        Written as SQL, as ``WorkoutSessionQuerySet.with_hold`` is: the same subquery built
        with ``Subquery``, ``Q`` and ``OuterRef`` cost Today 1.1 ms to compile, a tenth of the
        page. It names the routine item table, so it is for a top-level query."""
        decisions = ProgressionDecision._meta.db_table
        logs = SetLog._meta.db_table
        items = RoutineItem._meta.db_table
        return models.expressions.RawSQL(
            f'SELECT d.message FROM "{decisions}" d WHERE d.routine_item_id = "{items}".id '
            f'AND (d.session_id IS NULL OR EXISTS (SELECT 1 FROM "{logs}" l '
            f'WHERE l.session_id = d.session_id AND l.routine_item_id = "{items}".id '
            f'AND l.exercise_id = "{items}".exercise_id)) '
            "ORDER BY d.decided_at DESC, d.id DESC LIMIT 1",
            (),
            output_field=models.CharField(),
        )

    def counted(self) -> ProgressionDecisionQuerySet:
        """Decisions that shape the next one (an item not done, or still paused, is passed over)."""
        return self.exclude(rule__in=["not_done", "still_paused"])


class ProgressionDecision(models.Model):
    """What the rules (or a clinician) decided for one routine item after a session, and why."""

    class Kind(models.TextChoices):
        STEP_UP = "step_up", "Step up"
        KEEP = "keep", "Keep"
        STEP_BACK = "step_back", "Step back"
        PAUSE = "pause", "Pause"
        OFFER_NEXT_STAGE = "offer_next_stage", "Offer the next stage"

    CLEARED_BY_CLINICIAN = "cleared_by_clinician"

    routine_item = models.ForeignKey(
        RoutineItem, on_delete=models.CASCADE, related_name="decisions"
    )
    session = models.ForeignKey(
        WorkoutSession,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
        help_text="Empty when a clinician made the change.",
    )
    day = models.DateField(help_text="The patient's own day of the session.")
    decided_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the progression rules decided.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    rule = models.CharField(max_length=30, help_text="The rule that decided.")
    flagged = models.BooleanField(
        default=False, help_text="Pain rose or spread: the clinician is told."
    )
    easy_at_target = models.BooleanField(default=False)
    from_target = models.PositiveSmallIntegerField(null=True, blank=True)
    to_target = models.PositiveSmallIntegerField(null=True, blank=True)
    message = models.CharField(max_length=300, help_text="What the patient is shown.")

    objects = ProgressionDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-id"]
        get_latest_by = "decided_at"
        indexes = [
            models.Index(fields=["routine_item", "-decided_at"]),
            models.Index(fields=["routine_item", "kind", "day"]),
            models.Index(fields=["flagged", "decided_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message}"


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a row that is history by law, not by habit."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Access records are append-only: they cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Access records are append-only: they cannot be deleted.")


class AccessRecordQuerySet(AppendOnlyQuerySet):
    def about(self, patient: Patient) -> AccessRecordQuerySet:
        return self.filter(patient_pk=patient.pk)


class AccessRecord(models.Model):
    """One look a clinician or superuser took at one patient's data: who, whose, what, when, where.

    Append-only: saving an existing row, deleting a row, and queryset updates and deletes all
    raise. It holds snapshots (ids and names), never foreign keys, so deleting the patient's or
    the viewer's account keeps the record, and it holds no health data.
    """

    accessed_at = models.DateTimeField(default=timezone.now, editable=False)
    actor_pk = models.BigIntegerField(help_text="The viewer's user id at the time.")
    actor_username = models.CharField(max_length=150)
    actor_name = models.CharField(max_length=300, blank=True)
    actor_role = models.CharField(max_length=20, help_text="clinician, superuser or staff")
    patient_pk = models.BigIntegerField(help_text="The patient's id at the time.")
    patient_username = models.CharField(max_length=150)
    what = models.CharField(max_length=200, help_text="What was looked at, in plain words.")
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AccessRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-accessed_at", "-id"]
        indexes = [models.Index(fields=["patient_pk", "-accessed_at"])]

    def __str__(self) -> str:
        return f"{self.actor_username} viewed {self.what} of {self.patient_username}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Access records are append-only: they cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Access records are append-only: they cannot be deleted.")


class DeletedAccount(models.Model):
    """A patient who deleted their account: what their clinician still sees, and nothing more.

    No health data: the patient's old id and username, when, and whose patient they were.
    """

    patient_pk = models.BigIntegerField()
    username = models.CharField(max_length=150)
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deleted_patients",
    )
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-deleted_at"]

    def __str__(self) -> str:
        return f"{self.username} deleted their account"


# Reminders: the patient's settings, their devices' push subscriptions, the calendar feed's
# secret token, and one claim row per reminder sent. All go with the patient's account.


class ReminderSettings(models.Model):
    """A patient's reminder times (local wall-clock "HH:MM"), quiet hours and pause."""

    patient = models.OneToOneField(
        Patient, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    times = models.JSONField(default=list, help_text='Local times, e.g. ["08:00", "20:00"].')
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)
    paused_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "reminder settings"

    def __str__(self) -> str:
        return f"Reminders for {self.patient}: {', '.join(self.times)}"


class PushSubscription(models.Model):
    """One browser's Web Push subscription (a device), as PushManager.subscribe() gave it."""

    patient = models.ForeignKey(
        Patient, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=2000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    device = models.CharField(max_length=200, blank=True, help_text="The browser's own name.")
    created_at = models.DateTimeField(default=timezone.now)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Push to {self.device or 'a browser'} for {self.patient}"

    def info(self) -> dict:
        """The subscription in the shape pywebpush and the browser use."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class CalendarFeed(models.Model):
    """The secret in a patient's calendar feed URL. A new one replaces (voids) the old."""

    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed for {self.patient}"


class SentReminder(models.Model):
    """The claim on one reminder (patient, local day, slot): whoever inserts it sends it."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="sent_reminders")
    day = models.DateField(help_text="The patient's own day.")
    slot = models.PositiveSmallIntegerField(help_text="The day's reminder number, from 1.")
    claimed_at = models.DateTimeField(default=timezone.now)
    delivered = models.PositiveSmallIntegerField(default=0, help_text="Devices that took it.")

    class Meta:
        ordering = ["-claimed_at"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "day", "slot"], name="one_reminder_per_slot")
        ]

    def __str__(self) -> str:
        return f"Reminder {self.slot} on {self.day} for {self.patient}"
