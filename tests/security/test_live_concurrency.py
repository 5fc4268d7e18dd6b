"""Many phones at once against a real gunicorn: every set is stored exactly once, and no 5xx.

16 threads each post 50 sets; half of the 800 posts reuse a client_id already posted (from
another thread), as a phone retrying after a lost answer does. The database is a fresh one
made for this test: a SQLite file, or on PostgreSQL (when DATABASE_URL is set) a database
next to the test database, dropped afterwards.
"""

import json
import random
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from bench.database import throwaway_database
from tests.security.production import ROOT, clean_env

pytestmark = pytest.mark.live

THREADS = 16
POSTS_PER_THREAD = 50
SESSIONS = 20
ITEMS = 1
SETS = 10  # on each side: 1 x 10 x 2 = 20 slots a session, 400 in all, each posted twice
CSRF = "c" * 32

SEED = """
import json
from django.test import Client
from sessions.models import WorkoutSession
from tests.factories import ExerciseFactory, PatientFactory, RoutineFactory, RoutineItemFactory
from sessions.plan import session_plan

patient = PatientFactory(affected_side="left")
routine = RoutineFactory(cause=patient.cause, patient=patient.user)
for _ in range(%(items)d):
    exercise = ExerciseFactory(hold_seconds=5, reps=1, sets=%(sets)d, sidedness="each_side")
    RoutineItemFactory(routine=routine, exercise=exercise)
sessions = [
    WorkoutSession.objects.create(
        patient=patient, routine=routine, local_date="2026-12-01", pain_before=3,
        reach_before=1,
    )
    for _ in range(%(sessions)d)
]
client = Client()
client.force_login(patient.user)
print(json.dumps({
    "cookie": client.cookies["sessionid"].value,
    "slots": [
        [session.pk, slot.item_id, slot.set_number, slot.side]
        for session in sessions for slot in session_plan(session).slots
    ],
}))
"""

COUNT = """
from django.db.models import Count
from sessions.models import SetLog
per_session = SetLog.objects.values("session").annotate(n=Count("id")).values_list("n", flat=True)
print(SetLog.objects.count(), SetLog.objects.values("client_id").distinct().count(),
      sorted(per_session))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live_database(tmp_path):
    """A DATABASE_URL of a brand-new, empty database, of the kind the suite runs on."""
    import os

    with throwaway_database(os.environ.get("DATABASE_URL", ""), tmp_path, "_live") as url:
        yield url


@pytest.fixture
def server(live_database):
    """gunicorn on production settings (HTTPS left to the proxy) with a seeded patient."""
    env = clean_env(
        DEBUG="False",
        SECRET_KEY="live-test-" + "k" * 50,
        SECURE_SSL="False",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=live_database,
    )

    def manage(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    manage("migrate", "--noinput", "-v0")
    seeded = json.loads(
        manage(
            "shell", "-c", SEED % {"items": ITEMS, "sets": SETS, "sessions": SESSIONS}
        ).splitlines()[-1]
    )
    port = free_port()
    gunicorn = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "sciatica.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):  # up when it accepts a connection
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield {"url": url, "manage": manage, **seeded}
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=20)


def post_set(base: str, cookie: str, slot: list, client_id: str) -> int:
    session, item, set_number, side = slot
    body = urlencode(
        {
            "client_id": client_id,
            "item": item,
            "set_number": set_number,
            "side": side,
            "outcome": "completed",
            "held_seconds": 5,
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/sessions/{session}/sets/",
        data=body,
        headers={
            "Cookie": f"sessionid={cookie}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_sixteen_phones_posting_at_once_store_every_set_exactly_once(server):
    slots = server["slots"]
    assert len(slots) == SESSIONS * ITEMS * SETS * 2 == THREADS * POSTS_PER_THREAD // 2
    posts = [(slot, str(uuid.uuid4())) for slot in slots]
    # Each set is posted twice, the second time by another thread (a retry after a lost
    # answer, or a second tab): the first half of every thread's posts are new, the second
    # half repeat ids from the thread before it.
    half = POSTS_PER_THREAD // 2
    firsts = [posts[n * half : (n + 1) * half] for n in range(THREADS)]
    work = [firsts[n] + firsts[n - 1] for n in range(THREADS)]
    for batch in work:
        random.Random(len(batch)).shuffle(batch)

    def run(batch):
        return [post_set(server["url"], server["cookie"], slot, cid) for slot, cid in batch]

    started = time.monotonic()
    with ThreadPoolExecutor(THREADS) as pool:
        statuses = [status for result in pool.map(run, work) for status in result]
    elapsed = time.monotonic() - started

    assert len(statuses) == THREADS * POSTS_PER_THREAD
    assert sorted(set(statuses)) == [200], {s: statuses.count(s) for s in set(statuses)}
    counted = server["manage"]("shell", "-c", COUNT).splitlines()[-1]
    rows, distinct, per_session = counted.split(maxsplit=2)
    assert int(rows) == int(distinct) == len(slots)
    assert json.loads(per_session) == [ITEMS * SETS * 2] * SESSIONS
    # About 15 s of posting on an idle 2-core machine; not asserted, as a busy one is slower.
    print(f"{len(statuses)} posts in {elapsed:.1f} s")
