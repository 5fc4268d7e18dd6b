"""The benchmark's reference views: mounted only when BENCH is on, and doing what they say."""

import importlib
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.urls import clear_url_caches

import sciatica.urls
from tests.factories import UserFactory
from tests.security.production import PRODUCTION, settings_of

BENCH_URLS = ["/bench/bare/", "/bench/bare-logged-in/", "/bench/insert/"]


def reload_urls() -> None:
    importlib.reload(sciatica.urls)
    clear_url_caches()


@pytest.fixture
def bench_on():
    """BENCH on, as `make bench` runs it: the bench app installed, its table made, URLs mounted."""
    with override_settings(BENCH=True, INSTALLED_APPS=[*settings.INSTALLED_APPS, "bench"]):
        from bench.models import Write

        with connection.schema_editor() as editor:
            editor.create_model(Write)
        reload_urls()
        try:
            yield Write
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Write)
    reload_urls()


def test_production_settings_leave_the_bench_out():
    seen = settings_of(["BENCH", "INSTALLED_APPS"], **PRODUCTION)
    assert seen["BENCH"] is False
    assert "bench" not in seen["INSTALLED_APPS"]
    assert "bench" in settings_of(["INSTALLED_APPS"], **PRODUCTION, BENCH="True")["INSTALLED_APPS"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", BENCH_URLS)
def test_the_references_are_not_there_when_bench_is_off(client, url):
    assert settings.BENCH is False
    assert "bench" not in settings.INSTALLED_APPS
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.post(url, {"client_id": str(uuid.uuid4())}).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_bare_view_answers_anyone_with_a_constant(bench_on):
    response = Client().get("/bench/bare/")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db(transaction=True)
def test_the_logged_in_view_sends_anonymous_people_to_log_in(bench_on):
    response = Client().get("/bench/bare-logged-in/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client = Client()
    client.force_login(UserFactory())
    response = client.get("/bench/bare-logged-in/")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db(transaction=True)
def test_the_insert_view_stores_one_row_per_uuid_and_refuses_bad_ids(bench_on):
    Write = bench_on
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/bench/bare-logged-in/")
    assert client.post("/bench/insert/", {"client_id": str(uuid.uuid4())}).status_code == 403

    client.cookies["csrftoken"] = "t" * 32
    headers = {"X-CSRFToken": "t" * 32}
    client_id = uuid.uuid4()
    created = client.post("/bench/insert/", {"client_id": str(client_id)}, headers=headers)
    assert created.status_code == 201
    again = client.post("/bench/insert/", {"client_id": str(client_id)}, headers=headers)
    assert again.status_code == 409
    bad = client.post("/bench/insert/", {"client_id": "not-a-uuid"}, headers=headers)
    assert bad.status_code == 400
    assert list(Write.objects.values_list("client_id", "user")) == [(client_id, user.pk)]
