"""A removed item is retired: gone from every plan, page and count, its history kept."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from clinic.queries import patients_by_urgency
from exercises.admin import RoutineAdmin
from exercises.models import Routine, RoutineItem
from exercises.services import remove_item
from sessions.models import ProgressionDecision, SetLog
from sessions.plan import session_plan
from sessions.services import start_session
from tests.clinic.helpers import do_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def retired(my_patient, routine, clinician):
    """The press-up, done in one session, then removed by the clinician."""
    do_session(my_patient)
    item = routine.items.get(exercise__name="Press-up on elbows")
    remove_item(item=item, by=clinician)
    return item


def test_the_row_its_sets_and_decisions_survive(retired):
    assert RoutineItem.with_retired.get(pk=retired.pk).retired_at is not None
    assert SetLog.objects.filter(routine_item=retired).count() == 1
    assert ProgressionDecision.objects.filter(routine_item=retired).count() == 1
    assert SetLog.objects.get(routine_item=retired).routine_item == retired  # still followed


def test_today_and_the_player_leave_it_out(client, my_patient, retired):
    client.force_login(my_patient.user)
    today = client.get(reverse("today")).content.decode()
    assert "Press-up on elbows" not in today
    assert "Walking" in today
    session = start_session(patient=my_patient, pain=3, reach=2)
    plan = session_plan(session)
    assert retired.pk not in plan.items
    assert {slot.item_id for slot in plan.slots} == set(plan.items)


def test_the_progression_decides_nothing_for_it(my_patient, retired):
    do_session(my_patient)
    assert ProgressionDecision.objects.filter(routine_item=retired).count() == 1


def test_a_paused_retired_item_does_not_put_the_patient_at_the_top(clinician, my_patient, retired):
    RoutineItem.with_retired.filter(pk=retired.pk).update(paused=True)
    assert patients_by_urgency(clinician).get().paused_items is False


def test_the_editor_cannot_change_it(client, clinician, my_patient, retired):
    client.force_login(clinician)
    url = reverse("clinician_item_update", args=[my_patient.pk, retired.pk])
    assert client.post(url, {}).status_code == 404
    page = client.get(reverse("clinician_patient", args=[my_patient.pk])).content.decode()
    assert f'id="item-{retired.pk}"' not in page
    assert "Press-up on elbows" in page  # in the set log and the timeline


def test_the_admin_counts_only_current_items(rf: RequestFactory, clinician, routine, retired):
    request = rf.get("/")
    request.user = clinician
    counted = RoutineAdmin(Routine, site).get_queryset(request).get(pk=routine.pk)
    assert counted.item_total == 2
