"""``make bench``: how the pages hold up as one patient's history grows.

Two patients side by side in one run, one with 10 set logs and one with five years of four
sessions a day (~100,000). For each page it prints the median time over several requests, the
queries run and the peak Python memory, and the ratio big/small. The machines are noisy, so
read the ratios, not the absolute times. Uses a throwaway SQLite file unless DATABASE_URL is set.
"""

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
tmp = tempfile.TemporaryDirectory()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sciatica.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

RUNS = 5


def build():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from exercises.models import Cause
    from sessions.models import SafetyCheck
    from sessions.services import enroll_patient, record_safety_check
    from tests.scale import five_years_of_logs, ten_logs

    call_command("migrate", verbosity=0)
    call_command("loaddata", "catalog", verbosity=0)
    User = get_user_model()
    clinician = User.objects.create_user("bench-clinician", is_staff=True)
    clinician.groups.add(Group.objects.get(name="Clinicians"))
    cause = Cause.objects.get(slug="herniated-disc")
    patients = {}
    for name in ("small", "big"):
        user = User.objects.create_user(f"bench-{name}")
        patient = enroll_patient(user=user, cause=cause, clinician=clinician)
        record_safety_check(patient=patient, answers=dict.fromkeys(SafetyCheck.QUESTIONS, False))
        patients[name] = patient
    small = patients["small"]
    ten_logs(small, small.user.routine)
    started = time.monotonic()
    count = five_years_of_logs(patients["big"], patients["big"].user.routine)
    print(f"Built {count:,} set logs for the big patient in {time.monotonic() - started:.0f} s.")
    return clinician, patients


def measure(client: Client, url: str) -> tuple[float, int, int]:
    """Median seconds, queries and peak Python memory (bytes) for GET ``url``."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code, body[:200])
    with CaptureQueriesContext(connection) as queries:
        tracemalloc.start()
        response = client.get(url)
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return statistics.median(times), len(queries), peak


def main() -> None:
    clinician, patients = build()
    rows = []
    for label, who, url in [
        ("Today", "patient", lambda p: reverse("today")),
        ("History (90 days)", "patient", lambda p: reverse("history")),
        ("History (365 days)", "patient", lambda p: reverse("history") + "?days=365"),
        ("Clinician: my patients", "clinician", lambda p: reverse("clinician_patients")),
        (
            "Clinician: one patient",
            "clinician",
            lambda p: reverse("clinician_patient", args=[p.pk]),
        ),
        ("Clinician: CSV export", "clinician", lambda p: reverse("clinician_export", args=[p.pk])),
    ]:
        results = {}
        for size, patient in patients.items():
            client = Client()
            client.force_login(patient.user if who == "patient" else clinician)
            results[size] = measure(client, url(patient))
        rows.append((label, results["small"], results["big"]))

    print(
        f"\n{'page':<26}{'10 logs':>12}{'100k logs':>12}{'ratio':>8}{'queries':>10}"
        f"{'peak MiB (10 / 100k)':>24}"
    )
    for label, small, big in rows:
        print(
            f"{label:<26}{small[0] * 1000:>10.1f}ms{big[0] * 1000:>10.1f}ms"
            f"{big[0] / small[0]:>8.1f}{f'{small[1]}/{big[1]}':>10}"
            f"{f'{small[2] / 2**20:.1f} / {big[2] / 2**20:.1f}':>24}"
        )
    print("\nThe CSV export streams every row, so its time grows with the history by design;")
    print("its memory must not. Every other page should keep its queries flat and its ratio small.")


if __name__ == "__main__":
    main()
