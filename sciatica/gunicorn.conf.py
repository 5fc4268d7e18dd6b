"""gunicorn's settings for `make serve`: ``gunicorn -c sciatica/gunicorn.conf.py sciatica.wsgi``.

Workers default to two per core plus one, gunicorn's own rule, and each runs GTHREAD_THREADS
threads (the gthread worker class). WEB_CONCURRENCY, GUNICORN_THREADS and GUNICORN_BIND override
them; GUNICORN_THREADS=1 gives the plain sync workers.

Why gthread, by measurement. ``make bench`` runs both classes one after the other on the same
database: wrk at 16 connections on loopback, 5 workers, gthread with 4 threads each, 4 s a
request. Three runs on this 2-core machine (2026-12-02, at 00:35, 00:45 and 00:53 UTC, other
work running beside them), req/s sync → gthread, and the set-log POST's p99:

| request | SQLite | PostgreSQL |
|---|---|---|
| bare view, logged in | 98 → 326, 141 → 191, 130 → 132 | 215 → 321, 184 → 309, 222 → 232 |
| Today | 27 → 95, 42 → 47, 41 → 43 | 27 → 66, 43 → 53, 40 → 37 |
| set-log POST | 23 → 51, 36 → 39, 32 → 73 | 20 → 47, 36 → 33, 35 → 30 |
| POST p99 ms | 1060 → 1340, 565 → 1800, 612 → 2360 | 1120 → 1430, 559 → 981, 568 → 887 |

gthread served more requests a second in 15 of the 18 pairs: all 9 on SQLite, 6 of 9 on
PostgreSQL (where the last run favoured sync on Today and the POST, by 6 % and 15 %). A sync
worker answers one request per connection and closes it (no keep-alive), and while it waits on
the database it serves nobody; gthread keeps connections open and runs another request while one
waits. The price is a longer tail: with 20 requests in progress at once on 2 cores each takes
longer, where sync workers queue the rest and finish the first five sooner. Throughput decided
it (the bench's targets for pages are throughput, and SQLite is the default);
GUNICORN_THREADS=1 brings sync back. The app keeps no state in process memory, so threads share
nothing, and SQLite's writers queue on its busy timeout whichever class runs them.
bench/results.md has the latest run's comparison.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# The default thread count, and the one `make bench` measures gthread with against sync.
GTHREAD_THREADS = 4
threads = int(os.environ.get("GUNICORN_THREADS", GTHREAD_THREADS))
worker_class = "gthread" if threads > 1 else "sync"
accesslog = "-"
# A request that takes longer than this is killed and logged rather than holding a worker.
timeout = 30
graceful_timeout = 20
