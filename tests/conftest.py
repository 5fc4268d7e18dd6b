import pytest

from tests.factories import ClinicianFactory, PatientFactory, UserFactory


@pytest.fixture
def patient(db):
    return PatientFactory(user=UserFactory(username="pat"))


@pytest.fixture
def other_patient(db):
    return PatientFactory(user=UserFactory(username="olga"))


@pytest.fixture
def clinician(db):
    return ClinicianFactory(username="dana")


@pytest.fixture
def patient_client(client, patient):
    client.force_login(patient.user)
    return client
