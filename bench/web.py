"""The HTTP part of ``make bench``: the app under wrk, beside its references, on one server.

``python -m bench.web --out FILE.json [--database-url postgres://...] [--browser-out FILE.json]``

1. A throwaway database: a SQLite file in a temporary folder, or, given a PostgreSQL URL, a
   database of its own on that server (``<name>_bench``), created here and dropped at the end.
2. Migrated, the catalog loaded, then a clinician and their patient (known passwords, the
   safety check done) with about 150,000 set logs from ``tests.scale.five_years_of_logs``: the
   one patient whose Today, player, history and clinician's page are measured. Today's session
   is open (three sets done) for the player page. For the set-log POST, open sessions with
   60,000 slots in all, dated before that history: the POSTs fill the slots one by one, so each
   2xx stores one new row, and none of them shows on Today or History.
3. ``collectstatic``, then gunicorn with sciatica/gunicorn.conf.py on a free loopback port, with
   production settings (DEBUG off, a random SECRET_KEY) over plain HTTP, and BENCH on for the
   reference views.
4. A real login for each (GET the form, POST it), keeping the session cookie, and the CSRF
   token from Today's ``<body hx-headers>``, where the phone's outbox reads it.
5. wrk at 16 connections, a warm-up then the measured run, against each reference and page
   (bench/wrk/*.lua). After the POST, the stored rows are counted against the answers.
6. The same server with the other worker class (sync and gthread, both from the same conf),
   on the logged-in bare view, Today and the POST, to show which class suits this app.
7. With ``--browser-out``, ``bench.browser`` runs against this server (the patient's login).

The checks are the issue's targets; every ratio compares runs of this one process.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import math
import os
import re
import runpy
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from bench import loadgen
from bench.database import throwaway_database
from bench.report import Check, Section, dump

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
CONF = ROOT / "sciatica" / "gunicorn.conf.py"

PATIENT, CLINICIAN = "bench-patient", "bench-clinician"
PASSWORD = "bench-pass-2026"
TARGET_LOGS = 150_000
# Fresh slots for the set-log POSTs of a whole run, however fast the POST becomes.
POST_SLOTS = 60_000
# Seconds of wrk. Each request of the main table: a warm-up that is thrown away, then ROUNDS
# measured runs of SECONDS, the requests taking turns round by round, so a request and its
# reference meet the same bursts of load elsewhere on the machine (one run each swung the
# POST's ratio from 0.41 to 0.69 between two runs of the bench). BENCH_SECONDS and
# BENCH_ROUNDS shorten or lengthen them; the comparison of worker classes runs once, 4/3 as long.
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARMUP = max(1, round(SECONDS * ROUNDS / 4))
COMPARE_SECONDS = max(2, round(SECONDS * 4 / 3))
COMPARE_WARMUP = 1

# The environment a production server reads; the bench sets its own and drops the caller's.
OPERATOR_VARIABLES = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL",
    "PROXY_COUNT",
    "DATABASE_URL",
    "BENCH",
    "GUNICORN_BIND",
    "GUNICORN_THREADS",
    "WEB_CONCURRENCY",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def conf_defaults() -> dict:
    """Workers, threads and worker class as sciatica/gunicorn.conf.py sets them by default."""
    saved = {name: os.environ.pop(name) for name in OPERATOR_VARIABLES if name in os.environ}
    try:
        conf = runpy.run_path(str(CONF))
    finally:
        os.environ.update(saved)
    return {
        "workers": conf["workers"],
        "threads": conf["threads"],
        "worker_class": conf["worker_class"],
        "gthread_threads": conf["GTHREAD_THREADS"],
    }


# --- the database --------------------------------------------------------------------------


def server_env(database_url: str) -> dict[str, str]:
    """Production settings on plain HTTP over loopback, with the bench's references on."""
    env = {k: v for k, v in os.environ.items() if k not in OPERATOR_VARIABLES}
    return env | {
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL": "False",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "BENCH": "True",
        "DJANGO_SETTINGS_MODULE": "sciatica.settings",
    }


