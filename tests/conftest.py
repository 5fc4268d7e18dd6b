import pytest

from sessions.models import SafetyCheck
from sessions.services import record_safety_check
from tests.factories import (
    ClinicianFactory,
    ExerciseFactory,
    PatientFactory,
    RoutineFactory,
    RoutineItemFactory,
    UserFactory,
)


@pytest.fixture
def patient(db):
    return PatientFactory(user=UserFactory(username="pat"))


@pytest.fixture
def other_patient(db):
    return PatientFactory(user=UserFactory(username="olga"))


@pytest.fixture
def clinician(db):
    return ClinicianFactory(username="dana")


@pytest.fixture
def patient_client(client, patient):
    client.force_login(patient.user)
    return client


@pytest.fixture
def routine(patient):
    """The patient's own routine: a press-up (hold), a stretch on each side, and a walk."""
    routine = RoutineFactory(
        name="Herniated disc", cause=patient.cause, patient=patient.user, sessions_per_day=4
    )
    RoutineItemFactory(
        routine=routine,
        order=1,
        exercise=ExerciseFactory(
            name="Press-up on elbows",
            hold_seconds=5,
            reps=1,
            sets=1,
            progression_start=5,
            progression_target=30,
            progression_step=5,
        ),
    )
    RoutineItemFactory(
        routine=routine,
        order=2,
        exercise=ExerciseFactory(
            name="Crossed-leg stretch", hold_seconds=10, reps=2, sets=1, sidedness="each_side"
        ),
    )
    RoutineItemFactory(
        routine=routine,
        order=3,
        exercise=ExerciseFactory(
            name="Walking", dose_kind="duration", hold_seconds=None, duration_minutes=10
        ),
    )
    return routine


@pytest.fixture
def safe_patient(patient):
    """A patient who passed the safety check just now."""
    record_safety_check(patient=patient, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))
    return patient


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache (sign-up counts live in the database, in the test's
    transaction; nothing else may leak from one test to the next through the cache)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def vapid(settings):
    """A fresh Web Push key pair in the settings, and retries that do not wait long."""
    from sessions.push import VapidKeys

    keys = VapidKeys.generate()
    settings.VAPID_PUBLIC_KEY, settings.VAPID_PRIVATE_KEY = keys.public, keys.private
    settings.VAPID_SUBJECT = "mailto:operator@example.org"
    settings.PUSH_RETRY_DELAY = 0.01
    return keys


@pytest.fixture
def frozen_now(monkeypatch):
    """``timezone.now()`` holds still from here to the end of the test, at the moment it is.

    For a test that reads the patient's day and then has a view read it again: were midnight to
    fall between the two (a long build, or bad luck), they would be two days, and the test
    would fail on nothing the product did wrong. The moment is the real one, so the test still
    runs at whatever hour it is run. Model defaults (``default=timezone.now``) keep the real
    clock: they name the function itself, not this stand-in."""
    from django.utils import timezone

    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment
