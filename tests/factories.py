"""factory-boy factories: every test builds just the rows it needs."""

import json
import uuid
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from exercises.models import (
    Category,
    Cause,
    DoseKind,
    Exercise,
    ExerciseStep,
    Position,
    Routine,
    RoutineItem,
    Suitability,
    SuitabilityLevel,
)
from sessions.models import Patient, SetLog, WorkoutSession

PASSWORD = "correct-horse-battery"


@cache
def _catalog_figures() -> dict[str, dict]:
    rows = json.loads((Path(__file__).parents[1] / "fixtures" / "catalog.json").read_text())
    return {
        r["fields"]["slug"]: r["fields"]["figure"] for r in rows if r["model"].endswith("exercise")
    }


def catalog_figure(slug: str) -> dict:
    """The catalog fixture's figure data for one exercise (a fresh copy)."""
    return json.loads(json.dumps(_catalog_figures()[slug]))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ClinicianFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def clinicians_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get_or_create(name="Clinicians")[0])


class CauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cause
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Cause {n}")
    slug = factory.Sequence(lambda n: f"cause-{n}")
    summary = "A condition that presses on the nerve."


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise

    name = factory.Sequence(lambda n: f"Exercise {n}")
    slug = factory.Sequence(lambda n: f"exercise-{n}")
    category = Category.STRETCHING
    position = Position.ON_BACK
    summary = "Eases the lower back."
    dose_kind = DoseKind.HOLD
    hold_seconds = 10
    reps = 2
    sets = 1
    rest_seconds = 5


class ExerciseStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExerciseStep

    exercise = factory.SubFactory(ExerciseFactory)
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Step number {n}.")


class SuitabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suitability

    exercise = factory.SubFactory(ExerciseFactory)
    cause = factory.SubFactory(CauseFactory)
    level = SuitabilityLevel.RECOMMENDED


class RoutineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Routine

    name = factory.Sequence(lambda n: f"Routine {n}")
    cause = factory.SubFactory(CauseFactory)
    patient = None
    sessions_per_day = 2


class RoutineItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutineItem

    routine = factory.SubFactory(RoutineFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    order = factory.Sequence(lambda n: n)
    dose_kind = factory.SelfAttribute("exercise.dose_kind")
    hold_seconds = factory.SelfAttribute("exercise.hold_seconds")
    reps = factory.SelfAttribute("exercise.reps")
    sets = factory.SelfAttribute("exercise.sets")
    rest_seconds = factory.SelfAttribute("exercise.rest_seconds")
    duration_minutes = factory.SelfAttribute("exercise.duration_minutes")
    progression_start = factory.SelfAttribute("exercise.progression_start")
    progression_target = factory.SelfAttribute("exercise.progression_target")
    progression_step = factory.SelfAttribute("exercise.progression_step")
    current_target = factory.SelfAttribute("progression_start")


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient

    user = factory.SubFactory(UserFactory)
    cause = factory.SubFactory(CauseFactory)
    affected_side = "left"
    time_zone = "Europe/London"


def log_one_set(session, item, **fields):
    """One completed set of ``item`` in ``session``, logged as the player would (set 1)."""
    import uuid

    from sessions.models import SetLog
    from sessions.services import log_set

    values = {"set_number": 1, "side": "", "outcome": SetLog.Outcome.COMPLETED, **fields}
    return log_set(session=session, item=item, client_id=uuid.uuid4(), **values)[0]


def finished_session(patient, *, days_ago=0, pain_before=4, pain_after=3) -> WorkoutSession:
    """A finished session of ``patient``'s routine on their own day ``days_ago`` days back,
    started at this moment's wall-clock time on that day.

    Counted in the patient's days, not in 24-hour steps back from now: across a change of
    daylight saving time those land an hour off, which near midnight is the day before (or
    the same day as) the one meant, so two sessions a day apart could share a day."""
    now = timezone.localtime(timezone.now(), patient.tz)
    day = now.date() - timedelta(days=days_ago)
    started = datetime.combine(day, now.time(), tzinfo=patient.tz).astimezone(UTC)
    return WorkoutSession.objects.create(
        patient=patient,
        routine=patient.user.routine,
        started_at=started,
        local_date=day,
        status="finished",
        pain_before=pain_before,
        reach_before=2,
        pain_after=pain_after,
        reach_after=2,
    )


def stored_set(session, item, *, set_number=1, **fields) -> SetLog:
    """A set of ``item`` stored straight in the table (completed unless ``outcome`` says),
    without ``log_set``'s checks: a history to read back. The database still counts it in its
    day's best."""
    return SetLog.objects.create(
        client_id=uuid.uuid4(),
        session=session,
        routine_item=item,
        exercise=item.exercise,
        set_number=set_number,
        **{"outcome": "completed", **fields},
    )
