"""What an alert says to the clinician, from plain values (no database).

Patients read their own decisions in the second person ("your pain rose"); the clinician reads
about the patient in the third, with the numbers that matter to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Each safety-check answer as a clinician would note it (field names as on SafetyCheck).
RED_FLAG_SYMPTOMS = {
    "bladder_bowel": "new bladder or bowel trouble",
    "saddle_numbness": "saddle-area numbness",
    "worsening_weakness": "worsening leg weakness or symptoms in both legs",
    "fever_unwell": "fever or feeling unwell",
    "cancer_or_weight_loss": "cancer history or unexplained weight loss",
    "recent_injury": "a recent fall or injury",
}

# How far down the leg the pain reaches (as sessions.models.PainReach), as a place.
REACH = {
    0: "no pain",
    1: "the lower back",
    2: "the buttock",
    3: "the thigh",
    4: "below the knee",
    5: "the foot",
}


def red_flag(symptoms: list[str]) -> str:
    said = "; ".join(RED_FLAG_SYMPTOMS[name] for name in symptoms) or "a red-flag symptom"
    return (
        f"Answered yes on the safety check: {said}. The patient was told to seek urgent care, "
        "and sessions are blocked until the flag is cleared."
    )


def warning_signs(
    *, pain_before: int, pain_now: int | None, reach_before: int, reach_now: int | None
) -> str:
    """ "pain rose from 3 to 6" and/or "pain spread from the buttock to below the knee"."""
    signs = []
    if pain_now is not None and pain_now - pain_before >= 2:
        signs.append(f"pain rose from {pain_before} to {pain_now} out of 10")
    if reach_now is not None and reach_now > reach_before:
        signs.append(f"pain spread from {REACH[reach_before]} to {REACH[reach_now]}")
    return " and ".join(signs) or "pain rose or spread"


def amount(value: int | None, unit: str) -> str:
    if value is None:
        return "its dose"
    return f"{value} {unit}"


@dataclass(frozen=True)
class ItemChange:
    """What a warning sign did to one exercise's dose."""

    exercise: str
    from_target: int | None
    to_target: int | None
    unit: str
    still_paused: bool = False

    @property
    def stepped_back(self) -> bool:
        return (
            self.from_target is not None
            and self.to_target is not None
            and self.to_target < self.from_target
        )


def warning(*, signs: str, changes: list[ItemChange]) -> str:
    """ "Pain rose from 3 to 6 out of 10 during the session. Stepped back: Press-up on elbows
    (15 s → 10 s). Kept (at its start, or not progressing): Walking." """
    back = [
        f"{c.exercise} ({amount(c.from_target, c.unit)} → {amount(c.to_target, c.unit)})"
        for c in changes
        if c.stepped_back
    ]
    paused = [c.exercise for c in changes if c.still_paused]
    kept = [c.exercise for c in changes if not c.stepped_back and not c.still_paused]
    parts = [f"{signs[:1].upper()}{signs[1:]} during the session."]
    if back:
        parts.append(f"Stepped back: {', '.join(back)}.")
    if kept:
        parts.append(f"Kept (at its start, or not progressing): {', '.join(kept)}.")
    if paused:
        parts.append(f"Done while paused: {', '.join(paused)}.")
    return " ".join(parts)


def paused(*, exercise: str, signs: str) -> str:
    return (
        f"{exercise} is paused: the second session in a row with a warning sign ({signs}). "
        "It stays out of the patient's sessions until you clear the pause."
    )


def next_stage(*, exercise: str, next_stage_name: str, target: str) -> str:
    return (
        f"{exercise} has been easy at its target ({target}) on two different days, so "
        f"{next_stage_name} was offered. The patient can accept it, or you can."
    )


def inactive(*, last_day: date | None, joined: date, days: int, sessions_per_day: int) -> str:
    planned = f"{sessions_per_day} session{'s' if sessions_per_day != 1 else ''} a day planned"
    if last_day is None:
        return f"No session yet since joining on {joined:%a %-d %b} ({days} days), with {planned}."
    return f"No session for {days} days (the last was on {last_day:%a %-d %b}), with {planned}."


# Why the progression rules changed a routine, for a decision that raised no alert.
RULE_REASONS = {
    "went_well": (
        "every set done at its target, effort easy or about right, pain no worse and no "
        "further down the leg"
    ),
    "warning_sign": "pain rose by 2 or more, or spread further down the leg",
    "second_warning_sign": "a warning sign in the second session in a row",
    "ready_for_next_stage": "easy at the target on two different days",
}


def decision(
    *,
    kind: str,
    exercise: str,
    from_target: int | None,
    to_target: int | None,
    unit: str,
    reason: str,
) -> str:
    """ "Step back: Press-up on elbows, 15 s → 10 s. Pain rose from 3 to 6 …" """
    moved = ""
    if from_target is not None and to_target is not None and from_target != to_target:
        moved = f", {amount(from_target, unit)} → {amount(to_target, unit)}"
    because = f" {reason[:1].upper()}{reason[1:]}" if reason else ""
    if because and not because.endswith("."):
        because += "."
    return f"{kind}: {exercise}{moved}.{because}"
