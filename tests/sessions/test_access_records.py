"""The access record: every look a clinician or superuser takes at a patient's data is kept."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from sessions.models import AccessRecord, AppendOnlyError
from sessions.services import start_session
from tests.factories import PatientFactory, UserFactory, log_one_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_patient(clinician, safe_patient, routine):
    safe_patient.clinician = clinician
    safe_patient.save()
    return safe_patient


@pytest.fixture
def logged_set(own_patient, routine):
    session = start_session(patient=own_patient, pain=3, reach=2)
    item = routine.items.first()
    return log_one_set(session, item, held_seconds=5)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", "pw-root-2026")


def test_the_clinicians_patient_page_writes_who_whose_what_when_and_where(
    client, clinician, own_patient
):
    client.force_login(clinician)
    client.get(reverse("clinician_patient", args=[own_patient.pk]), REMOTE_ADDR="10.1.2.3")
    record = AccessRecord.objects.get()
    assert (record.actor_pk, record.actor_username, record.actor_role) == (
        clinician.pk,
        "dana",
        "clinician",
    )
    assert (record.patient_pk, record.patient_username) == (own_patient.pk, "pat")
    assert record.what == "patient page"
    assert record.ip_address == "10.1.2.3"
    assert record.accessed_at is not None


def test_a_filtered_or_paged_set_log_and_the_csv_are_recorded_as_such(
    client, clinician, own_patient
):
    client.force_login(clinician)
    client.get(reverse("clinician_patient", args=[own_patient.pk]), {"page": "2"})
    b"".join(client.get(reverse("clinician_export", args=[own_patient.pk])).streaming_content)
    assert list(AccessRecord.objects.order_by("id").values_list("what", "path")) == [
        ("set log", f"/clinician/patients/{own_patient.pk}/?page=2"),
        ("set log CSV export", f"/clinician/patients/{own_patient.pk}/log.csv"),
    ]


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For")
def test_behind_a_proxy_the_address_the_proxy_added_is_kept(client, clinician, own_patient):
    client.force_login(clinician)
    client.get(
        reverse("clinician_patient", args=[own_patient.pk]),
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",
    )
    assert AccessRecord.objects.get().ip_address == "203.0.113.9"


def test_without_the_proxy_setting_a_forged_header_is_ignored(client, clinician, own_patient):
    client.force_login(clinician)
    client.get(
        reverse("clinician_patient", args=[own_patient.pk]),
        REMOTE_ADDR="10.0.0.7",
        HTTP_X_FORWARDED_FOR="6.6.6.6",
    )
    assert AccessRecord.objects.get().ip_address == "10.0.0.7"


def test_another_patients_page_is_a_404_and_records_nothing(client, clinician):
    stranger = PatientFactory()
    client.force_login(clinician)
    assert client.get(reverse("clinician_patient", args=[stranger.pk])).status_code == 404
    assert not AccessRecord.objects.exists()


def test_a_patient_looking_at_their_own_data_is_not_recorded(patient_client, own_patient):
    assert patient_client.get(reverse("history")).status_code == 200
    assert patient_client.get(reverse("account")).status_code == 200
    assert not AccessRecord.objects.exists()


@pytest.mark.parametrize(
    ("model", "what"),
    [
        ("patient", "admin: patient"),
        ("safetycheck", "admin: safety check"),
        ("workoutsession", "admin: workout session"),
        ("setlog", "admin: set log"),
    ],
)
def test_opening_a_patients_row_in_the_admin_is_recorded(
    client, clinician, own_patient, logged_set, model, what
):
    obj = {
        "patient": own_patient,
        "safetycheck": own_patient.safety_checks.get(),
        "workoutsession": logged_set.session,
        "setlog": logged_set,
    }[model]
    client.force_login(clinician)
    url = reverse(f"admin:workout_sessions_{model}_change", args=[obj.pk])
    assert client.get(url).status_code == 200
    record = AccessRecord.objects.get()
    assert record.what == f"{what} {obj.pk} (change page)"
    assert record.patient_pk == own_patient.pk


def test_opening_a_patients_routine_in_the_admin_is_recorded_but_a_template_is_not(
    client, superuser, own_patient, routine
):
    from tests.factories import RoutineFactory

    template = RoutineFactory(patient=None)
    client.force_login(superuser)
    assert client.get(reverse("admin:exercises_routine_change", args=[template.pk])).status_code
    assert not AccessRecord.objects.exists()
    client.get(reverse("admin:exercises_routine_change", args=[routine.pk]))
    record = AccessRecord.objects.get()
    assert (record.actor_role, record.patient_pk) == ("superuser", own_patient.pk)
    assert record.what == f"admin: routine {routine.pk} (change page)"


def test_records_cannot_be_changed_or_deleted_even_by_code(client, clinician, own_patient):
    client.force_login(clinician)
    client.get(reverse("clinician_patient", args=[own_patient.pk]))
    record = AccessRecord.objects.get()
    record.what = "nothing"
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        AccessRecord.objects.update(what="nothing")
    with pytest.raises(AppendOnlyError):
        AccessRecord.objects.all().delete()
    assert AccessRecord.objects.get().what == "patient page"


def test_a_superuser_reads_records_in_the_admin_but_cannot_change_or_delete_them(
    client, clinician, superuser, own_patient
):
    client.force_login(clinician)
    client.get(reverse("clinician_patient", args=[own_patient.pk]))
    record = AccessRecord.objects.get()
    client.force_login(superuser)
    listing = client.get(reverse("admin:workout_sessions_accessrecord_changelist"))
    assert "dana" in listing.content.decode()
    change = reverse("admin:workout_sessions_accessrecord_change", args=[record.pk])
    page = client.get(change).content.decode()
    assert 'name="_save"' not in page
    assert client.post(change, {"what": "nothing"}).status_code == 403
    delete = reverse("admin:workout_sessions_accessrecord_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:workout_sessions_accessrecord_add")).status_code == 403
    assert AccessRecord.objects.get().what == "patient page"


def test_a_clinician_cannot_read_the_records_in_the_admin(client, clinician):
    client.force_login(clinician)
    url = reverse("admin:workout_sessions_accessrecord_changelist")
    assert client.get(url).status_code == 403


def test_the_patient_sees_who_looked_at_their_data(client, clinician, own_patient):
    clinician.first_name, clinician.last_name = "Dana", "Reyes"
    clinician.save()
    client.force_login(clinician)
    client.get(reverse("clinician_patient", args=[own_patient.pk]))
    client.force_login(own_patient.user)
    html = client.get(reverse("account")).content.decode()
    assert "Who looked at my data" in html
    assert "Dana Reyes</strong> (clinician) viewed your patient page" in html


def test_a_patient_nobody_looked_at_is_told_so(patient_client, patient):
    html = patient_client.get(reverse("account")).content.decode()
    assert "Nobody else has looked at your data yet." in html


def test_records_survive_the_viewers_account_being_deleted(client, own_patient):
    viewer = UserFactory(username="locum", is_staff=True, is_superuser=True)
    client.force_login(viewer)
    client.get(reverse("admin:workout_sessions_patient_change", args=[own_patient.pk]))
    viewer.delete()
    assert AccessRecord.objects.get().actor_username == "locum"
