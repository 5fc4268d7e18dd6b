"""The installable app: the web app manifest, the service worker and the offline page.

The service worker is served from the site root by a view (not from /static/), so its scope
is the whole site. Its cache name carries a hash of every precached file's content, so any
change to the app shell installs a new cache and the old one is deleted.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

# The app shell: everything a page needs to run without the network. Every stylesheet and
# script of the app's own is in it, found in static/ rather than listed by hand, so a module
# added to the player (figure.js was once missed) is cached with the rest. htmx is not: only the
# catalog's cause page uses it, and that page works through plain links without it. The
# clinician's and staff's own scripts stay out too: they are never used offline.
OWN_STATIC = Path(__file__).resolve().parent.parent / "static"
NOT_OFFLINE = {"js/figure-admin.js", "js/print.js", "js/sw-push.js"}
ICONS = [
    "img/icon.svg",
    "img/icon-192.png",
    "img/icon-512.png",
    "img/icon-maskable-192.png",
    "img/icon-maskable-512.png",
]


@cache
def own_assets() -> list[str]:
    found = sorted(
        path.relative_to(OWN_STATIC).as_posix()
        for folder in ("css", "js")
        for path in (OWN_STATIC / folder).glob("*.*")
    )
    return [name for name in found if name not in NOT_OFFLINE] + ICONS


THEME_COLOUR = "#1f6f5c"
BACKGROUND_COLOUR = "#f7f6f2"


def shell() -> list[str]:
    # In development django-htmx adds its debug helper to every page.
    return own_assets() + (["django_htmx/django-htmx.js"] if settings.DEBUG else [])


def _shell_hash() -> str:
    digest = hashlib.sha256()
    for path in shell():
        found = finders.find(path)
        digest.update(path.encode())
        if found:
            with open(found, "rb") as file:
                digest.update(file.read())
    return digest.hexdigest()[:12]


_cached_shell_hash = cache(_shell_hash)


def shell_version() -> str:
    """Changes whenever a shell file changes (read each time in development)."""
    return _shell_hash() if settings.DEBUG else _cached_shell_hash()


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    precache = [static(path) for path in shell()] + [reverse("offline")]
    response = render(
        request,
        "pwa/service-worker.js",
        {
            "version": shell_version(),
            "precache": json.dumps(precache),
            "offline_url": json.dumps(reverse("offline")),
            # STATIC_URL, not static(""): hashed storage has no manifest entry for ""
            "static_prefix": json.dumps(settings.STATIC_URL),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def manifest(request: HttpRequest) -> JsonResponse:
    def icon(path: str, size: int, purpose: str) -> dict[str, str]:
        return {
            "src": static(path),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }

    response = JsonResponse(
        {
            "name": "Sciatica exercises",
            "short_name": "Sciatica",
            "description": "Your sciatica exercises, one timed set at a time.",
            "id": reverse("today"),
            "start_url": reverse("today"),
            "scope": "/",
            "display": "standalone",
            "orientation": "any",
            "theme_color": THEME_COLOUR,
            "background_color": BACKGROUND_COLOUR,
            "icons": [
                icon("img/icon-192.png", 192, "any"),
                icon("img/icon-512.png", 512, "any"),
                icon("img/icon-maskable-192.png", 192, "maskable"),
                icon("img/icon-maskable-512.png", 512, "maskable"),
            ],
        },
        content_type="application/manifest+json",
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """Shown by the service worker for a page that was never opened on this phone."""
    return render(request, "pwa/offline.html")
