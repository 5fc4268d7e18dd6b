"""`manage.py backup` while the app runs, and a restore of what it wrote."""

import sqlite3
import subprocess
import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sessions.models import SetLog
from tests.scale import ten_logs

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_restores_every_set_log(tmp_path, patient, routine):
    ten_logs(patient, routine)
    stored = SetLog.objects.count()
    assert stored == 10
    path = tmp_path / "backup.db"
    call_command("backup", path)
    if connection.vendor == "sqlite":
        with sqlite3.connect(path) as restored:
            (count,) = restored.execute("SELECT count(*) FROM workout_sessions_setlog").fetchone()
    else:
        count = restore_postgresql(path)
    assert count == stored


def restore_postgresql(path) -> int:
    db = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:8]}"
    conninfo = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        target = f"--dbname=postgresql://{db['USER']}@{db['HOST']}:{conninfo['port']}/{name}"
        subprocess.run(["pg_restore", "--no-owner", target, str(path)], check=True)
        with psycopg.connect(dbname=name, **conninfo) as restored:
            return restored.execute("SELECT count(*) FROM workout_sessions_setlog").fetchone()[0]
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
            admin.execute(f'DROP DATABASE "{name}"')


def test_a_backup_never_overwrites_a_file(tmp_path):
    path = tmp_path / "backup.db"
    path.write_text("an older backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", path)
    assert path.read_text() == "an older backup"
