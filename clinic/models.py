"""The clinic's own rows: a clinician's profile, invitations handed to patients, and the
requests patients make with a clinic code."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
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
