from django.urls import reverse

from tests.factories import PatientFactory


def test_a_patient_sees_their_own_details_and_that_no_clinician_is_linked(patient_client, patient):
    html = patient_client.get(reverse("account")).content.decode()
    assert patient.user.username in html
    assert patient.time_zone in html
    assert "No clinician is linked to your account" in html


def test_a_linked_patient_sees_their_clinicians_name(client, clinician):
    clinician.first_name, clinician.last_name = "Dana", "Reyes"
    clinician.save()
    patient = PatientFactory(clinician=clinician)
    client.force_login(patient.user)
    html = client.get(reverse("account")).content.decode()
    assert "Dana Reyes sees your sessions" in html


def test_the_account_page_is_for_patients_only(client, clinician):
    assert client.get(reverse("account"))["Location"].startswith(reverse("login"))
    client.force_login(clinician)
    assert client.get(reverse("account")).status_code == 404
