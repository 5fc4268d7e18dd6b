"""Writes to the catalog side that touch more than one row."""

from django.db import transaction
from django.utils import timezone

from exercises.models import Cause, Dose, Routine, RoutineChange, RoutineItem


def dose_fields(source: Dose) -> dict[str, object]:
    """The dose and progression values of an exercise or item, ready to copy onto an item."""
    return {name: getattr(source, name) for name in RoutineItem.dose_field_names()}


@transaction.atomic
def assign_template_routine(*, patient_user, cause: Cause) -> Routine:
    """Give a patient their own copy of the cause's template routine.

    A patient who already has a routine keeps it: their history is logged against it. Each
    copied item starts its progression at the template's current target (or its start).
    """
    existing = Routine.objects.filter(patient=patient_user).first()
    if existing is not None:
        return existing
    template = Routine.objects.templates().prefetch_related("items").get(cause=cause)
    routine = Routine.objects.create(
        name=template.name,
        cause=cause,
        patient=patient_user,
        sessions_per_day=template.sessions_per_day,
        notes=template.notes,
    )
    RoutineItem.objects.bulk_create(
        RoutineItem(
            routine=routine,
            exercise_id=item.exercise_id,
            order=item.order,
            current_target=item.current_target or item.progression_start,
            **dose_fields(item),
        )
        for item in template.items.all()
    )
    return routine


class RoutineError(Exception):
    """A change to a routine that cannot be made; the message says why."""


@transaction.atomic
def accept_next_stage(*, item: RoutineItem, by) -> RoutineItem:
    """Swap the item's exercise for its next stage, at that stage's default dose.

    The same item row carries on, so every set logged and every decision stays in its history.
    """
    next_stage = item.exercise.next_stage
    if next_stage is None:
        raise RoutineError(f"{item.exercise} has no next stage.")
    previous = item.exercise
    item.exercise = next_stage
    for name, value in dose_fields(next_stage).items():
        setattr(item, name, value)
    item.current_target = next_stage.progression_start
    item.next_stage_offered = False
    item.save()
    record_change(
        item,
        by,
        f"Moved from {previous} to its next stage, {next_stage} ({next_stage.default_dose}).",
    )
    return item


def record_change(item_or_routine, by, description: str) -> None:
    """Record who changed a routine (or one of its items), when, and how."""
    routine = getattr(item_or_routine, "routine", item_or_routine)
    RoutineChange.objects.create(routine=routine, changed_by=by, description=description)


@transaction.atomic
def add_item(*, routine: Routine, exercise, by) -> RoutineItem:
    """Add an exercise at the end of the routine, at its catalog default dose."""
    last = routine.items.order_by("-order").values_list("order", flat=True).first() or 0
    item = RoutineItem.objects.create(
        routine=routine,
        exercise=exercise,
        order=last + 1,
        current_target=exercise.progression_start,
        **dose_fields(exercise),
    )
    record_change(routine, by, f"Added {exercise} ({item.next_dose}).")
    return item


@transaction.atomic
def remove_item(*, item: RoutineItem, by) -> None:
    """Take an exercise out of the routine by retiring it: the row stays, so its logged sets
    and progression decisions keep pointing at it and stay in the history."""
    item.retired_at = timezone.now()
    item.save(update_fields=["retired_at"])
    record_change(item, by, f"Removed {item.exercise} ({item.next_dose}).")


@transaction.atomic
def move_item(*, item: RoutineItem, by, up: bool) -> None:
    """Swap the item with its neighbour above (or below), renumbering the routine 1..n."""
    items = list(item.routine.items.order_by("order", "id"))
    index = items.index(item)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for number, each in enumerate(items, start=1):
        each.order = number
    RoutineItem.objects.bulk_update(items, ["order"])
    record_change(item, by, f"Moved {item.exercise} {'up' if up else 'down'}.")


@transaction.atomic
def update_item(*, item: RoutineItem, changed: dict[str, tuple[object, object]], by) -> None:
    """Save a clinician's change to an item's dose or progression, saying what changed."""
    item.save()
    if changed:
        parts = ", ".join(
            f"{name.replace('_', ' ')} {before if before is not None else '–'} → {after}"
            for name, (before, after) in changed.items()
        )
        record_change(item, by, f"Changed {item.exercise}: {parts}.")
