"""Cost as history grows: every page at 10, 10,000 and 150,000 set logs for one patient.

``python -m bench.cost [--out FILE.json]`` builds a throwaway database, three patients with
those histories (four sessions a day going back from today, see ``tests.scale.history_of``),
each with a session open today, and one clinician who has them all. Then, in process with
Django's test client, it times each page (the median of several requests after one warm-up),
counts its queries, measures its peak Python memory (tracemalloc, in a request of its own, as
tracing slows the code) and its body size.

The database is a SQLite file in a temporary directory, or, when ``DATABASE_URL`` names a
PostgreSQL database, a database of the bench's own beside it (``<name>_bench_cost``), made at
the start and dropped at the end: the named database's data is never read or written.

The machines are noisy: read the ratios, which come from one run, more than the milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

from bench.database import throwaway_database

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10, 10_000, 150_000)
RUNS = 15
CSV_RUNS = 3
HISTORY_HTML_LIMIT = 100 * 1024
TIME_RATIO_LIMIT = 2.0
CSV_MEMORY_RATIO_LIMIT = 1.5


@contextmanager
def own_database():
    """Point DATABASE_URL at a database made for this run, and remove it afterwards."""
    from django.db import connections

    with (
        tempfile.TemporaryDirectory() as folder,
        throwaway_database(os.environ.get("DATABASE_URL", ""), Path(folder), "_bench_cost") as url,
    ):
        os.environ["DATABASE_URL"] = url
        try:
            yield "PostgreSQL" if url.startswith("postgres") else "SQLite"
        finally:
            connections.close_all()


def build() -> tuple[object, dict[int, object]]:
    """The catalog, a clinician and one patient per size, each with a session open today."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    from exercises.models import Cause
    from sessions.models import SafetyCheck
    from sessions.services import enroll_patient, record_safety_check, start_session
    from tests.scale import history_of

    call_command("migrate", verbosity=0)
    call_command("loaddata", "catalog", verbosity=0)
    User = get_user_model()
    clinician = User.objects.create_user("bench-clinician", is_staff=True)
    clinician.groups.add(Group.objects.get(name="Clinicians"))
    cause = Cause.objects.get(slug="herniated-disc")
    patients = {}
    for size in SIZES:
        user = User.objects.create_user(f"bench-{size}")
        patient = enroll_patient(user=user, cause=cause, clinician=clinician)
        record_safety_check(patient=patient, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))
        started = time.monotonic()
        count = history_of(patient, user.routine, sets=size)
        print(f"Built {count:,} set logs in {time.monotonic() - started:.1f} s.", file=sys.stderr)
        patient.open_session = start_session(patient=patient, pain=3, reach=2)
        patients[size] = patient
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would keep
    return clinician, patients


def _size(response) -> int:
    """The body's length, read chunk by chunk so a streamed body is never held whole."""
    if not response.streaming:
        return len(response.content)
    return sum(len(chunk) for chunk in response.streaming_content)


