"""Read paths for the clinician's pages: their patients, most urgent first."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Greatest
from django.utils import timezone

from clinic.models import LinkRequest
from clinic.services import profile_for
from exercises.models import RoutineItem
from sessions.models import Patient, ProgressionDecision, SafetyCheck, WorkoutSession

ADHERENCE_DAYS = 7
LOW_ADHERENCE = 0.5  # under half the planned sessions in the last 7 days


def patients_by_urgency(clinician) -> QuerySet[Patient]:
    """The clinician's patients, most urgent first, in one query.

    Order: an uncleared red-flag answer; then a paused item; then an item flagged for rising or
    spreading pain in the last 7 days; then the lowest share of planned sessions done in the
    last 7 days. Each row carries its latest pain (after the session, else before).
    """
    now = timezone.now()
    week_ago = now - timedelta(days=ADHERENCE_DAYS)
    own_items = RoutineItem.objects.filter(routine__patient=OuterRef("user"))
    latest_session = WorkoutSession.objects.filter(patient=OuterRef("pk")).order_by("-started_at")
    done_this_week = (
        WorkoutSession.objects.filter(
            patient=OuterRef("pk"),
            status=WorkoutSession.Status.FINISHED,
            started_at__gte=week_ago,
        )
        .values("patient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Patient.objects.for_clinician(clinician)
        .select_related("user", "cause", "user__routine")
        .annotate(
            red_flag=Exists(SafetyCheck.objects.blocking().filter(patient=OuterRef("pk"))),
            paused_items=Exists(own_items.filter(paused=True)),
            flagged_recently=Exists(
                ProgressionDecision.objects.filter(
                    routine_item__routine__patient=OuterRef("user"),
                    flagged=True,
                    decided_at__gte=week_ago,
                )
            ),
            sessions_done=Coalesce(Subquery(done_this_week), Value(0)),
            sessions_planned=Coalesce(F("user__routine__sessions_per_day"), Value(0))
            * ADHERENCE_DAYS,
            adherence=Cast(F("sessions_done"), FloatField())
            / Cast(Greatest(F("sessions_planned"), Value(1)), FloatField()),
            latest_pain=Subquery(
                latest_session.annotate(pain=Coalesce("pain_after", "pain_before")).values("pain")[
                    :1
                ]
            ),
            latest_session_at=Subquery(latest_session.values("started_at")[:1]),
        )
        .order_by(
            F("red_flag").desc(),
            F("paused_items").desc(),
            F("flagged_recently").desc(),
            "adherence",
            "user__username",
        )
    )


def needs_attention(patient: Patient) -> list[str]:
    """Why a patient is near the top of the list, in words."""
    reasons = []
    if patient.red_flag:
        reasons.append("Red-flag answer")
    if patient.paused_items:
        reasons.append("Exercise paused")
    if patient.flagged_recently:
        reasons.append("Pain rose or spread")
    if patient.adherence < LOW_ADHERENCE:
        reasons.append("Few sessions done")
    return reasons


def onboarding_front(clinician) -> dict[str, object]:
    """What My patients shows above the list: the clinic code and the pending link requests."""
    return {
        "profile": profile_for(clinician),
        "link_requests": list(
            LinkRequest.objects.pending()
            .filter(clinician=clinician)
            .select_related("patient__user", "patient__cause")
        ),
    }
