"""The time zone a clinician's pages show times in."""

from zoneinfo import ZoneInfo

from django.conf import settings

from clinic.models import ClinicianProfile


def clinician_zone(user) -> ZoneInfo:
    """The clinician's own zone, from their profile (set on /clinician/clinic/); the server's
    ``TIME_ZONE`` for a clinician who has no profile yet."""
    zone = ClinicianProfile.objects.filter(user=user).values_list("time_zone", flat=True).first()
    return ZoneInfo(zone or settings.TIME_ZONE)
