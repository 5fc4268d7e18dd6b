"""A patient's routine in the admin: items read-only with a link to the editor, and a change
to the routine itself recorded in the patient's timeline with before and after values."""

import pytest
from django.urls import reverse

from exercises.models import RoutineChange
from tests.factories import RoutineFactory, RoutineItemFactory

pytestmark = pytest.mark.django_db


def routine_form(routine, **changes) -> dict[str, object]:
    count = routine.items.count()
    data = {
        "name": routine.name,
        "cause": routine.cause_id,
        "patient": routine.patient_id,
        "sessions_per_day": routine.sessions_per_day,
        "notes": routine.notes,
        "items-TOTAL_FORMS": count,
        "items-INITIAL_FORMS": count,
    }
    data.update(changes)
    return data


def test_a_patients_items_are_read_only_with_a_link_to_the_editor(
    client, clinician, my_patient, routine
):
    client.force_login(clinician)
    html = client.get(reverse("admin:exercises_routine_change", args=[routine.pk])).content
    html = html.decode()
    assert "Press-up on elbows" in html
    assert 'name="items-0-hold_seconds"' not in html
    assert reverse("clinician_patient", args=[my_patient.pk]) in html
    assert "Change this patient's exercises in the clinician's editor" in html


def test_a_template_keeps_editable_items(client, clinician):
    template = RoutineFactory()
    RoutineItemFactory(routine=template)
    client.force_login(clinician)
    html = client.get(reverse("admin:exercises_routine_change", args=[template.pk])).content
    assert 'name="items-0-hold_seconds"' in html.decode()


def test_an_admin_change_to_the_routine_is_in_the_timeline(client, clinician, my_patient, routine):
    client.force_login(clinician)
    url = reverse("admin:exercises_routine_change", args=[routine.pk])
    response = client.post(url, routine_form(routine, sessions_per_day=3))
    assert response.status_code == 302, response.content.decode()[:3000]
    change = RoutineChange.objects.get()
    assert change.changed_by == clinician
    assert change.description == "Changed in the admin: sessions per day 4 → 3."
    routine.refresh_from_db()
    assert routine.sessions_per_day == 3
    assert routine.items.count() == 3  # the read-only items are untouched
    page = client.get(reverse("clinician_patient", args=[my_patient.pk])).content.decode()
    assert "Changed in the admin: sessions per day 4 → 3." in page
