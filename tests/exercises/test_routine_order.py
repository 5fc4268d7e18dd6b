"""A routine's items come in its own order (order, then id) wherever they are listed."""

import pytest
from django.urls import reverse

from sessions.models import WorkoutSession
from tests.factories import ExerciseFactory, RoutineItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shuffled(routine):
    """Two more items: one put first, one tied with the press-up (order 1), made after it."""
    RoutineItemFactory(routine=routine, order=0, exercise=ExerciseFactory(name="Pelvic tilt"))
    RoutineItemFactory(routine=routine, order=1, exercise=ExerciseFactory(name="Knee hug"))
    return routine


def names(items) -> list[str]:
    return [item.exercise.name for item in items]


def test_listed_is_the_databases_own_order(shuffled):
    """The database's order by Meta.ordering: were that to change, listed() must follow."""
    expected = names(shuffled.items.select_related("exercise"))
    assert expected[:3] == ["Pelvic tilt", "Press-up on elbows", "Knee hug"]
    assert names(shuffled.items.select_related("exercise").listed()) == expected


def test_today_and_the_player_show_the_routine_in_its_order(patient_client, safe_patient, shuffled):
    expected = names(shuffled.items.order_by("order", "id").select_related("exercise"))
    html = patient_client.get(reverse("today")).content.decode()
    assert sorted(expected, key=html.index) == expected
    patient_client.post(reverse("session_start"), {"pain": 3, "reach": 1})
    session = WorkoutSession.objects.get()
    html = patient_client.get(reverse("session_play", args=[session.pk])).content.decode()
    plan = html.split('id="session-plan"')[1]
    assert sorted(expected, key=plan.index) == expected
