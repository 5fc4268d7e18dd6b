"""Playwright in Debian's Chromium at phone size. Skipped loudly when there is no Chromium."""

import os
from pathlib import Path

import pytest

# pytest-django's live_server runs in this thread while Playwright's sync API holds an event
# loop; Django must be told that is fine. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 412, "height": 915}


def chromium_path() -> str | None:
    """Debian's chromium, or None to let Playwright use its own download if it has one."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def has_playwright_chromium() -> bool:
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache/ms-playwright"))
    return any(cache.glob("chromium*"))


NO_BROWSER = chromium_path() is None and not has_playwright_chromium()


def pytest_collection_modifyitems(config, items):
    if not NO_BROWSER:
        return
    skip = pytest.mark.skip(reason="NO CHROMIUM on this machine: browser test skipped")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if NO_BROWSER:
        terminalreporter.write_line(
            "!!! NO CHROMIUM: the browser tests were SKIPPED. Install chromium. !!!", red=True
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {
        **browser_type_launch_args,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--autoplay-policy=no-user-gesture-required",
        ],
    }
    if path := chromium_path():
        args["executable_path"] = path
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "locale": "en-GB"}


@pytest.fixture
def login(live_server, context):
    """Log a user in by handing the browser a session cookie from the test client."""
    from django.test import Client

    def login_as(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])

    return login_as


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """The static files, collected once, for the live server to serve.

    Tests run with DEBUG off, so neither whitenoise nor the live server looks in the source
    folders: without this, a machine that never ran collectstatic serves no CSS or JS.
    """
    from django.core.management import call_command
    from django.test import override_settings

    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root