class QueryCounter:
    """Counts the statements run while installed (``connection.execute_wrapper``)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(clients: dict, urls: dict, runs: int) -> dict[int, dict[str, float]]:
    """Per size: median seconds, queries, peak Python memory (bytes) and body bytes of GET.

    The sizes take turns, request by request, so a burst of load elsewhere on the machine
    falls on all of them alike."""
    from django.db import connection

    results = {}
    for size, client in clients.items():
        _size(client.get(urls[size]))  # warm-up: caches, connections, first-visit writes
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = client.get(urls[size])
            body = _size(response)
        assert response.status_code == 200, (urls[size], response.status_code)
        tracemalloc.start()
        _size(client.get(urls[size]))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        results[size] = {"times": [], "queries": counter.count, "peak": peak, "bytes": body}
    for _ in range(runs):
        for size, client in clients.items():
            started = time.perf_counter()
            _size(client.get(urls[size]))
            results[size]["times"].append(time.perf_counter() - started)
    for result in results.values():
        result["seconds"] = statistics.median(result.pop("times"))
    return results


def pages():
    """(label, who is logged in, URL for a patient) of every page measured."""
    from django.urls import reverse

    return [
        ("Today", "patient", lambda p: reverse("today")),
        (
            "Player (open session)",
            "patient",
            lambda p: reverse("session_play", args=[p.open_session.pk]),
        ),
        ("History, 90 days", "patient", lambda p: reverse("history") + "?days=90"),
        ("History, 365 days", "patient", lambda p: reverse("history") + "?days=365"),
        ("Clinician: my patients", "clinician", lambda p: reverse("clinician_patients")),
        (
            "Clinician: the patient",
            "clinician",
            lambda p: reverse("clinician_patient", args=[p.pk]),
        ),
        ("Clinician: CSV export", "clinician", lambda p: reverse("clinician_export", args=[p.pk])),
    ]


def run() -> list:
    from django.test import Client

    from bench.report import Check, Section

    clinician, patients = build()
    small, middle, big = SIZES
    header = [
        "page",
        *(f"queries at {n:,}" for n in SIZES),
        *(f"ms at {n:,}" for n in SIZES),
        f"ratio {big // 1000}k/{small}",
        f"peak MiB at {small} / {big // 1000}k",
        f"KB at {big // 1000}k",
    ]
    rows, results = [], {}
    for label, who, url in pages():
        runs = CSV_RUNS if "CSV" in label else RUNS
        clients = {}
        for size, patient in patients.items():
            clients[size] = Client()
            clients[size].force_login(patient.user if who == "patient" else clinician)
        by_size = measure(clients, {size: url(p) for size, p in patients.items()}, runs)
        results[label] = by_size
        ratio = by_size[big]["seconds"] / by_size[small]["seconds"]
        rows.append(
            [
                label,
                *(str(by_size[n]["queries"]) for n in SIZES),
                *(f"{by_size[n]['seconds'] * 1000:.1f}" for n in SIZES),
                f"{ratio:.2f}",
                f"{by_size[small]['peak'] / 2**20:.2f} / {by_size[big]['peak'] / 2**20:.2f}",
                f"{by_size[big]['bytes'] / 1024:.0f}",
            ]
        )
        print(" | ".join(rows[-1]), file=sys.stderr)

    grown = [label for label, r in results.items() if r[big]["queries"] != r[small]["queries"]]
    timed = {label: r for label, r in results.items() if "CSV" not in label}
    ratios = {label: r[big]["seconds"] / r[small]["seconds"] for label, r in timed.items()}
    slowest = max(ratios, key=ratios.get)
    csv = results["Clinician: CSV export"]
    csv_growth = csv[big]["peak"] / csv[middle]["peak"]
    history_bytes = results["History, 365 days"][big]["bytes"]
    checks = [
        Check(
            "queries",
            f"the same at {small} and at {big:,} logs, on every page",
            "the same on every page" if not grown else "more on " + ", ".join(grown),
            not grown,
        ),
        Check(
            f"server time at {big:,} logs",
            f"at most {TIME_RATIO_LIMIT:g} × the time at {small}, on every page but the CSV",
            f"worst {ratios[slowest]:.2f} × ({slowest})",
            ratios[slowest] <= TIME_RATIO_LIMIT,
        ),
        Check(
            "CSV export",
            "peak memory flat as the history grows",
            f"{csv[middle]['peak'] / 2**20:.2f} MiB at {middle:,}, "
            f"{csv[big]['peak'] / 2**20:.2f} MiB at {big:,} ({csv_growth:.2f} ×)",
            csv_growth <= CSV_MEMORY_RATIO_LIMIT,
        ),
        Check(
            "history page over a year of data",
            f"{HISTORY_HTML_LIMIT // 1024} KB of HTML or less",
            f"{history_bytes / 1024:.0f} KB at {big:,} logs",
            history_bytes <= HISTORY_HTML_LIMIT,
        ),
    ]
    notes = [
        f"In process (django.test.Client): per page, {RUNS} requests at each size "
        f"({CSV_RUNS} for the CSV), the sizes taking turns, after a warm-up; the median. "
        "Queries and peak memory (tracemalloc) come from requests of their own.",
        "The CSV streams every row, so its time grows with the history by design; its memory "
        f"must not (flat: at most {CSV_MEMORY_RATIO_LIMIT:g} × from {middle:,} to {big:,} "
        "logs, both past one fetch chunk).",
    ]
    return [Section("Cost as history grows", header, rows, checks, notes)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write the section as JSON here (bench.report.dump)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sciatica.settings")
    os.environ.setdefault("DEBUG", "True")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    with own_database() as engine:
        import django

        django.setup()
        from bench import report

        sections = run()
        sections[0].notes.insert(0, f"Database: {engine}.")
    if args.out:
        report.dump(sections, args.out)
    else:
        print(report.render(sections, []))


if __name__ == "__main__":
    main()
