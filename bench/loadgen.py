"""wrk, the load generator: install it when missing, run it with a bench script, read its output.

Every run uses 16 connections on two threads with ``--latency``, and one of the Lua scripts in
bench/wrk/, which count the answers by status (wrk's own count leaves out 3xx).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

WRK_DIR = Path(__file__).resolve().parent / "wrk"
CONNECTIONS = 16
THREADS = 2
# wrk gives up on an answer after 2 s by default, and counts it as a timeout; the slowest page
# under 16 connections may take longer than that and still answer.
TIMEOUT = "10s"

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


@dataclass
class Run:
    """One wrk run: throughput, latency percentiles (ms), answers by status, socket errors."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    sent: int = 0
    sent_by_busiest_thread: int = 0
    ran_out: int = 0

    @property
    def answered(self) -> int:
        return sum(self.statuses.values())

    @property
    def ok(self) -> int:
        return sum(n for status, n in self.statuses.items() if 200 <= status < 300)

    @property
    def not_ok(self) -> int:
        return self.answered - self.ok

    @property
    def in_flight(self) -> int:
        """Requests sent but never answered: wrk stops at its deadline with these in flight.
        Only known for scripts that build each request (the POSTs)."""
        return max(self.sent - self.answered, 0)


def rounds_as_one(runs: list[Run]) -> Run:
    """Several rounds of one request as one run: the median round's throughput and latency
    percentiles (each figure the median of the rounds'), and every round's answers, errors
    and requests added up. Taking turns round by round, a request and its reference meet the
    same bursts of load elsewhere on the machine; the median drops a round that met one."""
    statuses: dict[int, int] = {}
    for run in runs:
        for status, n in run.statuses.items():
            statuses[status] = statuses.get(status, 0) + n
    return Run(
        requests_per_second=statistics.median(run.requests_per_second for run in runs),
        p50_ms=statistics.median(run.p50_ms for run in runs),
        p99_ms=statistics.median(run.p99_ms for run in runs),
        statuses=statuses,
        errors=sum(run.errors for run in runs),
        sent=sum(run.sent for run in runs),
        sent_by_busiest_thread=sum(run.sent_by_busiest_thread for run in runs),
        ran_out=sum(run.ran_out for run in runs),
    )


def ensure_wrk() -> str:
    """The path of wrk, installing Debian's package when root; empty (and said) when it can't."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: installing Debian's package (apt-get install -y wrk).", flush=True)
        env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "wrk"]
        if subprocess.run(install, env=env, check=False).returncode != 0:
            subprocess.run(["apt-get", "update"], env=env, check=False)  # a stale package list
            subprocess.run(install, env=env, check=False)
        found = shutil.which("wrk")
        if found:
            return found
    print(
        "\n" + "!" * 78 + "\n"
        "!! wrk is not installed and this user cannot install it (needs root and apt-get).\n"
        "!! The HTTP measurements are SKIPPED. Install it with: sudo apt-get install wrk\n"
        + "!" * 78
        + "\n",
        flush=True,
    )
    return ""


def wrk_version(wrk: str) -> str:
    out = subprocess.run([wrk, "-v"], capture_output=True, text=True)
    first = (out.stdout or out.stderr).splitlines()[:1]
    return first[0].split(" Copyright")[0].strip() if first else "unknown"


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def parse(output: str) -> Run:
    """Read wrk's ``--latency`` report and the bench script's status lines."""
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not rate or set(percentiles) != {"50", "99"}:
        raise RuntimeError(f"wrk's output was not understood:\n{output}")
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    statuses = {
        int(status): int(count)
        for status, count in re.findall(r"^bench-status (\d+) (\d+)$", output, re.MULTILINE)
    }
    sent = re.search(r"^bench-sent (\d+)$", output, re.MULTILINE)
    busiest = re.search(r"^bench-sent-most (\d+)$", output, re.MULTILINE)
    ran_out = re.search(r"^bench-ran-out (\d+)$", output, re.MULTILINE)
    return Run(
        requests_per_second=float(rate.group(1)),
        p50_ms=_ms(percentiles["50"]),
        p99_ms=_ms(percentiles["99"]),
        statuses=statuses,
        errors=sum(int(n) for n in errors.groups()) if errors else 0,
        sent=int(sent.group(1)) if sent else 0,
        sent_by_busiest_thread=int(busiest.group(1)) if busiest else 0,
        ran_out=int(ran_out.group(1)) if ran_out else 0,
    )


def run(wrk: str, url: str, script: str, seconds: int, env: dict[str, str]) -> Run:
    """One wrk run of ``seconds`` (whole seconds: wrk takes no fraction) against ``url``."""
    command = [
        wrk,
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        f"--timeout={TIMEOUT}",
        "--latency",
        "-s",
        str(WRK_DIR / script),
        url,
    ]
    script_env = os.environ | env | {"BENCH_WRK_DIR": str(WRK_DIR), "BENCH_THREADS": str(THREADS)}
    result = subprocess.run(
        command, capture_output=True, text=True, env=script_env, timeout=seconds + 60
    )
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr}{result.stdout}")
    return parse(result.stdout)
