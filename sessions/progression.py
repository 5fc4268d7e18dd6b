"""The progression rules, as pure functions of plain values (no database).

After a session, each routine item gets one decision about its next dose:

    decide(prescription, current_target, session, history) -> Decision

The rules, in priority order (the first that applies decides):

1. Still paused: an item paused after two warning signs in a row stays paused until a clinician
   clears it.
2. Not done: an item with nothing done (every set skipped, or nothing logged) keeps its target.
   Nothing was learnt about it, so it is not flagged either.
3. Warning sign (safety first): pain rose by 2 or more points during the session, or the pain now
   reaches further down the leg. The item steps back one step, never below its start, and is
   flagged for the clinician. The second warning sign in a row pauses the item.
4. A set not finished, or fewer sets done than planned: keep.
5. Effort was hard: keep.
6. No check-in: no effort given, or pain or reach at the end not known: keep (we cannot tell it
   is safe to step up).
7. Pain a little higher at the end (1 point, as 2 is a warning sign): keep.
8. At target: keep at target. A session here whose every effort was easy counts as an easy day
   at target; on the second different day, the next stage is offered (once).
9. One step a day: the item already stepped up on this patient-day: keep.
10. Otherwise: step up one step, never above the target.

"At target" comes before "one step a day" because the daily limit is about steps up: an item
already at its target has nothing left to step, and an easy evening session at the target reached
that morning still counts as an easy day at target.

Days are plain ``date``s in the patient's own time zone: the caller converts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

# Decision kinds: what happens to the dose.
STEP_UP = "step_up"
KEEP = "keep"
STEP_BACK = "step_back"
PAUSE = "pause"
OFFER_NEXT_STAGE = "offer_next_stage"
KINDS = (STEP_UP, KEEP, STEP_BACK, PAUSE, OFFER_NEXT_STAGE)

# Rules: which rule decided, for the clinician's view and for folding decisions into a History.
STILL_PAUSED = "still_paused"
NOT_DONE = "not_done"
WARNING_SIGN = "warning_sign"
SECOND_WARNING_SIGN = "second_warning_sign"
INCOMPLETE = "incomplete"
HARD = "hard"
NO_CHECK_IN = "no_check_in"
PAIN_HIGHER = "pain_higher"
AT_TARGET = "at_target"
READY_FOR_NEXT_STAGE = "ready_for_next_stage"
ONCE_A_DAY = "once_a_day"
WENT_WELL = "went_well"

# Effort, as in sessions.models.Effort; "" means the check-in was skipped.
EASY, ABOUT_RIGHT, HARD_EFFORT = "easy", "about_right", "hard"
EFFORTS = ("", EASY, ABOUT_RIGHT, HARD_EFFORT)

UNITS = ("s", "reps", "min")

PAIN_RISE_THAT_FLAGS = 2
FLAGS_THAT_PAUSE = 2
EASY_DAYS_AT_TARGET_FOR_NEXT_STAGE = 2

# How far down the leg the pain reaches, as in sessions.models.PainReach.
REACH_PLACES = {
    0: "nowhere",
    1: "your lower back",
    2: "your buttock",
    3: "your thigh",
    4: "below your knee",
    5: "your foot",
}


def _check_range(name: str, value: int | None, low: int, high: int) -> None:
    if value is not None and not low <= value <= high:
        raise ValueError(f"{name} must be from {low} to {high}, not {value}.")


@dataclass(frozen=True, kw_only=True)
class Prescription:
    """How an item's progressing number moves: from ``start`` up to ``target`` by ``step``.

    ``unit`` names the number: seconds held ("s"), repetitions ("reps") or minutes ("min").
    ``start``, ``target`` and ``step`` are all set, or all None for an item that does not
    progress: it keeps its dose, though warning signs still flag and pause it, and "at target"
    then means "done as prescribed".
    ``next_stage_name`` is the harder variant offered at the end, e.g. "Press-up on straight
    arms", or None when there is none.
    """

    start: int | None
    target: int | None
    step: int | None
    unit: str = "s"
    next_stage_name: str | None = None

    def __post_init__(self) -> None:
        parts = (self.start, self.target, self.step)
        if any(part is None for part in parts) and any(part is not None for part in parts):
            raise ValueError("A progression needs a start, a target and a step, or none of them.")
        if self.start is not None and not 1 <= self.start <= (self.target or 0):
            raise ValueError("The start must be at least 1 and no higher than the target.")
        if self.step is not None and self.step < 1:
            raise ValueError("The step must be at least 1.")
        if self.unit not in UNITS:
            raise ValueError(f"The unit must be one of {', '.join(UNITS)}, not {self.unit!r}.")

    @property
    def progresses(self) -> bool:
        return self.start is not None

    def stepped_up(self, value: int) -> int:
        """One step up, never above the target: 25 + 10 with a target of 30 gives 30."""
        assert self.target is not None and self.step is not None
        return min(value + self.step, self.target)

    def stepped_back(self, value: int) -> int:
        """One step back, never below the start: 10 - 5 from a start of 5 gives 5, and so does
        8 - 5. A value already at (or, after a clinician's change, below) the start stays."""
        assert self.start is not None and self.step is not None
        return min(value, max(value - self.step, self.start))


@dataclass(frozen=True, kw_only=True)
class SetResult:
    """One logged set (on one side) of the item, with its check-in.

    ``completed``: done in full at the session's target. A set stopped early is neither
    completed nor skipped; a skipped set was not attempted.
    ``effort``: "easy", "about_right", "hard", or "" when the check-in was skipped (as it is on
    the first side of a two-sided set).
    ``pain``: 0-10, and ``reach``: 0 (no pain) to 5 (foot), or None when not given.
    """

    completed: bool
    effort: str = ""
    pain: int | None = None
    reach: int | None = None
    skipped: bool = False

    def __post_init__(self) -> None:
        if self.effort not in EFFORTS:
            raise ValueError(f"Effort must be one of {EFFORTS}, not {self.effort!r}.")
        if self.completed and self.skipped:
            raise ValueError("A set cannot be both completed and skipped.")
        _check_range("Pain", self.pain, 0, 10)
        _check_range("Reach", self.reach, 0, 5)


@dataclass(frozen=True, kw_only=True)
class SessionResult:
    """How one session went for one item.

    ``day``: the patient's own calendar day of the session.
    ``pain_before`` (0-10) and ``reach_before`` (0-5): recorded at the Start tap.
    ``pain_after`` and ``reach_after``: recorded at the end, or None. Pain "now" is
    ``pain_after``, or else the pain of the last set that has one; reach likewise.
    ``sets``: the item's logged sets, oldest first, one per set and side.
    ``planned_sets``: how many were planned (sets × sides); fewer logged means incomplete.
    ``has_clinician``: a clinician follows the patient. Without one, no message says a clinician
    was told or will look: it points to a doctor or physiotherapist instead.
    """

    day: date
    pain_before: int
    reach_before: int
    sets: tuple[SetResult, ...]
    planned_sets: int
    pain_after: int | None = None
    reach_after: int | None = None
    has_clinician: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "sets", tuple(self.sets))
        _check_range("Pain before", self.pain_before, 0, 10)
        _check_range("Pain after", self.pain_after, 0, 10)
        _check_range("Reach before", self.reach_before, 0, 5)
        _check_range("Reach after", self.reach_after, 0, 5)
        if self.planned_sets < 0:
            raise ValueError("Planned sets cannot be negative.")

    @property
    def pain_now(self) -> int | None:
        if self.pain_after is not None:
            return self.pain_after
        return next((s.pain for s in reversed(self.sets) if s.pain is not None), None)

    @property
    def reach_now(self) -> int | None:
        if self.reach_after is not None:
            return self.reach_after
        return next((s.reach for s in reversed(self.sets) if s.reach is not None), None)


