"""One function per patient action that writes more than one row. Views stay thin."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from exercises.models import Cause
from exercises.services import assign_template_routine
from sessions.models import Patient

User = get_user_model()


@transaction.atomic
def enroll_patient(
    *,
    user,
    cause: Cause,
    affected_side: str = "both",
    time_zone: str | None = None,
    clinician=None,
) -> Patient:
    """Make ``user`` a patient with their own copy of the cause's template routine."""
    patient, _ = Patient.objects.update_or_create(
        user=user,
        defaults={
            "cause": cause,
            "affected_side": affected_side,
            "clinician": clinician,
            **({"time_zone": time_zone} if time_zone else {}),
        },
    )
    assign_template_routine(patient_user=user, cause=cause)
    return patient
