"""The time zone a clinician's pages show times in."""

from zoneinfo import ZoneInfo

from django.conf import settings


def clinician_zone(user) -> ZoneInfo:
    """The clinician's own zone. Clinicians have no zone setting yet, so this is the server's
    ``TIME_ZONE``; it is the one place to read their own once they have one."""
    return ZoneInfo(settings.TIME_ZONE)
