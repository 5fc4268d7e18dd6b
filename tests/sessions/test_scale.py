"""Today and the clinician's patient page run a fixed number of queries, however long the
history: the same ceiling at 10 set logs and at ~100,000 (five years, four sessions a day)."""

import pytest
from django.urls import reverse

from sessions.models import SafetyCheck, SetLog
from sessions.services import record_safety_check
from tests.scale import five_years_of_logs, ten_logs

pytestmark = pytest.mark.django_db

TODAY_QUERIES = 9
# The patient page also reads its open alerts, notes and timeline, the clinician's zone, and
# writes its access record (the viewer's role, then the insert).
CLINICIAN_QUERIES = 23


@pytest.fixture
def my_patient(patient, clinician, routine):
    patient.clinician = clinician
    patient.save()
    record_safety_check(patient=patient, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))
    return patient


@pytest.mark.parametrize("size", ["ten", "five_years"])
def test_query_counts_do_not_grow_with_the_history(
    client, clinician, my_patient, routine, django_assert_max_num_queries, size
):
    if size == "ten":
        ten_logs(my_patient, routine)
        assert SetLog.objects.count() == 10
    else:
        assert five_years_of_logs(my_patient, routine) >= 100_000

    client.force_login(my_patient.user)
    with django_assert_max_num_queries(TODAY_QUERIES):
        today = client.get(reverse("today"))
    assert "Press-up on elbows: hold 5 s × 1" in today.content.decode()

    client.force_login(clinician)
    with django_assert_max_num_queries(CLINICIAN_QUERIES):
        detail = client.get(reverse("clinician_patient", args=[my_patient.pk]))
    assert detail.status_code == 200
    assert "Set log" in detail.content.decode()
    with django_assert_max_num_queries(CLINICIAN_QUERIES):
        listing = client.get(reverse("clinician_patients"))
    assert my_patient.user.username in listing.content.decode()
