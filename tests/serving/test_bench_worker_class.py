"""The worker class the bench chose is the conf's default, and the operator can still switch."""

import multiprocessing
import runpy

from bench.web import CONF, conf_defaults


def test_by_default_gunicorn_runs_sync_workers_two_per_core_plus_one(monkeypatch):
    monkeypatch.setenv("GUNICORN_THREADS", "4")  # the bench reads the defaults, not the caller's
    conf = conf_defaults()
    assert (conf["worker_class"], conf["threads"]) == ("sync", 1)
    assert conf["gthread_threads"] > 1  # what the bench compares sync with
    assert conf["workers"] == multiprocessing.cpu_count() * 2 + 1


def test_more_threads_give_the_gthread_workers(monkeypatch):
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    conf = runpy.run_path(str(CONF))
    assert (conf["worker_class"], conf["threads"], conf["workers"]) == ("gthread", 4, 3)
