"""Static files and pages as `make serve` sends them: hashed, pre-compressed, cached for good."""

import gzip
import re

import brotli
import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "sciatica.storage.StaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STATIC):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


def hashed(root, name: str):
    stem, ext = name.rsplit(".", 1)
    (match,) = [
        p for p in root.glob(f"{stem}.*.{ext}") if re.fullmatch(r"[0-9a-f]{12}", p.stem[-12:])
    ]
    return match


def test_module_imports_point_at_hashed_names(collected):
    player = hashed(collected, "js/player.js").read_text()
    card = hashed(collected, "js/card.js").name
    assert f'from "./{card}"' in player
    assert 'from "./card.js"' not in player


def test_brotli_and_gzip_copies_are_built_and_decode_to_the_file(collected):
    css = hashed(collected, "css/app.css")
    original = css.read_bytes()
    assert brotli.decompress(css.with_name(css.name + ".br").read_bytes()) == original
    assert gzip.decompress(css.with_name(css.name + ".gz").read_bytes()) == original


@pytest.mark.django_db
def test_whitenoise_sends_hashed_files_immutable_and_in_brotli(collected):
    name = hashed(collected, "css/app.css").name
    with override_settings(STATIC_ROOT=collected, STORAGES=PRODUCTION_STATIC, DEBUG=False):
        response = Client().get(f"/static/css/{name}", headers={"accept-encoding": "br, gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_service_worker_is_served_with_hashed_storage(collected):
    """Production's hashed storage once turned /sw.js into a 500, so no phone went offline-ready."""
    with override_settings(STATIC_ROOT=collected, STORAGES=PRODUCTION_STATIC, DEBUG=False):
        response = Client().get(reverse("service_worker"))
    body = response.content.decode()
    assert response.status_code == 200
    assert hashed(collected, "js/player.js").name in body
    assert '"/static/"' in body


@pytest.mark.django_db
def test_pages_are_sent_gzipped_to_browsers_that_ask(client):
    response = client.get(reverse("home"), headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert b"Sciatica exercises" in gzip.decompress(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "patient_a", "own_clinician", "su"])
def test_every_page_renders_with_the_hashed_storage_of_production(collected, role):
    """The access matrix again, under production's manifest storage: a missing or odd static
    name there is a 500 that development's plain storage never shows."""
    from tests.security.test_access_matrix import ROLES, TABLE, World, _request

    with override_settings(STATIC_ROOT=collected, STORAGES=PRODUCTION_STATIC, DEBUG=False):
        world = World()
        client = Client()
        if (user := world.user(role)) is not None:
            client.force_login(user)
        index = ROLES.index(role)
        wrong = [
            f"{key}: {status}"
            for key, entry in TABLE.items()
            if (status := _request(client, key, entry, world, role)) != entry.statuses[index]
        ]
    assert wrong == []
