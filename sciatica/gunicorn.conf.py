"""gunicorn's settings for `make serve`: ``gunicorn -c sciatica/gunicorn.conf.py sciatica.wsgi``.

Workers default to two per core plus one, gunicorn's own rule, and they are sync workers.
WEB_CONCURRENCY, GUNICORN_THREADS and GUNICORN_BIND override them; GUNICORN_THREADS above 1
gives gthread workers with that many threads each.

Why sync, by measurement. ``make bench`` runs both classes one after the other on the same
database: wrk at 16 connections on loopback, 5 workers, gthread with GTHREAD_THREADS (4) threads
each, 4 s a request. On a quiet machine (2026-12-02 01:27 UTC, load 0.8; bench/results.md),
req/s sync / gthread and p99 ms sync / gthread:

| request | SQLite req/s | SQLite p99 | PostgreSQL req/s | PostgreSQL p99 |
|---|---|---|---|---|
| bare view, logged in | 430 / 501 | 77 / 102 | 620 / 592 | 34 / 136 |
| Today | 116 / 112 | 174 / 397 | 101 / 97 | 193 / 456 |
| set-log POST | 179 / 172 | 116 / 673 | 161 / 160 | 126 / 285 |

Sync served as many requests a second (5 of 6 pairs, all within 5 %, except the logged-in bare
view on SQLite, 17 % to gthread) with a tail two to six times shorter. Three earlier runs, made
while other work loaded the machine, had gthread ahead on throughput in 15 of 18 pairs, but
always with the longer tail. With 20 requests in progress at once on 2 cores each takes longer;
sync workers queue the rest and finish the first five sooner. A patient waits on the tail (the
set-log POST's p99 is a target), and behind the TLS proxy, which buffers slow clients, a sync
worker never waits on a phone's network; so sync it is. GUNICORN_THREADS=4 brings gthread back
where many slow clients reach gunicorn directly. The app keeps no state in process memory, so
either class is safe, and SQLite's writers queue on its busy timeout whichever runs them.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# The thread count `make bench` measures gthread with, against the sync default.
GTHREAD_THREADS = 4
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "gthread" if threads > 1 else "sync"
accesslog = "-"
# A request that takes longer than this is killed and logged rather than holding a worker.
timeout = 30
graceful_timeout = 20
