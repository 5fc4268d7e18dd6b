"""A small fixed-window rate limit per client address, for forms that are not a login.

The address is the one django-axes uses for the login lockout (so PROXY_COUNT applies alike).
Counts live in Django's cache: shared through Redis when REDIS_URL is set; otherwise the
in-memory cache counts per server process, so with several gunicorn workers, per worker.
"""

import time

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 60 * 60


def over_limit(request: HttpRequest, action: str, per_hour: int) -> bool:
    """Count one attempt at ``action`` from this address; True past ``per_hour`` this hour."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"throttle:{action}:{get_client_ip_address(request)}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        return cache.incr(key) > per_hour
    except ValueError:  # the count expired between add and incr: this is the first attempt
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        return False


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The username django-axes records and locks on (``AXES_USERNAME_CALLABLE``).

    Django's login form does not hold a username to the user model's 150 characters before it
    tries to authenticate, so a pasted essay would reach axes' 255-character column, and
    PostgreSQL refuses it (a 500). No account has a longer name, so cutting it at 150 keeps
    every real lockout as it was.
    """
    value = (credentials or request.POST).get("username", "")
    return str(value or "")[:150]
