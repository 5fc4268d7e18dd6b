"""gunicorn's settings for `make serve`: ``gunicorn -c sciatica/gunicorn.conf.py sciatica.wsgi``.

Workers default to two per core plus one, gunicorn's own rule, and each runs GTHREAD_THREADS
threads (the gthread worker class). WEB_CONCURRENCY, GUNICORN_THREADS and GUNICORN_BIND override
them; GUNICORN_THREADS=1 gives the plain sync workers.

Why gthread, by measurement (``make bench`` runs both classes side by side on the same
database, wrk at 16 connections on loopback, 5 workers, gthread with 4 threads each; req/s,
sync → gthread, 2-core machine, 2026-12-02):

| request | SQLite | PostgreSQL |
|---|---|---|
| bare view, logged in | 27 → 204 | 141 → 427 |
| Today | 20 → 34 | 32 → 52 |
| set-log POST | 16 → 27 | 22 → 26 |

gthread was ahead on every row on both databases. A sync worker answers one request per
connection and closes it (no keep-alive), and while it waits on the database it serves nobody;
gthread keeps connections alive and lets another thread run while one waits. The app keeps no
state in process memory, so threads share nothing but the connection pool's settings, and
SQLite's writers queue on its busy timeout whichever class runs them. bench/results.md has the
latest run's comparison.
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
