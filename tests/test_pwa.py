"""The manifest, the service worker and the offline page."""

import json

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_manifest_names_the_app_and_starts_at_today(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert (manifest["name"], manifest["display"], manifest["start_url"]) == (
        "Sciatica exercises",
        "standalone",
        reverse("today"),
    )
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes >= {("192x192", "maskable"), ("512x512", "maskable"), ("512x512", "any")}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL))


def test_the_service_worker_is_served_from_the_root_and_never_cached(client):
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert '"/static/js/player.js"' in body
    assert '"/offline/"' in body
    assert 'const VERSION = "' in body


def test_every_page_links_the_manifest(client):
    html = client.get(reverse("home")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'data-service-worker="/sw.js"' in html


def test_the_offline_page_says_what_still_works(client):
    html = client.get(reverse("offline")).content.decode()
    assert "You are offline" in html
    assert "Today and a session you have started open without the network." in html


def test_the_shell_holds_every_file_a_patient_page_loads_and_each_module_they_import():
    """Offline, a module missing from the shell stops the whole player (figure.js once was)."""
    import re
    from pathlib import Path

    from sciatica.pwa import shell

    root = Path(settings.BASE_DIR)
    pages = ["base.html", "sessions/player.html", "sessions/today.html", "pwa/offline.html"]
    wanted = set()
    for page in pages:
        path = root / "templates" / page
        if path.exists():
            wanted |= set(re.findall(r"{% static '([^']+\.(?:js|css))' %}", path.read_text()))
    todo = [name for name in wanted if name.endswith(".js")]
    while todo:
        source = (root / "static" / todo.pop()).read_text()
        for module in re.findall(r'from "\./([\w-]+\.js)"', source):
            if f"js/{module}" not in wanted:
                wanted.add(f"js/{module}")
                todo.append(f"js/{module}")
    assert {"js/player.js", "js/figure.js", "js/timer.js", "css/figures.css"} <= wanted
    assert wanted <= set(shell())
