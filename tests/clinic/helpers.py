"""Sessions done through the patient's own services, for the clinic's tests."""

from django.utils import timezone

from tests.sessions.test_progress import do_session as do_session_at


def do_session(
    patient,
    *,
    pain_before: int = 3,
    reach_before: int = 2,
    pain_after: int = 3,
    reach_after: int = 2,
    effort: str = "easy",
):
    """A whole session now, every set done in full with the given check-in."""
    return do_session_at(
        patient,
        timezone.now(),
        effort=effort,
        pain_before=pain_before,
        pain_after=pain_after,
        reach=reach_before,
        reach_after=reach_after,
    )
