"""A small fixed-window rate limit per client address, for forms that are not a login.

The address is the one django-axes uses for the login lockout (so PROXY_COUNT applies alike).
Counts live in the database (sciatica.limits.AttemptCount), like axes' own login attempts, so
every gunicorn worker on every app server adds to the same count. Not in Django's cache: that
is each process's own memory unless REDIS_URL is set, and one code path for both is simpler
than two. Sign-up is rare, so the few statements a count costs do not matter.
"""

import time

from axes.helpers import get_client_ip_address
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest

from sciatica.limits.models import AttemptCount

WINDOW_SECONDS = 60 * 60


def over_limit(request: HttpRequest, action: str, per_hour: int) -> bool:
    """Count one attempt at ``action`` from this address; True past ``per_hour`` this hour."""
    window = int(time.time() // WINDOW_SECONDS)
    address = (get_client_ip_address(request) or "")[:64]
    with transaction.atomic():
        row, _ = AttemptCount.objects.get_or_create(action=action, address=address, window=window)
        AttemptCount.objects.filter(pk=row.pk).update(count=F("count") + 1)
        row.refresh_from_db(fields=["count"])
    AttemptCount.objects.filter(window__lt=window).delete()
    return row.count > per_hour


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The username django-axes records and locks on (``AXES_USERNAME_CALLABLE``).

    Django's login form does not hold a username to the user model's 150 characters before it
    tries to authenticate, so a pasted essay would reach axes' 255-character column, and
    PostgreSQL refuses it (a 500). No account has a longer name, so cutting it at 150 keeps
    every real lockout as it was.
    """
    value = (credentials or request.POST).get("username", "")
    return str(value or "")[:150]