@dataclass(frozen=True, kw_only=True)
class History:
    """What the rules need to know about the item's past. ``History()`` is a first session.

    ``last_step_up_day``: the patient-day of the item's latest step up, or None.
    ``consecutive_flags``: flagged decisions in a row, just before this session, newest first
    back to the latest unflagged one ("not done" and "still paused" decisions are passed over).
    ``easy_at_target_days``: the days of earlier decisions with ``easy_at_target``, since the
    item's latest flag (or the clinician's latest change to it).
    ``next_stage_offered``: the next stage has already been offered for this item.
    ``paused``: the item is paused and no clinician has cleared it yet.

    ``after`` folds one decision in: folding an item's decisions oldest first, from
    ``History()``, gives the history for the next session.
    """

    last_step_up_day: date | None = None
    consecutive_flags: int = 0
    easy_at_target_days: frozenset[date] = field(default_factory=frozenset)
    next_stage_offered: bool = False
    paused: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "easy_at_target_days", frozenset(self.easy_at_target_days))

    def after(self, day: date, decision: Decision) -> History:
        """The history once ``decision``, made for a session on ``day``, is stored."""
        if decision.rule in (NOT_DONE, STILL_PAUSED):
            return self
        return replace(
            self,
            last_step_up_day=day if decision.kind == STEP_UP else self.last_step_up_day,
            consecutive_flags=self.consecutive_flags + 1 if decision.flagged else 0,
            easy_at_target_days=(
                frozenset()
                if decision.flagged
                else self.easy_at_target_days | ({day} if decision.easy_at_target else set())
            ),
            next_stage_offered=self.next_stage_offered or decision.offer_next_stage,
            paused=self.paused or decision.kind == PAUSE,
        )


