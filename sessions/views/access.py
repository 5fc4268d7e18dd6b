"""One access helper per object: it returns the object or raises 404.

Every view that touches a patient's data goes through one of these, so another person's ids
always give a 404 and never a hint that the row exists.
"""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from exercises.views import HtmxHttpRequest  # noqa: F401  (re-exported for the views)
from sessions.models import Patient, WorkoutSession


def get_patient(request: HttpRequest) -> Patient:
    """The logged-in patient, fetched once per request: it is also kept on ``request.user``,
    where the base template reads ``user.patient`` without fetching it again."""
    try:
        patient = Patient.objects.select_related("cause").get(user=request.user)
    except Patient.DoesNotExist:
        raise Http404("Only patients have a routine.") from None
    request.user.patient = patient  # caches both ways: patient.user is request.user too
    return patient


def get_session_for_patient(request: HttpRequest, pk: int) -> WorkoutSession:
    """One of the logged-in patient's sessions, fetched in one query with the patient and
    whether a red flag stands (``with_hold``: the player's writes refuse then). The routine is
    left to the views that plan (one more look then): joining it costs the set-log POST, which
    needs only the routine's id, more than that look."""
    session = get_object_or_404(
        WorkoutSession.objects.select_related("patient").with_hold(),
        pk=pk,
        patient__user=request.user,
    )
    request.user.patient = session.patient
    return session
