from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """Settings every page may show: whether sign-up is open, and the emergency number
    (``{{ emergency_number }}``, as a link: ``<a href="tel:{{ emergency_number }}">``)."""
    return {"signup_open": settings.SIGNUP_OPEN, "emergency_number": settings.EMERGENCY_NUMBER}
