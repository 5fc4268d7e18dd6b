"""The clinic's own rows: a clinician's profile, invitations handed to patients, the requests
patients make with a clinic code, what the clinician is told (alerts) and what they write down
(private notes)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from clinic.codes import format_code
from sessions.models import Patient, validate_time_zone

INVITATION_LIFETIME = timedelta(days=7)


class ClinicianProfile(models.Model):
    """One clinician's own settings: their time zone and the clinic code patients enter."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician_profile"
    )
    time_zone = models.CharField(
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text="New patients get this zone unless the clinician picks another.",
    )
    clinic_code = models.CharField(
        max_length=8, unique=True, help_text="Stored without the dash, e.g. K7QM3XRT."
    )
    code_changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def display_code(self) -> str:
        return format_code(self.clinic_code)


class InvitationQuerySet(models.QuerySet):
    def open(self) -> InvitationQuerySet:
        """Neither used nor replaced (it may still have expired: see ``Invitation.state``)."""
        return self.filter(used_at__isnull=True, voided_at__isnull=True)


class Invitation(models.Model):
    """One one-time link handed to a patient to choose their password; it lasts 7 days.

    The link is signed, not stored: see ``clinic.invitations`` for why.
    """

    class State(models.TextChoices):
        OPEN = "open", "Open"
        USED = "used", "Used"
        VOIDED = "voided", "Replaced by a newer link"
        EXPIRED = "expired", "Expired"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="invitations")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    nonce = models.CharField(max_length=32, help_text="Random; part of the signed link.")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    emailed_to = models.EmailField(blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient"],
                condition=Q(used_at__isnull=True, voided_at__isnull=True),
                name="one_open_invitation_per_patient",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.patient} ({self.state(timezone.now())})"

    def state(self, now=None) -> str:
        if self.used_at:
            return self.State.USED
        if self.voided_at:
            return self.State.VOIDED
        if (now or timezone.now()) >= self.expires_at:
            return self.State.EXPIRED
        return self.State.OPEN


class LinkRequestQuerySet(models.QuerySet):
    def pending(self) -> LinkRequestQuerySet:
        return self.filter(status=LinkRequest.Status.PENDING)


class LinkRequest(models.Model):
    """A patient's request, made with a clinic code, to be linked to that clinician."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the clinician"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="link_requests")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="link_requests"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = LinkRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient"],
                condition=Q(status="pending"),
                name="one_pending_link_request_per_patient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.patient} → {self.clinician}: {self.get_status_display()}"


class AlertKind(models.TextChoices):
    """What happened, most urgent first (``URGENCY`` orders the inbox)."""

    RED_FLAG = "red_flag", "Red-flag answer"
    PAUSED = "paused", "Exercise paused"
    WARNING = "warning", "Pain rose or spread"
    INACTIVE = "inactive", "No sessions lately"
    NEXT_STAGE = "next_stage", "Next stage offered"


URGENCY = {kind: rank for rank, kind in enumerate(AlertKind)}


class AlertQuerySet(models.QuerySet):
    def for_clinician(self, clinician) -> AlertQuerySet:
        return self.filter(patient__clinician=clinician)

    def open(self) -> AlertQuerySet:
        return self.filter(acknowledged_at__isnull=True)

    def most_urgent_first(self) -> AlertQuerySet:
        urgency = Case(
            *(When(kind=kind, then=Value(rank)) for kind, rank in URGENCY.items()),
            output_field=models.PositiveSmallIntegerField(),
        )
        return self.alias(urgency=urgency).order_by("urgency", "-happened_at", "-id")

    def for_display(self) -> AlertQuerySet:
        return self.select_related(
            "patient__user", "session", "exercise", "acknowledged_by", "routine_item"
        )


class Alert(models.Model):
    """One thing that happened to a patient that their clinician should know about."""

    patient = models.ForeignKey(
        "workout_sessions.Patient", on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(max_length=12, choices=AlertKind.choices)
    happened_at = models.DateTimeField()
    message = models.CharField(max_length=300, help_text="What happened, in plain words.")
    session = models.ForeignKey(
        "workout_sessions.WorkoutSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alerts",
    )
    routine_item = models.ForeignKey(
        "exercises.RoutineItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alerts",
    )
    exercise = models.ForeignKey(
        "exercises.Exercise",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The exercise at the time (an accepted next stage changes the item's).",
    )
    safety_check = models.ForeignKey(
        "workout_sessions.SafetyCheck",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alerts",
    )
    decision = models.ForeignKey(
        "workout_sessions.ProgressionDecision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alerts",
    )
    inactive_since = models.DateField(
        null=True,
        blank=True,
        help_text="For a 'no sessions' alert: the patient's last day with a session.",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["safety_check"],
                condition=Q(safety_check__isnull=False),
                name="one_alert_per_safety_check",
            ),
            models.UniqueConstraint(
                fields=["decision"],
                condition=Q(decision__isnull=False),
                name="one_alert_per_decision",
            ),
            models.UniqueConstraint(
                fields=["patient", "inactive_since"],
                condition=Q(kind="inactive"),
                name="one_inactivity_alert_per_quiet_spell",
            ),
        ]
        indexes = [
            models.Index(fields=["patient", "acknowledged_at"]),
            models.Index(fields=["session"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message}"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None

    @property
    def severity(self) -> str:
        """A colour word for the badge: red for a red flag or a pause, amber, or calm."""
        if self.kind in (AlertKind.RED_FLAG, AlertKind.PAUSED):
            return "red"
        if self.kind in (AlertKind.WARNING, AlertKind.INACTIVE):
            return "amber"
        return "green"


class ClinicianNote(models.Model):
    """One private note a clinician wrote about a patient. Patients never see notes."""

    patient = models.ForeignKey(
        "workout_sessions.Patient", on_delete=models.CASCADE, related_name="clinician_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(max_length=4000)

    class Meta:
        ordering = ["-written_at", "-id"]
        indexes = [models.Index(fields=["patient", "-written_at"])]

    def __str__(self) -> str:
        return f"Note on {self.patient} by {self.author} at {self.written_at:%Y-%m-%d %H:%M}"
