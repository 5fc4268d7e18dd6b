"""One access helper per object: it returns the object or raises 404.

Every view that touches a patient's data goes through one of these, so another person's ids
always give a 404 and never a hint that the row exists.
"""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from exercises.views import HtmxHttpRequest  # noqa: F401  (re-exported for the views)
from sessions.models import Patient, WorkoutSession


def get_patient(request: HttpRequest) -> Patient:
    try:
        return Patient.objects.select_related("user", "cause").get(user=request.user)
    except Patient.DoesNotExist:
        raise Http404("Only patients have a routine.") from None


def get_session_for_patient(request: HttpRequest, pk: int) -> WorkoutSession:
    patient = get_patient(request)
    session = get_object_or_404(
        WorkoutSession.objects.select_related("routine"), pk=pk, patient=patient
    )
    session.patient = patient
    return session
