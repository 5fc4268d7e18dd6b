"""Writes to the catalog side that touch more than one row."""

from django.db import transaction

from exercises.models import Cause, Dose, Routine, RoutineItem


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
