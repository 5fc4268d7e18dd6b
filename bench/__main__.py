"""``python -m bench`` (``make bench``): every part of the benchmark, one table, bench/results.md.

The parts run one after another, each as its own process that writes its sections as JSON
(``bench.report.dump``):

1. ``bench.web`` on SQLite: references and pages under wrk on one gunicorn, then the worker
   classes compared. With that server still up, ``bench.browser`` (page weight, timer accuracy,
   Lighthouse) runs against it, logged in as the bench's patient.
2. ``bench.web`` again on PostgreSQL, when DATABASE_URL names a PostgreSQL server (the bench
   makes and drops a database of its own there; the one named is left alone).
3. ``bench.cost``: queries and server time as a patient's history grows, in process.

A part whose module is not there is listed as not measured. A target missed is printed as
FALLS SHORT and the exit code stays 0; it is non-zero only when a part itself broke.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import importlib.util
import os
import platform
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import loadgen
from bench.report import Section, load, render

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.md"


def has_part(name: str) -> bool:
    return importlib.util.find_spec(f"bench.{name}") is not None


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        ram = f"{kib / 2**20:.1f} GiB RAM"
    except (OSError, StopIteration):
        ram = "RAM unknown"
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores, {ram}; {platform.system()} "
        f"{platform.release()}. Load average when the run began: {load}.",
    ]


def command_version(*command: str) -> str:
    if not shutil.which(command[0]):
        return "not installed"
    result = subprocess.run(command, capture_output=True, text=True)
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[0].strip() if lines else "unknown"


def postgres_version(url: str) -> str:
    """The server's version, asked of its own ``postgres`` database (the named one may not
    exist: the bench only makes one next to it)."""
    try:
        import psycopg

        server = urlunsplit(urlsplit(url)._replace(path="/postgres"))
        with psycopg.connect(server, connect_timeout=5) as connection:
            return "PostgreSQL " + connection.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # the part itself will say more
        return f"PostgreSQL unreachable ({error.__class__.__name__})"


def versions(wrk: str, database_url: str) -> list[str]:
    packages = ", ".join(
        f"{name} {importlib.metadata.version(name)}" for name in ("Django", "gunicorn")
    )
    databases = [f"SQLite {sqlite3.sqlite_version}"]
    if database_url.startswith("postgres"):
        databases.append(postgres_version(database_url))
    return [
        f"- Versions: Python {platform.python_version()}, {packages}, "
        f"{', '.join(databases)}, {loadgen.wrk_version(wrk) if wrk else 'wrk not installed'}, "
        f"{command_version('chromium', '--version')}, Node {command_version('node', '--version')}.",
    ]


def run_part(label: str, args: list[str], out: Path) -> tuple[list[Section], str]:
    """Run ``python -m bench.<part> ...``; its sections, or a note of what went wrong."""
    print(f"\n== {label} ==", flush=True)
    result = subprocess.run([sys.executable, "-m", *args], cwd=ROOT)
    if result.returncode != 0:
        return [], f"{label} broke (exit code {result.returncode}); see its output above."
    if not out.exists():
        return [], f"{label} wrote no results."
    return load(out), ""


def collectstatic() -> None:
    """The hashed, compressed static files every server of the run sends (as `make serve`)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BENCH")}
    env |= {"DEBUG": "False", "SECRET_KEY": secrets.token_urlsafe(50), "SECURE_SSL": "False"}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    started = datetime.datetime.now(datetime.UTC)
    wrk = loadgen.ensure_wrk()
    preamble = [
        f"Run on {started:%Y-%m-%d %H:%M} UTC by `make bench` (`python -m bench`).",
        "",
        *machine(),
        *versions(wrk, database_url),
        "- These machines are noisy: compare the ratios within one run, not absolute figures "
        "across runs.",
    ]
    print("\n".join(preamble), flush=True)
    sections: list[Section] = []
    problems: list[str] = []
    missing = [name for name in ("cost", "browser") if not has_part(name)]
    print("\n== static files (collectstatic) ==", flush=True)
    collectstatic()
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        out = Path(folder)
        no_wrk = [] if wrk else ["--no-wrk"]
        browser = [] if "browser" in missing else ["--browser-out", str(out / "browser.json")]
        web = ["bench.web", "--no-collectstatic", *no_wrk]
        parts = [("HTTP on SQLite", [*web, "--out", str(out / "web-sqlite.json"), *browser])]
        if database_url.startswith("postgres"):
            parts.append(
                (
                    "HTTP on PostgreSQL",
                    [
                        *web,
                        "--database-url",
                        database_url,
                        "--out",
                        str(out / "web-postgresql.json"),
                    ],
                )
            )
        if "cost" not in missing:
            parts.append(("Cost as history grows", ["bench.cost", "--out", str(out / "cost.json")]))
        for label, args in parts:
            got, problem = run_part(label, args, Path(args[args.index("--out") + 1]))
            sections += got
            if problem:
                problems.append(problem)
        if browser:
            if (out / "browser.json").exists():
                sections += load(out / "browser.json")
            else:
                problems.append("bench.browser wrote no results.")
    notes = [f"bench.{name} is not there yet: not measured." for name in missing] + problems
    if notes:
        sections.append(Section(title="Not measured", header=[], notes=notes))
    elapsed = datetime.datetime.now(datetime.UTC) - started
    preamble.append(f"- The whole run took {elapsed.total_seconds() / 60:.1f} minutes.")
    text = render(sections, preamble)
    RESULTS.write_text(text)
    print("\n" + text, flush=True)
    print(f"Written to {RESULTS.relative_to(ROOT)}.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
