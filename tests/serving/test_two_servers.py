"""Two gunicorn servers on one PostgreSQL database, as behind a proxy that spreads requests.

One phone logs in on server A and goes on through A and B with the same cookies: the session
must be in the database (or Redis), not in A's memory. Its sets arrive through both, the same
set id through both (one after the other, and both at once), and each is stored exactly once.
Wrong passwords and sign-ups split across A and B add up to one lockout and one limit.

The servers run the production settings (DEBUG off, a fresh SECRET_KEY, collected static
files), over plain HTTP (SECURE_SSL=False), on the test database pytest-django made, so the
rows the test commits are the rows they read. Skipped on SQLite: one file is one box.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
import requests
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection

from sessions.models import SetLog, WorkoutSession
from sessions.plan import session_plan
from tests.factories import (
    PASSWORD,
    ExerciseFactory,
    RoutineFactory,
    RoutineItemFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two app servers need a database server: set DATABASE_URL=postgres://…",
    ),
    pytest.mark.django_db(transaction=True),
]

REDIS_URL = "redis://127.0.0.1:6379/5"
BIN = Path(sys.executable).parent


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path
    redis_url: str

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


def database_url() -> str:
    db = connection.settings_dict
    user = quote(db["USER"], safe="") + (
        f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    )
    address = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{user}@{address}/{db['NAME']}"


def production_env(redis_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL": "False",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "WEB_CONCURRENCY": "2",
        "REDIS_URL": redis_url,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(env: dict[str, str], log: Path) -> Server:
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [BIN / "gunicorn", "-c", "sciatica/gunicorn.conf.py", "sciatica.wsgi"],
            cwd=settings.BASE_DIR,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return Server(f"http://127.0.0.1:{port}", process, log, env["REDIS_URL"])


def wait_until_up(server: Server, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"gunicorn at {server.url} exited:\n{server.tail()}")
        try:
            if requests.get(f"{server.url}/accounts/login/", timeout=2).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or a worker still starting
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn at {server.url} did not answer in time:\n{server.tail()}")


def stop(servers: list[Server]) -> None:
    for server in servers:
        server.process.terminate()
    for server in servers:
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@pytest.fixture(scope="module")
def collected_static():
    """What `make serve` does first: the hashed, compressed files the production pages name."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=production_env(""),
        check=True,
    )


@pytest.fixture(scope="module", params=["database", "redis"])
def servers(request, django_db_setup, collected_static, tmp_path_factory):
    """Servers A and B; sessions in the database, or read through Redis (cached_db).

    One pair for every test of the module: each test commits its own rows (transactional_db)
    and they are flushed after it, while the servers keep running on the same database.
    """
    redis_url = ""
    if request.param == "redis":
        try:
            redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
        except redis.RedisError as error:
            pytest.skip(f"no Redis at {REDIS_URL} ({error}): the database variant still ran")
        redis_url = REDIS_URL
    env, logs = production_env(redis_url), tmp_path_factory.mktemp(f"servers-{request.param}")
    pair = [start(env, logs / "a.log"), start(env, logs / "b.log")]
    try:
        deadline = time.monotonic() + 30
        for server in pair:
            wait_until_up(server, deadline)
        yield pair
    finally:
        stop(pair)


def form_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def page_token(html: str) -> str:
    """The token every logged-in page carries for htmx and the player (static/js/http.js)."""
    return re.search(r"hx-headers='\{\"x-csrftoken\": \"([^\"]+)\"\}'", html).group(1)


def log_in(phone: requests.Session, server: Server, username: str, password: str):
    login = f"{server.url}/accounts/login/"
    token = form_token(phone.get(login, timeout=10).text)
    fields = {"username": username, "password": password, "csrfmiddlewaretoken": token}
    return phone.post(login, fields, allow_redirects=False, timeout=10)


def post_set(cookies: dict, server: Server, session_pk: int, token: str, fields: dict):
    """One set as the player's outbox sends it (static/js/queue.js through http.js)."""
    player = f"{server.url}/sessions/{session_pk}/"
    headers = {
        "HX-Request": "true",
        "HX-Current-URL": player,
        "HX-Target": "set-card",
        "X-CSRFToken": token,
    }
    return requests.post(f"{player}sets/", fields, headers=headers, cookies=cookies, timeout=20)


def set_fields(slot, client_id: str) -> dict:
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return {
        "client_id": client_id,
        "item": str(slot.item_id),
        "set_number": str(slot.set_number),
        "side": slot.side,
        "outcome": "completed",
        "held_seconds": "5",
        "effort": "about_right",
        "started_at": now,
        "finished_at": now,
    }


