"""Clinic codes: made, read back as typed, regenerated; and the link requests made with them."""

import pytest
from django.contrib.auth.models import Group

from clinic import codes, services
from clinic.forms import ClinicCodeForm
from clinic.models import LinkRequest
from clinic.queries import patients_by_urgency
from tests.factories import ClinicianFactory, PatientFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_code_has_eight_symbols_without_look_alikes():
    code = codes.new_code()
    assert len(code) == 8
    assert set(code) <= set(codes.ALPHABET)
    assert not set("01OILSZ5") & set(codes.ALPHABET)


def test_a_code_is_shown_in_two_groups_and_read_back_however_it_is_typed():
    assert codes.format_code("K7QM3XRT") == "K7QM-3XRT"
    assert codes.normalize_code(" k7qm-3xrt ") == "K7QM3XRT"
    assert codes.normalize_code("k7qm 3xrt") == "K7QM3XRT"


def test_each_clinician_gets_one_lasting_code(clinician):
    profile = services.profile_for(clinician)
    assert services.profile_for(clinician).clinic_code == profile.clinic_code
    other = services.profile_for(ClinicianFactory(username="other"))
    assert other.clinic_code != profile.clinic_code


def test_a_typed_code_finds_its_clinician(clinician):
    profile = services.profile_for(clinician)
    typed = codes.format_code(profile.clinic_code).lower()
    form = ClinicCodeForm({"code": typed})
    assert form.is_valid()
    assert form.cleaned_data["code"] == clinician


def test_an_unknown_code_is_refused_with_a_message():
    form = ClinicCodeForm({"code": "AAAA-AAAA"})
    assert not form.is_valid()
    assert "No clinic has this code" in form.errors["code"][0]


def test_a_regenerated_code_replaces_the_old_one(clinician):
    profile = services.profile_for(clinician)
    old = profile.clinic_code
    services.regenerate_code(profile=profile)
    profile.refresh_from_db()
    assert profile.clinic_code != old
    assert not ClinicCodeForm({"code": old}).is_valid()
    assert ClinicCodeForm({"code": profile.clinic_code}).is_valid()


def test_the_code_of_someone_no_longer_a_clinician_stops_working(clinician):
    profile = services.profile_for(clinician)
    clinician.groups.remove(Group.objects.get(name="Clinicians"))
    assert not ClinicCodeForm({"code": profile.clinic_code}).is_valid()


@pytest.fixture
def solo():
    """A patient who signed up alone: no clinician."""
    return PatientFactory(user=UserFactory(username="solo"))


def test_a_request_waits_and_nobody_sees_the_patient_until_accepted(clinician, solo):
    link_request = services.request_link(patient=solo, clinician=clinician)
    assert link_request.status == LinkRequest.Status.PENDING
    solo.refresh_from_db()
    assert solo.clinician is None
    assert solo not in patients_by_urgency(clinician)


def test_accepting_makes_the_patient_the_clinicians(clinician, solo):
    link_request = services.request_link(patient=solo, clinician=clinician)
    services.decide_link_request(link_request=link_request, accept=True)
    solo.refresh_from_db()
    assert solo.clinician == clinician
    assert solo in patients_by_urgency(clinician)
    link_request.refresh_from_db()
    assert link_request.status == LinkRequest.Status.ACCEPTED
    assert link_request.decided_at is not None


def test_declining_leaves_the_patient_unlinked(clinician, solo):
    link_request = services.request_link(patient=solo, clinician=clinician)
    services.decide_link_request(link_request=link_request, accept=False)
    solo.refresh_from_db()
    assert solo.clinician is None
    link_request.refresh_from_db()
    assert link_request.status == LinkRequest.Status.DECLINED


def test_a_request_is_answered_once(clinician, solo):
    link_request = services.request_link(patient=solo, clinician=clinician)
    services.decide_link_request(link_request=link_request, accept=False)
    with pytest.raises(services.ClinicError, match="already answered"):
        services.decide_link_request(link_request=link_request, accept=True)
    solo.refresh_from_db()
    assert solo.clinician is None


def test_a_new_request_replaces_a_pending_one(clinician, solo):
    first = services.request_link(patient=solo, clinician=clinician)
    other = ClinicianFactory(username="other")
    second = services.request_link(patient=solo, clinician=other)
    first.refresh_from_db()
    assert first.status == LinkRequest.Status.WITHDRAWN
    assert list(LinkRequest.objects.pending().filter(patient=solo)) == [second]
    with pytest.raises(services.ClinicError):
        services.decide_link_request(link_request=first, accept=True)


def test_a_linked_patient_cannot_ask_again(clinician):
    patient = PatientFactory(clinician=clinician)
    with pytest.raises(services.ClinicError, match="already linked"):
        services.request_link(patient=patient, clinician=ClinicianFactory(username="other"))
    assert not LinkRequest.objects.exists()


def test_withdrawing_ends_the_pending_request(clinician, solo):
    link_request = services.request_link(patient=solo, clinician=clinician)
    assert services.withdraw_link_request(patient=solo) == 1
    link_request.refresh_from_db()
    assert link_request.status == LinkRequest.Status.WITHDRAWN
