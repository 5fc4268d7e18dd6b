"""Read paths for the clinician's pages: their patients, most urgent first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

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

from clinic import wording
from clinic.models import Alert, LinkRequest
from clinic.services import profile_for
from exercises.models import RoutineChange, RoutineItem
from sessions import progression
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


@dataclass(frozen=True)
class TimelineEntry:
    """One change to a patient's routine: who made it, when, and what it did (and why)."""

    at: datetime
    who: str
    by_program: bool
    what: str
    session_id: int | None = None


# Decisions that changed the routine (keep and "still paused" change nothing).
ROUTINE_CHANGING = [
    ProgressionDecision.Kind.STEP_UP,
    ProgressionDecision.Kind.STEP_BACK,
    ProgressionDecision.Kind.PAUSE,
    ProgressionDecision.Kind.OFFER_NEXT_STAGE,
]


def routine_timeline(
    patient: Patient, *, limit: int, before: datetime | None = None
) -> list[TimelineEntry]:
    """The newest ``limit`` changes to the patient's routine (older than ``before``), in two
    queries: edits by people (clinicians in the editor or the admin, the patient accepting a
    stage) and the progression rules' own decisions, merged newest first."""
    changes = RoutineChange.objects.filter(routine__patient=patient.user_id).select_related(
        "changed_by"
    )
    decisions = (
        ProgressionDecision.objects.filter(
            routine_item__routine__patient=patient.user_id,
            decided_by__isnull=True,
            kind__in=ROUTINE_CHANGING,
        )
        .exclude(rule=progression.STILL_PAUSED)
        .select_related("routine_item__exercise", "session")
    )
    if before is not None:
        changes = changes.filter(changed_at__lt=before)
        decisions = decisions.filter(decided_at__lt=before)
    entries = [
        TimelineEntry(
            at=change.changed_at,
            who=_who(change.changed_by, patient),
            by_program=False,
            what=change.description,
        )
        for change in changes.order_by("-changed_at", "-id")[:limit]
    ] + [
        TimelineEntry(
            at=decision.decided_at,
            who="The program",
            by_program=True,
            what=_decision_text(decision),
            session_id=decision.session_id,
        )
        for decision in decisions.order_by("-decided_at", "-id")[:limit]
    ]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)[:limit]


def _decision_text(decision: ProgressionDecision) -> str:
    """What the decision did and why; a warning sign says what the pain did in the session."""
    reason = wording.RULE_REASONS.get(decision.rule, "")
    if decision.flagged and decision.session is not None:
        session = decision.session
        reason = wording.warning_signs(
            pain_before=session.pain_before,
            pain_now=session.pain_after,
            reach_before=session.reach_before,
            reach_now=session.reach_after,
        )
        if decision.rule == progression.SECOND_WARNING_SIGN:
            reason += ", the second session in a row with a warning sign"
    return wording.decision(
        kind=decision.get_kind_display(),
        exercise=decision.routine_item.exercise.name,
        from_target=decision.from_target,
        to_target=decision.to_target,
        unit=decision.routine_item.progression_unit,
        reason=reason,
    )


def _who(user, patient: Patient) -> str:
    if user is None:
        return "Someone since removed"
    if user.pk == patient.user_id:
        return "The patient"
    return user.get_full_name() or user.username


INBOX_SIZE = 10


def alert_inbox(clinician) -> dict[str, object]:
    """The clinician's open alerts, most urgent first: the first ``INBOX_SIZE``, and how many
    there are."""
    open_alerts = Alert.objects.for_clinician(clinician).open()
    return {
        "alerts": open_alerts.most_urgent_first().for_display()[:INBOX_SIZE],
        "open_alert_count": open_alerts.count(),
    }