def test_sets_through_both_servers_are_each_stored_once(servers, safe_patient):
    a, b = servers
    routine = RoutineFactory(cause=safe_patient.cause, patient=safe_patient.user)
    for order in (1, 2):
        RoutineItemFactory(
            routine=routine, order=order, exercise=ExerciseFactory(hold_seconds=5, reps=1, sets=6)
        )
    phone = requests.Session()

    assert log_in(phone, a, "pat", PASSWORD).status_code == 302
    session_key = phone.cookies["sessionid"]
    assert Session.objects.filter(session_key=session_key).exists()
    if a.redis_url:
        cached = redis.Redis.from_url(a.redis_url).scan_iter(match=f"*{session_key}")
        assert list(cached), "with REDIS_URL the session is read through Redis"

    today = phone.get(f"{b.url}/today/", allow_redirects=False, timeout=10)
    assert today.status_code == 200, "server B knows the session server A made"
    start = phone.post(
        f"{b.url}/sessions/start/",
        {"pain": "3", "reach": "1", "csrfmiddlewaretoken": page_token(today.text)},
        allow_redirects=False,
        timeout=10,
    )
    assert start.status_code == 302
    session = WorkoutSession.objects.get(patient=safe_patient)
    player = phone.get(f"{a.url}/sessions/{session.pk}/", timeout=10)
    assert player.status_code == 200
    token, cookies = page_token(player.text), phone.cookies.get_dict()

    slots = session_plan(session).slots
    assert len(slots) == 12
    sent = [str(uuid.uuid4()) for _ in slots]
    answers = []
    # One after the other, alternating servers; then each again through the other server.
    for n, (slot, client_id) in enumerate(zip(slots[:8], sent[:8], strict=True)):
        answers.append(
            post_set(cookies, (a, b)[n % 2], session.pk, token, set_fields(slot, client_id))
        )
    for n, (slot, client_id) in enumerate(zip(slots[:8], sent[:8], strict=True)):
        answers.append(
            post_set(cookies, (b, a)[n % 2], session.pk, token, set_fields(slot, client_id))
        )
    # Both servers at once with the same set, as when a retry overtakes a slow first try.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for slot, client_id in zip(slots[8:], sent[8:], strict=True):
            fields = set_fields(slot, client_id)
            both = [pool.submit(post_set, cookies, s, session.pk, token, fields) for s in (a, b)]
            answers += [future.result() for future in both]

    assert [r.status_code for r in answers if not r.ok] == [], a.tail() + b.tail()
    stored = Counter(
        str(client_id)
        for client_id in SetLog.objects.filter(session=session).values_list("client_id", flat=True)
    )
    assert stored == Counter(sent)
    assert sum(stored.values()) == len(set(sent)) == 12


def test_wrong_passwords_through_both_servers_add_up_to_one_lockout(servers):
    a, b = servers
    UserFactory(username="sam")
    phone = requests.Session()
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(phone, (a, b)[n % 2], "sam", "wrong").status_code == 200
    assert log_in(phone, b, "sam", "wrong").status_code == 429
    paused = log_in(phone, a, "sam", PASSWORD)
    assert paused.status_code == 429
    assert "Logging in is paused" in paused.text
    assert AccessAttempt.objects.get(username="sam").failures_since_start == 5


def clear_of_the_hours_end(margin: float = 30.0) -> None:
    """Wait for the hour to turn if it turns within ``margin`` seconds. The sign-up limit
    counts per clock hour (sciatica.throttle), and the servers keep the machine's own clock: a
    count that started again halfway through a test's attempts would let the last one in."""
    left = 3600 - time.time() % 3600
    if left < margin:
        time.sleep(left + 0.5)


def test_sign_ups_through_both_servers_count_against_one_limit(servers):
    a, b = servers
    clear_of_the_hours_end()
    phone = requests.Session()
    token = form_token(phone.get(f"{a.url}/accounts/signup/", timeout=10).text)
    refused = {"username": "newbie", "password1": "x", "password2": "y", "cause": ""}
    refused["csrfmiddlewaretoken"] = token
    for n in range(settings.SIGNUP_ATTEMPTS_PER_HOUR):
        server = (a, b)[n % 2]
        assert phone.post(f"{server.url}/accounts/signup/", refused, timeout=10).status_code == 400
    throttled = phone.post(f"{a.url}/accounts/signup/", refused, timeout=10)
    assert throttled.status_code == 429
    assert "Too many sign-up attempts" in throttled.text