@dataclass(frozen=True, kw_only=True)
class Decision:
    """The item's dose for next time, and why.

    ``kind``: what happens to the dose. "step_up" and "step_back" move it; "keep" leaves it
    (also when a warning sign is flagged but the item is already at its start, or does not
    progress); "pause" stops the item until a clinician clears it (the target is still stepped
    back, ready for then); "offer_next_stage" keeps the target and offers the harder variant.
    ``new_target``: the progressing number for next time (None for an item without one).
    ``flagged``: the clinician is told about a warning sign in this session.
    ``rule``: which rule decided (one of the rule constants above).
    ``headline`` and ``reason``: the patient-facing text, e.g. "Next time: 15 s." and "Your last
    session was easy and your pain did not spread."; ``message`` joins them.
    ``easy_at_target``: this session counts as an easy day at target toward the next stage.
    ``next_stage_name``: the stage offered, set only when ``kind`` is "offer_next_stage".
    """

    kind: str
    new_target: int | None
    flagged: bool
    rule: str
    headline: str
    reason: str
    easy_at_target: bool = False
    next_stage_name: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Kind must be one of {KINDS}, not {self.kind!r}.")

    @property
    def offer_next_stage(self) -> bool:
        return self.kind == OFFER_NEXT_STAGE

    @property
    def message(self) -> str:
        """What the patient reads, and what is stored with the decision."""
        return f"{self.headline} {self.reason}"


@dataclass(frozen=True)
class _Facts:
    """The inputs of one decision, and what the rules read from them."""

    prescription: Prescription
    current: int | None
    session: SessionResult
    history: History

    @property
    def done(self) -> bool:
        return any(not s.skipped for s in self.session.sets)

    @property
    def told(self) -> str:
        """Who hears of a warning sign, as the patient is told: only a clinician who follows
        them is."""
        return " and told your clinician" if self.session.has_clinician else ""

    @property
    def checker(self) -> str:
        """Who should look at a paused item before the patient carries on."""
        return "your clinician" if self.session.has_clinician else "a doctor or physiotherapist"

    @property
    def all_completed(self) -> bool:
        sets = self.session.sets
        return len(sets) >= self.session.planned_sets and all(s.completed for s in sets)

    @property
    def efforts(self) -> list[str]:
        return [s.effort for s in self.session.sets if s.effort]

    @property
    def easy(self) -> bool:
        return bool(self.efforts) and all(effort == EASY for effort in self.efforts)

    @property
    def pain_rise(self) -> int:
        pain_now = self.session.pain_now
        return 0 if pain_now is None else pain_now - self.session.pain_before

    @property
    def pain_rose(self) -> bool:
        """Exactly 2 points is a warning sign; 1 is not."""
        return self.pain_rise >= PAIN_RISE_THAT_FLAGS

    @property
    def spread(self) -> bool:
        """Reaching one level further down the leg is a warning sign; as far as before is not."""
        reach_now = self.session.reach_now
        return reach_now is not None and reach_now > self.session.reach_before

    @property
    def at_target(self) -> bool:
        """At (or, after a clinician's change, above) the target; always, when not progressing."""
        target = self.prescription.target
        return target is None or self.current is None or self.current >= target

    def amount(self, value: int) -> str:
        if self.prescription.unit == "reps":
            return "1 rep" if value == 1 else f"{value} reps"
        return f"{value} {self.prescription.unit}"

    def stays(self) -> str:
        """The headline of a decision that leaves the dose where it is."""
        if self.current is None:
            return "Next time: the same again."
        if self.prescription.progresses and self.at_target:
            return f"Next time: stays at {self.amount(self.current)}, your target."
        return f"Next time: stays at {self.amount(self.current)}."

    def keep(self, rule: str, reason: str, *, easy_at_target: bool = False) -> Decision:
        return Decision(
            kind=KEEP,
            new_target=self.current,
            flagged=False,
            rule=rule,
            headline=self.stays(),
            reason=reason,
            easy_at_target=easy_at_target,
        )

    def warning_signs(self) -> str:
        """What went wrong, as "your pain ..." (no blame: it describes the pain, not the person)."""
        place = REACH_PLACES[self.session.reach_now or 0]
        if self.pain_rose and self.spread:
            return f"your pain rose by {self.pain_rise} points and spread, and now reaches {place}"
        if self.pain_rose:
            return f"your pain rose by {self.pain_rise} points during the session"
        return f"your pain spread, and now reaches {place}"


