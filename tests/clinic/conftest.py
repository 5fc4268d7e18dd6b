import pytest


@pytest.fixture
def my_patient(safe_patient, clinician, routine):
    """The clinician's own patient, past the safety check, with the three-exercise routine."""
    safe_patient.clinician = clinician
    safe_patient.save()
    return safe_patient


@pytest.fixture
def clinician_client(client, clinician):
    client.force_login(clinician)
    return client
