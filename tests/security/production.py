"""Run the project's settings as production would: a fresh process with a clean environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The documented production environment (README, "Running it in production").
PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "exercises.example.org",
    "PROXY_COUNT": "1",
}
OPERATOR_VARIABLES = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL",
    "PROXY_COUNT",
    "PATIENT_SESSION_DAYS",
)


def clean_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in OPERATOR_VARIABLES}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests', never production's
    return env | overrides


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=ROOT, env=clean_env(**env), capture_output=True, text=True, timeout=120
    )


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return run([sys.executable, "manage.py", *args], **env)


def settings_of(names: list[str], **env: str) -> dict:
    """The named settings as a fresh process with this environment sees them."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}, default=str))"
    )
    result = run([sys.executable, "-c", code], DJANGO_SETTINGS_MODULE="sciatica.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
