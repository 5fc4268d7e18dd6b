"""gunicorn's settings for `make serve`: ``gunicorn -c sciatica/gunicorn.conf.py sciatica.wsgi``.

Workers default to two per core plus one, gunicorn's own rule for sync workers, which suits a
Django app that spends its time in Python and the database. WEB_CONCURRENCY, GUNICORN_THREADS
and GUNICORN_BIND override them; with GUNICORN_THREADS above 1 the worker class is gthread.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# The thread count `make bench` measures gthread with, against sync.
GTHREAD_THREADS = 4
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
accesslog = "-"
# A request that takes longer than this is killed and logged rather than holding a worker.
timeout = 30
graceful_timeout = 20
