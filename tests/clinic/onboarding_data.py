"""Rows the onboarding tests share: a cause with a template routine, and a new patient."""

from clinic import services
from tests.factories import (
    CauseFactory,
    ExerciseFactory,
    ExerciseStepFactory,
    RoutineFactory,
    RoutineItemFactory,
)


def herniated_disc_template():
    """The herniated-disc template: a press-up (with steps and cautions) and a walk."""
    cause = CauseFactory(name="Herniated disc", slug="herniated-disc")
    template = RoutineFactory(name="Herniated disc routine", cause=cause, sessions_per_day=2)
    press_up = ExerciseFactory(
        name="Press-up on elbows",
        hold_seconds=5,
        reps=3,
        sets=1,
        progression_start=5,
        progression_target=30,
        progression_step=5,
        cautions="Stop if the pain spreads further down your leg.",
    )
    ExerciseStepFactory(exercise=press_up, order=1, text="Lie on your front on the mat.")
    ExerciseStepFactory(exercise=press_up, order=2, text="Lift your chest onto your elbows.")
    RoutineItemFactory(routine=template, order=1, exercise=press_up)
    walk = ExerciseFactory(
        name="Walking", dose_kind="duration", hold_seconds=None, duration_minutes=10
    )
    RoutineItemFactory(routine=template, order=2, exercise=walk)
    return template


def add_patient(clinician, cause, **overrides):
    fields = {
        "first_name": "Jane",
        "last_name": "Smith",
        "email": "",
        "cause": cause,
        "affected_side": "right",
        "time_zone": "America/New_York",
        "sessions_per_day": 3,
        **overrides,
    }
    return services.add_patient(clinician=clinician, **fields)
