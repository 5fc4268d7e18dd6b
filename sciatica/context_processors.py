import re

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    number = settings.EMERGENCY_NUMBER
    return {
        "signup_open": settings.SIGNUP_OPEN,
        # Rendered as <a href="{{ emergency.tel }}">{{ emergency.number }}</a>: a tap calls it.
        "emergency": {"number": number, "tel": "tel:" + re.sub(r"[^0-9+]", "", number)},
    }
