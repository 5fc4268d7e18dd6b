"""Two small middlewares: how long a staff login lasts, and the headers that keep data private.

``staff_session_limits`` ends a staff member's login after STAFF_SESSION_IDLE_SECONDS without a
request, and STAFF_SESSION_MAX_SECONDS after they logged in, whatever they do. The request then
goes on as an anonymous one, so the page asks them to log in again. Patients are left alone:
their login lasts SESSION_COOKIE_AGE (PATIENT_SESSION_DAYS) on their own phone.

``private_and_permissions`` marks every response to a logged-in person ``Cache-Control:
no-store`` (their pages, the htmx partials and the CSV carry a patient's data, and must not
stay in a browser's or a proxy's cache), and sends the Permissions-Policy of PERMISSIONS_POLICY
on every page. Static files are served before it by whitenoise, and anonymous pages (the public
catalog) keep their normal caching.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

LOGIN_STARTED = "staff_login_started"
LAST_SEEN = "staff_last_seen"
# The last request is written down at most once a minute, so most pages write no session.
SEEN_RESOLUTION_SECONDS = 60


@receiver(user_logged_in)
def start_staff_clock(sender, request: HttpRequest, user, **kwargs) -> None:
    if user.is_staff and request is not None and hasattr(request, "session"):
        _seen(request.session, time.time(), started=True)


def _seen(session, now: float, *, started: bool = False) -> None:
    if started:
        session[LOGIN_STARTED] = now
    session[LAST_SEEN] = now
    session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)


def staff_session_limits(get_response: Callable) -> Callable:
    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_staff:
            now = time.time()
            session = request.session
            started = session.get(LOGIN_STARTED)
            last_seen = session.get(LAST_SEEN)
            if started is None or last_seen is None:
                _seen(session, now, started=True)
            elif now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS:
                _end(request, "You were logged out after 30 minutes without activity.")
            elif now - started > settings.STAFF_SESSION_MAX_SECONDS:
                _end(request, "You were logged out: a staff login lasts 12 hours at most.")
            elif now - last_seen > SEEN_RESOLUTION_SECONDS:
                _seen(session, now)
        return get_response(request)

    return middleware


def _end(request: HttpRequest, message: str) -> None:
    logout(request)
    messages.info(request, f"{message} Please log in again.")


def _permissions_policy() -> str:
    return ", ".join(f"{feature}={allow}" for feature, allow in settings.PERMISSIONS_POLICY.items())


def private_and_permissions(get_response: Callable) -> Callable:
    policy = _permissions_policy()

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Permissions-Policy", policy)
        if request.user.is_authenticated:
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        return response

    return middleware