Rule = Callable[[_Facts], Decision | None]


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _still_paused(f: _Facts) -> Decision | None:
    """A paused item stays paused, whatever this session shows, until a clinician clears it.
    If it was done anyway and shows a warning sign, the clinician is told (flagged)."""
    if not f.history.paused:
        return None
    flagged = f.done and (f.pain_rose or f.spread)
    reason = f"Please leave this one out until {f.checker} has had a look."
    if flagged:
        told = ", so we told your clinician" if f.session.has_clinician else ""
        reason = f"{_capitalized(f.warning_signs())}{told}. {reason}"
    return Decision(
        kind=PAUSE,
        new_target=f.current,
        flagged=flagged,
        rule=STILL_PAUSED,
        headline=f"Paused until {f.checker} checks it.",
        reason=reason,
    )


def _not_done(f: _Facts) -> Decision | None:
    """Every set skipped, or nothing logged: keep, and flag nothing, as the item was not done."""
    if f.done:
        return None
    return f.keep(NOT_DONE, "This one wasn't done last time, and that's fine. It stays as it was.")


def _warning_sign(f: _Facts) -> Decision | None:
    """Pain up 2+ points, or reaching further down the leg: step back (never below the start)
    and flag. When the previous session was flagged too, pause the item."""
    if not (f.pain_rose or f.spread):
        return None
    new_target = f.current
    if f.prescription.progresses:
        new_target = f.prescription.stepped_back(f.current or f.prescription.start or 0)
    if f.history.consecutive_flags + 1 >= FLAGS_THAT_PAUSE:
        return Decision(
            kind=PAUSE,
            new_target=new_target,
            flagged=True,
            rule=SECOND_WARNING_SIGN,
            headline=f"Paused until {f.checker} checks it.",
            reason=(
                "This is the second session in a row that didn't agree with you: "
                f"{f.warning_signs()}. "
                + (
                    "Your clinician will take a look before you carry on."
                    if f.session.has_clinician
                    else "Please check with a doctor or physiotherapist before you carry on."
                )
            ),
        )
    signs = _capitalized(f.warning_signs())
    if new_target is not None and f.current is not None and new_target < f.current:
        return Decision(
            kind=STEP_BACK,
            new_target=new_target,
            flagged=True,
            rule=WARNING_SIGN,
            headline=f"Next time: {f.amount(new_target)}, one step back.",
            reason=f"{signs}, so we eased off{f.told}.",
        )
    return Decision(
        kind=KEEP,
        new_target=f.current,
        flagged=True,
        rule=WARNING_SIGN,
        headline=f.stays(),
        reason=f"{signs}, so we kept it here{f.told}.",
    )


def _incomplete(f: _Facts) -> Decision | None:
    """A set stopped early or skipped, or fewer sets logged than planned: keep."""
    if f.all_completed:
        return None
    return f.keep(
        INCOMPLETE, "Not every set was finished, so it stays here until it feels comfortable."
    )


def _hard(f: _Facts) -> Decision | None:
    """Any set that felt hard: keep."""
    if HARD_EFFORT not in f.efforts:
        return None
    return f.keep(HARD, "It felt hard, so it stays here until it feels easier.")


def _no_check_in(f: _Facts) -> Decision | None:
    """No effort given, or pain or reach at the end unknown: keep, as a step up needs to know
    the session felt all right and the pain did not spread."""
    if not f.efforts:
        return f.keep(
            NO_CHECK_IN,
            "We didn't hear how it felt, so it stays here. "
            "A quick check-in after a set (easy, about right or hard) lets us step it up.",
        )
    if f.session.pain_now is None or f.session.reach_now is None:
        return f.keep(
            NO_CHECK_IN, "We didn't hear how your pain was at the end, so it stays here for now."
        )
    return None


