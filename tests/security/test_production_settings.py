"""DEBUG is off unless asked for, no secret key is made up, and production is HTTPS-only."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.security.production import PRODUCTION, manage, run, settings_of


def test_debug_is_off_without_the_variable():
    assert settings_of(["DEBUG"], SECRET_KEY="k" * 50) == {"DEBUG": False}


def test_without_a_secret_key_production_refuses_to_start_and_says_why():
    result = manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "secrets.token_urlsafe" in result.stderr


def test_development_is_asked_for_explicitly():
    assert settings_of(["DEBUG", "SECURE_SSL_REDIRECT"], DEBUG="True") == {
        "DEBUG": True,
        "SECURE_SSL_REDIRECT": False,
    }


def test_production_is_https_only_with_hsts_and_secure_cookies():
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        "AXES_IPWARE_META_PRECEDENCE_ORDER",
    ]
    seen = settings_of(names, **PRODUCTION)
    assert seen["SECURE_SSL_REDIRECT"] is True
    assert seen["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert seen["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert seen["SECURE_HSTS_PRELOAD"] is True
    assert seen["SESSION_COOKIE_SECURE"] is True
    assert seen["CSRF_COOKIE_SECURE"] is True
    # Behind the documented TLS proxy, its headers are believed: https, and the client address.
    assert seen["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert seen["AXES_IPWARE_META_PRECEDENCE_ORDER"][0] == "HTTP_X_FORWARDED_FOR"


def test_without_a_proxy_no_forwarded_header_is_believed():
    env = PRODUCTION | {"PROXY_COUNT": "0"}
    seen = settings_of(["SECURE_PROXY_SSL_HEADER", "AXES_IPWARE_META_PRECEDENCE_ORDER"], **env)
    assert seen == {
        "SECURE_PROXY_SSL_HEADER": None,
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"],
    }


def test_deploy_check_passes_in_the_documented_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_when_https_is_switched_off():
    """The check above can fail: without SECURE_SSL it names the missing protections."""
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION | {"SECURE_SSL": "False"}
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # HSTS
    assert "security.W008" in result.stderr  # SSL redirect


@pytest.mark.django_db
def test_setup_demo_refuses_with_debug_off():
    """pytest-django runs each test with DEBUG off, as production does."""
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("setup_demo")
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_setup_demo_makes_the_demo_accounts_in_development(settings):
    settings.DEBUG = True
    call_command("setup_demo", verbosity=0)
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert usernames == {"clinician", "patient"}


def test_serve_and_setup_never_make_demo_accounts():
    for target in ("serve", "setup", "test"):
        plan = run(["make", "-n", "-B", target], SECRET_KEY="k" * 50)
        assert plan.returncode == 0, plan.stderr
        assert "load_catalog" in plan.stdout
        assert "setup_demo" not in plan.stdout, target
    assert "setup_demo" in run(["make", "-n", "-B", "run"]).stdout


def test_serve_without_a_secret_key_stops_with_how_to_make_one():
    result = run(["make", "serve"])
    assert result.returncode != 0
    assert "set SECRET_KEY first" in result.stderr
    assert "gunicorn" not in result.stdout