@dataclass
class World:
    """What the bench made: who logs in, which pages, and the POST's fresh slots."""

    patient_pk: int
    player_session: int
    logs: int
    slots_file: str
    post_day: str
    post_slots: int
    static_url: str


def build(folder: Path, *, collectstatic: bool = True) -> World:
    """Migrate, load the catalog and make the patient, the clinician and their history."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.templatetags.static import static
    from django.utils import timezone

    from exercises.models import Cause
    from sessions.models import SafetyCheck, WorkoutSession
    from sessions.plan import session_plan, slot_targets
    from sessions.services import enroll_patient, log_set, record_safety_check, start_session
    from tests.scale import five_years_of_logs

    begun = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_catalog", stdout=io.StringIO())
    if collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)
    User = get_user_model()
    clinician = User.objects.create_user(CLINICIAN, password=PASSWORD, is_staff=True)
    clinician.groups.add(Group.objects.get(name="Clinicians"))
    user = User.objects.create_user(PATIENT, password=PASSWORD)
    patient = enroll_patient(
        user=user,
        cause=Cause.objects.get(slug="herniated-disc"),
        affected_side="left",
        clinician=clinician,
    )
    record_safety_check(patient=patient, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))
    routine = user.routine
    # five_years_of_logs makes four sessions a day of about this many sets each.
    items = routine.items.count()
    per_day = 4 * sum(5 if i < 2 else 4 for i in range(items))
    years = math.ceil(TARGET_LOGS / (365 * per_day))
    print(f"  migrated, catalog and static files in {time.monotonic() - begun:.0f} s", flush=True)
    started = time.monotonic()
    logs = five_years_of_logs(patient, routine, years=years)
    print(f"  {logs:,} set logs in {time.monotonic() - started:.0f} s", flush=True)

    session = start_session(patient=patient, pain=3, reach=1)
    plan = session_plan(session)
    for slot in plan.slots[:3]:
        item = plan.items[slot.item_id]
        held, reps = slot_targets(item)
        log_set(
            session=session,
            item=item,
            client_id=uuid.uuid4(),
            set_number=slot.set_number,
            side=slot.side,
            outcome="completed",
            held_seconds=held,
            reps_done=reps,
        )

    back = timedelta(days=years * 365 + 60)
    post_day = patient.local_date() - back
    sessions = WorkoutSession.objects.bulk_create(
        WorkoutSession(
            patient=patient,
            routine=routine,
            started_at=timezone.now() - back,
            local_date=post_day,
            pain_before=3,
            reach_before=1,
        )
        for _ in range(math.ceil(POST_SLOTS / len(session_plan(session).slots)))
    )
    plan = session_plan(sessions[0])
    template = []
    for slot in plan.slots:
        held, reps = slot_targets(plan.items[slot.item_id])
        template.append(
            f"{slot.item_id} {slot.set_number} {slot.side or '-'} "
            f"{'-' if held is None else held} {'-' if reps is None else reps}"
        )
    slots_file = folder / "slots.txt"
    slots_file.write_text("".join(f"{s.pk} {line}\n" for s in sessions for line in template))
    return World(
        patient_pk=patient.pk,
        player_session=session.pk,
        logs=logs,
        slots_file=str(slots_file),
        post_day=post_day.isoformat(),
        post_slots=len(sessions) * len(template),
        static_url=static("css/app.css"),
    )


def post_rows(world: World) -> int:
    from sessions.models import SetLog

    return SetLog.objects.filter(
        session__patient_id=world.patient_pk, session__local_date=world.post_day
    ).count()


def insert_rows(world: World) -> int:
    from bench.models import Write

    return Write.objects.count()


def settled(count) -> int:
    """The count once the server has finished what wrk left in flight (no change for 0.5 s)."""
    last, still_since = count(), time.monotonic()
    while time.monotonic() - still_since < 0.5:
        time.sleep(0.1)
        now = count()
        if now != last:
            last, still_since = now, time.monotonic()
    return last


# --- the server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with sciatica/gunicorn.conf.py on a free port; ``threads`` picks the class
    (None: the conf's default, 1: sync, more: gthread)."""

    def __init__(self, env: dict[str, str], folder: Path, threads: int | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = env | {"GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        if threads is not None:
            env["GUNICORN_THREADS"] = str(threads)
        self.log = folder / f"gunicorn-{self.port}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [str(GUNICORN), "-c", str(CONF), "sciatica.wsgi"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/bench/bare/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer in 60 s:\n{self.log.read_text()[-3000:]}")

    def drain(self, limit: float = 120) -> None:
        """Wait until the requests wrk left queued are done: a probe of the bare view answers
        at once (under 0.25 s) twice running, so the next run starts on an idle server."""
        deadline, quick = time.monotonic() + limit, 0
        while quick < 2 and time.monotonic() < deadline:
            started = time.monotonic()
            with urllib.request.urlopen(f"{self.base}/bench/bare/", timeout=limit) as response:
                response.read()
            quick = quick + 1 if time.monotonic() - started < 0.25 else 0

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class Login:
    cookie: str
    csrf: str = ""


def log_in(base: str, username: str, password: str) -> Login:
    """Log in through the form, as a person does; the CSRF token comes from the page landed on
    (Today's ``<body hx-headers>`` for a patient, where the outbox reads it)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base}/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    request = urllib.request.Request(
        f"{base}/accounts/login/",
        data=urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode(),
        headers={"Origin": base, "Referer": f"{base}/accounts/login/"},
    )
    with opener.open(request, timeout=30) as response:
        page = response.read().decode()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"logging in as {username} failed")
    match = re.search(r'hx-headers=\'\{"x-csrftoken": "([^"]+)"\}\'', page)
    return Login(
        cookie="; ".join(f"{name}={value}" for name, value in cookies.items()),
        csrf=match.group(1) if match else "",
    )


# --- the measurements ----------------------------------------------------------------------


@dataclass
class Measured:
    label: str
    run: loadgen.Run
    stored: int | None = None  # for the POSTs: the rows stored during the measured runs

    @property
    def rows_match(self) -> bool:
        """Every 2xx is a new row, and at most the few in flight more: wrk stops at its
        deadline with a request in flight on most connections, which the server may still
        store after wrk has gone."""
        run = self.run
        if self.stored is None:
            return True
        return run.ok <= self.stored <= run.ok + run.in_flight and not run.ran_out

    @property
    def rows(self) -> str:
        if self.stored is None:
            return ""
        run = self.run
        text = (
            f"{self.stored:,} new rows for {run.ok:,} 2xx ({run.in_flight} more were in flight "
            "when wrk stopped)"
        )
        if run.ran_out:
            text += f" (it ran out of fresh slots {run.ran_out} times)"
        return text

    @classmethod
    def rounds_as_one(cls, rounds: list[Measured]) -> Measured:
        stored = [m.stored for m in rounds if m.stored is not None]
        return cls(
            rounds[0].label,
            loadgen.rounds_as_one([m.run for m in rounds]),
            sum(stored) if stored else None,
        )


@dataclass
class Bench:
    wrk: str
    world: World
    patient: Login
    clinician: Login
    results: dict[str, Measured] = field(default_factory=dict)
    next_slot: int = 0  # the first line of the slots file no POST has taken yet

    def measure(self, server: Server, what: str, *, seconds: int, warmup: int) -> Measured:
        label, path, script, login, env = self.request(what)
        env = env | {"BENCH_COOKIE": login.cookie if login else "", "BENCH_ORIGIN": server.base}
        url = server.base + path
        count = {"insert-only": insert_rows, "set-log POST": post_rows}.get(what)
        if warmup:
            self.wrk_run(url, script, warmup, env)
            server.drain()
        before = settled(lambda: count(self.world)) if count else 0
        run = self.wrk_run(url, script, seconds, env)
        server.drain()
        stored = settled(lambda: count(self.world)) - before if count else None
        return Measured(label, run, stored)

    def wrk_run(self, url: str, script: str, seconds: int, env: dict) -> loadgen.Run:
        """One wrk run, with a seed of its own for the UUIDs and the POSTs' next fresh slot."""
        seed = str(secrets.randbelow(2**31))
        env = env | {"BENCH_SEED": seed, "BENCH_SLOT_START": str(self.next_slot)}
        run = loadgen.run(self.wrk, url, script, seconds, env)
        if env.get("BENCH_POST") == "set-log":
            # The threads take turns through the lines, so the busiest one says how far.
            self.next_slot += loadgen.THREADS * run.sent_by_busiest_thread
        return run

    def request(self, what: str):
        """(label, path, script, login, env) of each request measured."""
        post = {"BENCH_CSRF": self.patient.csrf}
        world = self.world
        return {
            "bare": ("bare view", "/bench/bare/", "get.lua", None, {}),
            "bare logged in": (
                "bare view, logged in",
                "/bench/bare-logged-in/",
                "get.lua",
                self.patient,
                {},
            ),
            "insert-only": (
                "insert-only view (POST)",
                "/bench/insert/",
                "post.lua",
                self.patient,
                post | {"BENCH_POST": "insert"},
            ),
            "static": ("static file (whitenoise)", world.static_url, "get.lua", None, {}),
            "set-log POST": (
                "set-log POST",
                f"/sessions/{world.player_session}/sets/",
                "post.lua",
                self.patient,
                post | {"BENCH_POST": "set-log", "BENCH_SLOTS": world.slots_file},
            ),
            "Today": ("Today", "/today/", "get.lua", self.patient, {}),
            "player": ("player", f"/sessions/{world.player_session}/", "get.lua", self.patient, {}),
            "history": ("history (90 days)", "/history/", "get.lua", self.patient, {}),
            "clinician": (
                f"clinician's patient page, {world.logs:,} logs",
                f"/clinician/patients/{world.patient_pk}/",
                "get.lua",
                self.clinician,
                {},
            ),
        }[what]


MAIN = [
    "bare",
    "bare logged in",
    "insert-only",
    "static",
    "Today",
    "player",
    "history",
    "clinician",
    "set-log POST",
]
COMPARED = ["bare logged in", "Today", "set-log POST"]


def fmt_rate(value: float) -> str:
    return f"{value:,.0f}"


def fmt_ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def main_section(label: str, conf: dict, bench: Bench, browser_note: str) -> Section:
    results = bench.results
    bare = results["bare"].run.requests_per_second
    section = Section(
        title=(
            f"HTTP, {label}: gunicorn {conf['worker_class']}, {conf['workers']} workers"
            + (f" × {conf['threads']} threads" if conf["threads"] > 1 else "")
            + f", wrk {loadgen.CONNECTIONS} connections, {ROUNDS} rounds of {SECONDS:g} s"
        ),
        header=["request", "req/s", "× bare", "p50 ms", "p99 ms", "non-2xx", "errors"],
    )
    for measured in results.values():
        run = measured.run
        section.rows.append(
            [
                measured.label,
                fmt_rate(run.requests_per_second),
                f"{ratio(run.requests_per_second, bare):.3f}",
                fmt_ms(run.p50_ms) if run.answered else "none answered",
                fmt_ms(run.p99_ms) if run.answered else "none answered",
                str(run.not_ok),
                str(run.errors),
            ]
        )
    insert, post = results["insert-only"].run, results["set-log POST"].run
    logged_in = results["bare logged in"].run.requests_per_second
    section.checks.append(
        Check(
            f"set-log POST throughput ({label})",
            "≥ 0.5 × insert-only",
            f"{ratio(post.requests_per_second, insert.requests_per_second):.2f} × "
            f"({fmt_rate(post.requests_per_second)} vs {fmt_rate(insert.requests_per_second)}"
            " req/s)",
            post.requests_per_second >= 0.5 * insert.requests_per_second,
        )
    )
    section.checks.append(
        Check(
            f"set-log POST p99 ({label})",
            "≤ 2 × insert-only p99",
            f"{ratio(post.p99_ms, insert.p99_ms):.2f} × ({fmt_ms(post.p99_ms)} vs "
            f"{fmt_ms(insert.p99_ms)} ms)",
            post.p99_ms <= 2 * insert.p99_ms,
        )
    )
    post_measured = results["set-log POST"]
    section.checks.append(
        Check(
            f"set-log POST non-2xx ({label})",
            "0, with rows = 2xx",
            f"{post.not_ok} non-2xx, {post.errors} errors; {post_measured.rows}",
            post.not_ok == 0 and post.errors == 0 and post_measured.rows_match,
        )
    )
    for what in ("Today", "player", "history"):
        run = results[what].run
        section.checks.append(
            Check(
                f"{results[what].label} throughput ({label})",
                "≥ 0.5 × logged-in bare",
                f"{ratio(run.requests_per_second, logged_in):.3f} × "
                f"({fmt_rate(run.requests_per_second)} vs {fmt_rate(logged_in)} req/s)",
                run.requests_per_second >= 0.5 * logged_in,
            )
        )
    run = results["clinician"].run
    section.checks.append(
        Check(
            f"clinician's patient page at {bench.world.logs:,} logs ({label})",
            "≥ 0.25 × logged-in bare",
            f"{ratio(run.requests_per_second, logged_in):.3f} × "
            f"({fmt_rate(run.requests_per_second)} vs {fmt_rate(logged_in)} req/s)",
            run.requests_per_second >= 0.25 * logged_in,
        )
    )
    section.notes += [
        f"One patient with {bench.world.logs:,} set logs (five_years_of_logs) is measured on "
        "every page; the player is today's open session with 3 sets done.",
        f"Each request: {WARMUP:g} s of warm-up thrown away, then {ROUNDS} rounds of "
        f"{SECONDS:g} s, the requests taking turns round by round. req/s, p50 and p99 are each "
        "the median of the rounds'; non-2xx, errors and rows are every round's added up. Every "
        "request sends `Accept-Encoding: gzip, deflate, br`, as a browser does.",
        f"Insert-only: {results['insert-only'].rows}. Set-log POST: {post_measured.rows}.",
        "non-2xx counts every answer outside 200–299 (redirects included), from the wrk "
        "scripts' own count; errors are wrk's socket errors (connect, read, write, timeout).",
    ]
    from django.conf import settings

    section.notes.append(f"Sessions: {settings.SESSION_ENGINE}.")
    if browser_note:
        section.notes.append(browser_note)
    return section


def compare_section(label: str, conf: dict, by_class: dict[str, dict[str, Measured]]) -> Section:
    sync, gthread = by_class["sync"], by_class["gthread"]
    threads = conf["gthread_threads"]
    section = Section(
        title=(
            f"Worker class, {label}: sync against gthread ({conf['workers']} workers; "
            f"gthread {threads} threads each), {COMPARE_SECONDS:g} s each"
        ),
        header=[
            "request",
            "sync req/s",
            "sync p99 ms",
            "gthread req/s",
            "gthread p99 ms",
            "gthread ÷ sync",
        ],
    )
    wins = 0
    for what in COMPARED:
        a, b = sync[what].run, gthread[what].run
        wins += b.requests_per_second > a.requests_per_second
        section.rows.append(
            [
                sync[what].label,
                fmt_rate(a.requests_per_second),
                fmt_ms(a.p99_ms),
                fmt_rate(b.requests_per_second),
                fmt_ms(b.p99_ms),
                f"{ratio(b.requests_per_second, a.requests_per_second):.2f}",
            ]
        )
        if a.not_ok or b.not_ok or a.errors or b.errors:
            section.notes.append(
                f"{sync[what].label}: sync {a.not_ok} non-2xx and {a.errors} errors, "
                f"gthread {b.not_ok} non-2xx and {b.errors} errors."
            )
    faster = "gthread" if wins * 2 > len(COMPARED) else "sync"
    section.notes.append(
        f"Faster here on {max(wins, len(COMPARED) - wins)} of {len(COMPARED)}: {faster}. "
        f"sciatica/gunicorn.conf.py defaults to {conf['worker_class']} "
        "(its docstring says why)."
    )
    return section


def run_browser(base: str, out: str) -> str:
    """bench.browser against this server; a note when it fails (its JSON says the rest)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.browser",
            "--base-url",
            base,
            "--username",
            PATIENT,
            "--password",
            PASSWORD,
            "--out",
            out,
        ],
        cwd=ROOT,
    )
    if result.returncode != 0:
        return f"bench.browser failed (exit {result.returncode}) against {base}."
    return ""


def measure_database(database_url: str, label: str, args, folder: Path) -> list[Section]:
    env = server_env(database_url)
    os.environ.update(env)
    import django

    django.setup()
    print(f"{label}: building the database…", flush=True)
    started = time.monotonic()
    world = build(folder, collectstatic=not args.no_collectstatic)
    print(f"  built in {time.monotonic() - started:.0f} s", flush=True)
    from django.db import connection

    connection.close()
    conf = conf_defaults()
    sections = []
    wrk = "" if args.no_wrk else loadgen.ensure_wrk()
    server = Server(env, folder)
    try:
        bench = Bench(
            wrk,
            world,
            log_in(server.base, PATIENT, PASSWORD),
            log_in(server.base, CLINICIAN, PASSWORD),
        )
        if not bench.patient.csrf:
            raise RuntimeError("Today's page carries no CSRF token in <body hx-headers>")
        if wrk:
            rounds: dict[str, list[Measured]] = {what: [] for what in MAIN}
            for n in range(ROUNDS):
                for what in MAIN:
                    print(f"  wrk, round {n + 1} of {ROUNDS}: {bench.request(what)[0]}", flush=True)
                    warmup = WARMUP if n == 0 else 0
                    rounds[what].append(bench.measure(server, what, seconds=SECONDS, warmup=warmup))
            bench.results = {what: Measured.rounds_as_one(r) for what, r in rounds.items()}
        browser_note = run_browser(server.base, args.browser_out) if args.browser_out else ""
    finally:
        server.stop()
    if not wrk:
        return [
            Section(
                title=f"HTTP, {label}",
                header=[],
                notes=["SKIPPED: wrk is not installed and could not be installed."]
                + ([browser_note] if browser_note else []),
            )
        ]
    sections.append(main_section(label, conf, bench, browser_note))
    by_class = {}
    for name, threads in (("sync", 1), ("gthread", conf["gthread_threads"])):
        server = Server(env, folder, threads=threads)
        try:
            by_class[name] = {}
            for what in COMPARED:
                print(f"  wrk ({name}): {bench.request(what)[0]}", flush=True)
                by_class[name][what] = bench.measure(
                    server, what, seconds=COMPARE_SECONDS, warmup=COMPARE_WARMUP
                )
        finally:
            server.stop()
    sections.append(compare_section(label, conf, by_class))
    connection.close()
    return sections


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="where to write the sections as JSON")
    parser.add_argument("--database-url", default="", help="a PostgreSQL URL; else SQLite")
    parser.add_argument("--label", default="", help="the database's name in the titles")
    parser.add_argument("--browser-out", default="", help="run bench.browser, JSON here")
    parser.add_argument("--no-wrk", action="store_true", help="serve, but measure nothing")
    parser.add_argument(
        "--no-collectstatic", action="store_true", help="the static files are collected already"
    )
    args = parser.parse_args(argv)
    label = args.label or ("PostgreSQL" if args.database_url.startswith("postgres") else "SQLite")
    with (
        tempfile.TemporaryDirectory(prefix="bench-web-") as folder,
        throwaway_database(args.database_url, Path(folder)) as database_url,
    ):
        sections = measure_database(database_url, label, args, Path(folder))
    dump(sections, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