def _pain_higher(f: _Facts) -> Decision | None:
    """Pain 1 point higher at the end than at the start (2 is a warning sign): keep.
    Pain back where it started is fine."""
    if f.pain_rise <= 0:
        return None
    return f.keep(
        PAIN_HIGHER, "Your pain was a little higher at the end, so it stays here for now."
    )


def _at_target(f: _Facts) -> Decision | None:
    """At target: keep there. Every effort easy makes it an easy day at target; on the second
    different day (two sessions on one day count once), offer the next stage, if the exercise
    has one and it has not been offered before."""
    if not f.at_target:
        return None
    easy_days = f.history.easy_at_target_days | ({f.session.day} if f.easy else set())
    next_stage = f.prescription.next_stage_name
    if (
        f.easy
        and next_stage
        and not f.history.next_stage_offered
        and len(easy_days) >= EASY_DAYS_AT_TARGET_FOR_NEXT_STAGE
    ):
        return Decision(
            kind=OFFER_NEXT_STAGE,
            new_target=f.current,
            flagged=False,
            rule=READY_FOR_NEXT_STAGE,
            headline=f"You're ready for the next stage: {next_stage}.",
            reason=(
                "It has been easy at your target on two different days. "
                "Until you move on, it stays as it is."
            ),
            easy_at_target=True,
            next_stage_name=next_stage,
        )
    if f.prescription.progresses:
        reason = "You're at your target. Well done."
    else:
        reason = "It went well. This one stays as " + (
            "your clinician prescribed it." if f.session.has_clinician else "it is."
        )
    if f.easy and next_stage and not f.history.next_stage_offered:
        reason += " One more easy session on another day and you can try the next stage."
    return f.keep(AT_TARGET, reason, easy_at_target=f.easy)


def _once_a_day(f: _Facts) -> Decision | None:
    """Already stepped up on this patient-day (or, oddly, a later one): keep until tomorrow."""
    last = f.history.last_step_up_day
    if last is None or last < f.session.day:
        return None
    return f.keep(ONCE_A_DAY, "You already stepped up today; one step a day keeps it safe.")


def _step_up(f: _Facts) -> Decision:
    """All sets done, easy or about right, pain no worse, reach no further: one step up,
    never above the target. With no current target yet, the start is the current one."""
    current = f.current if f.current is not None else f.prescription.start
    assert current is not None
    new_target = f.prescription.stepped_up(current)
    at_target = ", your target" if new_target == f.prescription.target else ""
    felt = "was easy" if f.easy else "felt about right"
    return Decision(
        kind=STEP_UP,
        new_target=new_target,
        flagged=False,
        rule=WENT_WELL,
        headline=f"Next time: {f.amount(new_target)}{at_target}.",
        reason=f"Your last session {felt} and your pain did not spread.",
    )


RULES: tuple[Rule, ...] = (
    _still_paused,
    _not_done,
    _warning_sign,
    _incomplete,
    _hard,
    _no_check_in,
    _pain_higher,
    _at_target,
    _once_a_day,
)


def decide(
    prescription: Prescription,
    current_target: int | None,
    session: SessionResult,
    history: History | None = None,
) -> Decision:
    """The item's dose for next time, and why: the first rule in ``RULES`` that applies, or
    else a step up.

    ``current_target`` is the progressing number the session was done at (None for an item
    without one; for a progressing item, None means it has not started, so the start).
    ``history`` defaults to a first session.
    """
    current = current_target
    if current is None and prescription.progresses:
        current = prescription.start
    facts = _Facts(prescription, current, session, history or History())
    for rule in RULES:
        decision = rule(facts)
        if decision is not None:
            return decision
    return _step_up(facts)


def replay(
    prescription: Prescription,
    current_target: int | None,
    sessions: Iterable[SessionResult],
    history: History | None = None,
) -> list[Decision]:
    """Decide a run of sessions in order, each from the last one's target and history."""
    history = history or History()
    decisions = []
    for session in sessions:
        decision = decide(prescription, current_target, session, history)
        decisions.append(decision)
        history = history.after(session.day, decision)
        current_target = decision.new_target
    return decisions
