"""The inbox, the alerts page, the patient's page and the timeline run the same number of
queries for 10 alerts (and decisions, and changes) as for 500."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clinic.models import Alert, AlertKind
from clinic.services import profile_for
from exercises.models import RoutineChange
from sessions.models import ProgressionDecision
from tests.clinic.helpers import do_session

pytestmark = pytest.mark.django_db


def build(patient, routine, clinician, count: int):
    session = do_session(patient, pain_before=2, pain_after=5)
    items = list(routine.items.all())
    now = timezone.now()
    kinds = list(AlertKind)
    Alert.objects.bulk_create(
        Alert(
            patient=patient,
            kind=kinds[n % len(kinds)],
            happened_at=now - timedelta(minutes=n),
            message=f"Alert number {n}.",
            session=session,
            routine_item=items[n % len(items)],
            exercise=items[n % len(items)].exercise,
            inactive_since=(now - timedelta(days=n)).date(),
        )
        for n in range(count)
    )
    ProgressionDecision.objects.bulk_create(
        ProgressionDecision(
            routine_item=items[n % len(items)],
            session=session,
            day=session.local_date,
            decided_at=now - timedelta(minutes=n),
            kind="step_back",
            rule="warning_sign",
            flagged=True,
            from_target=10,
            to_target=5,
            message="Next time: 5 s, one step back.",
        )
        for n in range(count)
    )
    RoutineChange.objects.bulk_create(
        RoutineChange(routine=routine, changed_by=clinician, description=f"Change {n}.")
        for n in range(count)
    )
    acknowledged = Alert.objects.order_by("id")[: count // 2].values_list("id", flat=True)
    Alert.objects.filter(id__in=list(acknowledged)).update(
        acknowledged_at=now, acknowledged_by=clinician
    )
    return session


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_stay_flat_from_10_to_500_alerts(client, clinician, my_patient, routine):
    session = build(my_patient, routine, clinician, 10)
    profile_for(clinician)  # made on a clinician's first visit; not what this test measures
    client.force_login(clinician)
    urls = [
        reverse("clinician_patients"),
        reverse("clinician_alerts"),
        reverse("clinician_patient", args=[my_patient.pk]),
        reverse("clinician_timeline", args=[my_patient.pk]),
        reverse("clinician_session", args=[my_patient.pk, session.pk]),
    ]
    small = [count_queries(client, url) for url in urls]

    Alert.objects.all().delete()
    ProgressionDecision.objects.all().delete()
    RoutineChange.objects.all().delete()
    session = build(my_patient, routine, clinician, 500)
    assert Alert.objects.count() >= 500
    urls[-1] = reverse("clinician_session", args=[my_patient.pk, session.pk])
    large = [count_queries(client, url) for url in urls]
    assert large == small, (small, large)
    print("queries per page (10 and 500 alerts):", small)
    assert max(small) <= 25

    inbox = client.get(urls[0]).content.decode()
    assert inbox.count('class="alert-row') == 10  # the ten most urgent
    assert f"See all {Alert.objects.open().count()} open alerts" in inbox
