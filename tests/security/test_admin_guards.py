"""The admin leaks no account by id, lets no clinician attach an account, and never fails.

The date drill-down and "no add" tests are generated from the admin registry, so an admin
added later is tried too.
"""

from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from exercises.models import Routine
from sessions.models import Patient
from tests.factories import ClinicianFactory, PatientFactory, UserFactory

pytestmark = pytest.mark.django_db

DRILLED = [
    (model, model_admin)
    for model, model_admin in admin.site._registry.items()
    if model_admin.date_hierarchy
]
BAD_DRILLDOWNS = [
    {"year": "9999", "month": "12"},
    {"year": "9999"},
    {"year": "99999999999"},
    {"year": "2026", "month": "13"},
    {"year": "2026", "month": "2", "day": "30"},
    {"year": "2026", "month": "99999999999999999999"},
    {"month": "99999999999999999999"},
    {"year": "-1"},
    {"year": "abc"},
]


def test_the_registry_has_date_drilldowns_to_try():
    names = {model._meta.label for model, _ in DRILLED}
    assert {"workout_sessions.SetLog", "workout_sessions.WorkoutSession"} <= names


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.mark.parametrize(("model", "model_admin"), DRILLED, ids=[m._meta.label for m, _ in DRILLED])
@pytest.mark.parametrize("parts", BAD_DRILLDOWNS, ids=lambda p: "&".join(p.values()))
def test_an_impossible_date_drilldown_is_a_400_with_a_message(
    client, superuser, model, model_admin, parts
):
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    query = {f"{model_admin.date_hierarchy}__{part}": value for part, value in parts.items()}
    response = client.get(url, query)
    assert response.status_code == 400
    assert "cannot be shown" in response.content.decode()


@pytest.mark.parametrize(("model", "model_admin"), DRILLED, ids=[m._meta.label for m, _ in DRILLED])
def test_a_possible_date_drilldown_with_nothing_in_it_is_an_empty_page(
    client, superuser, model, model_admin
):
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    field = model_admin.date_hierarchy
    response = client.get(url, {f"{field}__year": "9999", f"{field}__month": "11"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


AS_SUPERUSER = SimpleNamespace(user=SimpleNamespace(is_superuser=True, is_staff=True))
READ_ONLY = [
    (model, model_admin)
    for model, model_admin in admin.site._registry.items()
    if model_admin.all_read_only(AS_SUPERUSER)
]


def test_the_registry_has_read_only_admins_to_try():
    names = {model._meta.label for model, _ in READ_ONLY}
    assert {"workout_sessions.SafetyCheck", "workout_sessions.WorkoutSession"} <= names


@pytest.mark.parametrize(
    ("model", "model_admin"), READ_ONLY, ids=[m._meta.label for m, _ in READ_ONLY]
)
def test_a_model_with_only_read_only_fields_offers_no_add(client, superuser, model, model_admin):
    client.force_login(superuser)
    opts = model._meta
    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    assert reverse(f"admin:{opts.app_label}_{opts.model_name}_add") not in (
        changelist.content.decode()
    )
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == 403


# Pickers: a clinician sees no account by id and attaches none.


@pytest.fixture
def boss(db):
    return UserFactory(username="chief-superuser", is_staff=True, is_superuser=True)


def test_a_clinician_adding_a_patient_in_the_admin_is_sent_to_their_own_page(
    client, clinician, boss
):
    client.force_login(clinician)
    response = client.get(
        reverse("admin:workout_sessions_patient_add"), {"user": boss.pk}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("clinician_patients")
    assert "Patients are added from My patients" in html
    assert "chief-superuser" not in html


def test_a_clinician_cannot_attach_an_existing_account_as_a_patient(client, clinician, boss):
    PatientFactory(clinician=clinician)
    client.force_login(clinician)
    response = client.post(
        reverse("admin:workout_sessions_patient_add"),
        {"user": boss.pk, "cause": Patient.objects.get().cause_id, "affected_side": "left"},
    )
    assert response.status_code == 302
    assert not Patient.objects.filter(user=boss).exists()


def test_a_clinician_cannot_add_users_in_the_admin(client, clinician):
    client.force_login(clinician)
    response = client.get(reverse("admin:auth_user_add"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("clinician_patients")
    assert "Patients are added from My patients" in response.content.decode()
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:auth_user_add") not in index
    assert reverse("admin:workout_sessions_patient_add") not in index


def test_a_clinician_cannot_swap_the_account_or_clinician_of_their_patient(client, clinician, boss):
    mine = PatientFactory(clinician=clinician)
    Routine.objects.create(name="Their routine", cause=mine.cause, patient=mine.user)
    client.force_login(clinician)
    url = reverse("admin:workout_sessions_patient_change", args=[mine.pk])
    page = client.get(url).content.decode()
    assert 'name="user"' not in page
    assert 'name="clinician"' not in page
    client.post(
        url,
        {
            "user": boss.pk,
            "clinician": boss.pk,
            "cause": mine.cause_id,
            "affected_side": "right",
            "time_zone": "Europe/London",
        },
    )
    mine.refresh_from_db()
    assert (mine.user_id, mine.clinician_id, mine.affected_side) == (
        mine.user_id,
        clinician.pk,
        "right",
    )
    assert mine.user != boss


def test_a_routine_for_a_clinician_offers_only_their_own_patients(client, clinician, boss):
    mine = PatientFactory(user=UserFactory(username="my-patient"), clinician=clinician)
    PatientFactory(user=UserFactory(username="not-my-patient"), clinician=ClinicianFactory())
    client.force_login(clinician)
    response = client.get(reverse("admin:exercises_routine_add"), {"patient": boss.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "chief-superuser" not in html
    assert "not-my-patient" not in html
    choices = list(response.context["adminform"].form.fields["patient"].queryset)
    assert choices == [mine.user]
    assert "vForeignKeyRawIdAdminField" not in html


def test_a_clinician_cannot_give_a_routine_to_someone_elses_account(client, clinician, boss):
    client.force_login(clinician)
    response = client.post(
        reverse("admin:exercises_routine_add"),
        {
            "name": "Sneaky",
            "cause": PatientFactory(clinician=clinician).cause_id,
            "patient": boss.pk,
            "sessions_per_day": 1,
            "items-TOTAL_FORMS": 0,
            "items-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Routine.objects.filter(patient=boss).exists()


def test_the_patient_list_clinician_filter_shows_only_the_viewer(client, clinician):
    other = ClinicianFactory(username="other-clinician")
    PatientFactory(clinician=clinician)
    PatientFactory(clinician=other)
    client.force_login(clinician)
    response = client.get(reverse("admin:workout_sessions_patient_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "other-clinician" not in html
    filters = {spec.title: spec for spec in response.context["cl"].filter_specs}
    assert [label for _, label in filters["clinician"].lookup_choices] == [str(clinician)]


def test_a_superuser_still_sees_every_clinician_in_the_filter(client, clinician, boss):
    other = ClinicianFactory(username="other-clinician")
    PatientFactory(clinician=clinician)
    PatientFactory(clinician=other)
    client.force_login(boss)
    html = client.get(reverse("admin:workout_sessions_patient_changelist")).content.decode()
    assert "other-clinician" in html
    assert get_user_model().objects.count() == 5
