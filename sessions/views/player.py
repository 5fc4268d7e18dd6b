"""The player page, its set card, and the actions the player sends: a set, a skip, the finish."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from sessions import steps, summary
from sessions.forms import FinishForm, SetLogForm, SkipItemForm
from sessions.models import Effort, PainReach, SetLog, Side, WorkoutSession
from sessions.plan import (
    SessionPlan,
    estimated_seconds,
    minutes,
    player_plan,
    session_plan,
    slot_phases,
    slot_targets,
)
from sessions.services import (
    SessionError,
    SessionStopped,
    finish_session,
    log_set,
    on_hold_since,
    skip_item,
)
from sessions.views.access import HtmxHttpRequest, get_session_for_patient

PLAYER = "sessions/player.html"


def _card_context(session: WorkoutSession, plan: SessionPlan, error: str = "") -> dict:
    slot = plan.next_slot
    context = {
        "session": session,
        "slot": slot,
        "error": error,
        "item_total": len(plan.items),
        "sets_done": plan.completed,
        "sets_planned": len(plan.slots),
        "finish_form": FinishForm(),
    }
    if slot is None:
        return context
    item = plan.items[slot.item_id]
    dose = item.next_dose
    _, target_reps = slot_targets(item)
    phases = slot_phases(item, slot, session.patient.affected_side)
    return context | {
        "item": item,
        "exercise": item.exercise,
        "steps": plan.steps[item.exercise_id],
        "dose": dose,
        "item_number": plan.item_number(item.pk),
        "side_label": Side(slot.side).label if slot.side else "",
        "target_reps": target_reps,
        "timeline": steps.timeline_json(phases),
        "effort_choices": Effort.choices,
        "pain_scale": range(11),
        "reach_choices": PainReach.choices,
        "stop_choices": SetLog.StopReason.choices,
    }


def _render_card(request, session, plan=None, *, error: str = "", status: int = 200):
    context = _card_context(session, plan or session_plan(session), error)
    return render(request, f"{PLAYER}#set-card", context, status=status)


def _on_hold(request, session, error: SessionStopped) -> HttpResponse:
    """A red flag stands: 409 with the reason, and the player is sent to the stop page."""
    response = _render_card(request, session, error=str(error), status=409)
    response["HX-Redirect"] = reverse("safety_blocked")
    return response


@login_required
@require_GET
def session_play(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The current set: the first one not yet logged, so a reload or another device resumes."""
    session = get_session_for_patient(request, pk)
    if session.is_finished:
        return redirect("session_summary", session.pk)
    if on_hold_since(session) is not None:
        return redirect("safety_blocked")
    plan = session_plan(session)
    if request.htmx:
        return render(request, f"{PLAYER}#set-card", _card_context(session, plan))
    context = _card_context(session, plan) | {
        "plan": player_plan(session, plan),
        "minutes_left": minutes(
            estimated_seconds(plan, session.patient.affected_side, remaining=True)
        ),
    }
    return render(request, PLAYER, context)


@login_required
@require_GET
def session_state(request: HttpRequest, pk: int) -> JsonResponse:
    """Whether the session is still open: the player asks now and then, so a red flag
    reported on another device, or a finish there, stops it at once."""
    session = get_session_for_patient(request, pk)
    if session.is_finished:
        state, url = "finished", reverse("session_summary", args=[session.pk])
    elif on_hold_since(session) is not None:
        state, url = "on_hold", reverse("safety_blocked")
    else:
        state, url = "open", ""
    return JsonResponse({"state": state, "url": url}, headers={"Cache-Control": "no-store"})


@login_required
@require_POST
def session_log_set(request: HttpRequest, pk: int) -> JsonResponse:
    """Store one set the outbox sends, and acknowledge it: ``{"id": ..., "created": ...}``.

    The player carries the whole session's plan, so the answer is only the ack: the session
    is not planned again and no card is drawn. The outbox is the one sender (the page has no
    plain form for a set). A refusal is ``{"error": why}``: 400 for bad input, 409 while a
    red flag stands, with ``HX-Redirect`` to the stop page.
    """
    session = get_session_for_patient(request, pk)
    form = SetLogForm(request.POST, session=session)
    if not form.is_valid():
        return JsonResponse({"error": form.message()}, status=400)
    try:
        log, created = log_set(session=session, **form.cleaned_data)
    except SessionStopped as error:
        return JsonResponse(
            {"error": str(error)}, status=409, headers={"HX-Redirect": reverse("safety_blocked")}
        )
    except SessionError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse({"id": log.pk, "created": created})


@login_required
@require_POST
def session_skip_item(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_patient(request, pk)
    plan = session_plan(session)
    form = SkipItemForm(request.POST)
    if not form.is_valid() or form.cleaned_data["item"] not in plan.items:
        return _render_card(
            request, session, plan, error="That exercise is not in this session.", status=400
        )
    try:
        skip_item(session=session, item=plan.items[form.cleaned_data["item"]])
    except SessionStopped as error:
        return _on_hold(request, session, error)
    except SessionError as error:
        return _render_card(request, session, plan, error=str(error), status=400)
    return _render_card(request, session)


@login_required
@require_http_methods(["GET", "POST"])
def session_finish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Pain after the session, then the summary. The player sends it through its queue
    (as htmx), so a finish made offline arrives later, and is answered with a client redirect."""
    session = get_session_for_patient(request, pk)
    go = HttpResponseClientRedirect if request.htmx else redirect
    if session.is_finished:
        return go(reverse("session_summary", args=[session.pk]))
    form = FinishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            finish_session(
                session=session, pain=form.cleaned_data["pain"], reach=form.cleaned_data["reach"]
            )
        except SessionStopped as error:
            if request.htmx:
                return _on_hold(request, session, error)
            return redirect("safety_blocked")
        return go(reverse("session_summary", args=[session.pk]))
    plan = session_plan(session)
    return render(
        request,
        "sessions/finish.html",
        {
            "session": session,
            "form": form,
            "sets_done": plan.completed,
            "sets_planned": len(plan.slots),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def session_summary(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_patient(request, pk)
    if not session.is_finished:
        return redirect("session_play", session.pk)
    return render(request, "sessions/summary.html", summary.session_summary(session))
