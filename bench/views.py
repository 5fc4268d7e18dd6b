"""The references ``make bench`` measures the app against, served by the same server.

Mounted under /bench/ only when BENCH is on (sciatica.urls), never in production. Each goes
through the whole middleware stack, as every page does:

- ``bare``: a constant, for anyone: the framework's limit;
- ``bare_logged_in``: the same behind ``login_required``: the session and the user are read,
  the limit for a logged-in page;
- ``insert``: a logged-in POST (with its CSRF token) that stores one row and nothing else, the
  limit for a write such as the set-log POST.

The fourth reference, a static file through whitenoise, needs no view: it is a hashed URL of
``collectstatic``'s output.
"""

import uuid

from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_POST

from bench.models import Write


@require_GET
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_GET
def bare_logged_in(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_POST
def insert(request: HttpRequest) -> HttpResponse:
    """Store one row keyed by the client's UUID: 201, or 400/409 for a bad or repeated id."""
    try:
        client_id = uuid.UUID(request.POST.get("client_id", ""))
    except ValueError:
        return HttpResponse("client_id must be a UUID.", status=400, content_type="text/plain")
    try:
        Write.objects.create(client_id=client_id, user=request.user)
    except IntegrityError:
        return HttpResponse("Already stored.", status=409, content_type="text/plain")
    return HttpResponse("stored", status=201, content_type="text/plain")
