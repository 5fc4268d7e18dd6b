import pytest
from django.urls import reverse

from exercises.models import Routine
from sessions.models import Patient
from tests.factories import ClinicianFactory, PatientFactory, RoutineItemFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_patient_created_by_a_superuser_in_the_admin_gets_the_template_routine(
    client, clinician, routine
):
    template = Routine.objects.create(name="Disc template", cause=routine.cause)
    RoutineItemFactory(routine=template, exercise=routine.items.first().exercise)
    user = UserFactory(username="new-in-clinic")
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:workout_sessions_patient_add"),
        {
            "user": user.pk,
            "cause": routine.cause.pk,
            "clinician": clinician.pk,
            "affected_side": "left",
            "time_zone": "Europe/London",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    patient = Patient.objects.get(user=user)
    assert patient.clinician == clinician
    assert [i.exercise.name for i in user.routine.items.all()] == ["Press-up on elbows"]


def test_the_admin_shows_a_clinician_only_their_own_patients(client, clinician):
    mine = PatientFactory(
        user=UserFactory(username="mine", first_name="Minna"), clinician=clinician
    )
    PatientFactory(
        user=UserFactory(username="theirs", first_name="Theo"), clinician=ClinicianFactory()
    )
    client.force_login(clinician)
    html = client.get(reverse("admin:workout_sessions_patient_changelist")).content.decode()
    assert str(mine) == "Minna"
    assert "Minna" in html
    assert "Theo" not in html


def test_the_admin_lists_templates_and_only_my_patients_routines(client, clinician, routine):
    other = PatientFactory(user=UserFactory(username="other"), clinician=ClinicianFactory())
    Routine.objects.create(name="Someone else's routine", cause=other.cause, patient=other.user)
    Routine.objects.create(name="Template for all", cause=routine.cause)
    routine.patient.patient.clinician = clinician
    routine.patient.patient.save()
    client.force_login(clinician)
    html = client.get(reverse("admin:exercises_routine_changelist")).content.decode()
    assert "Template for all" in html
    assert routine.name in html
    assert "Someone else" not in html


def test_the_admin_list_of_set_logs_shows_my_patients_sets(client, clinician, routine):
    import uuid

    from sessions.models import SetLog, WorkoutSession

    patient = routine.patient.patient
    patient.clinician = clinician
    patient.save()
    session = WorkoutSession.objects.create(
        patient=patient,
        routine=routine,
        local_date=patient.local_date(),
        pain_before=3,
        reach_before=2,
    )
    item = routine.items.get(exercise__name="Walking")
    SetLog.objects.create(
        client_id=uuid.uuid4(),
        session=session,
        routine_item=item,
        exercise=item.exercise,
        set_number=1,
        outcome="completed",
        target_seconds=600,
        held_seconds=600,
    )
    client.force_login(clinician)
    html = client.get(reverse("admin:workout_sessions_setlog_changelist")).content.decode()
    assert "Walking" in html
    assert "1 set log" in html
