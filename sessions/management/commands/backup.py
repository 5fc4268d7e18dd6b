"""Copy the whole database to one file while the app keeps serving.

SQLite: the online backup API (what the sqlite3 shell's ``.backup`` does), page by page, so a
write during the copy never leaves a torn file, even in WAL mode. PostgreSQL: ``pg_dump`` in its
custom format (``pg_restore`` reads it back). Restoring is in the README's operator section.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Back up the database to PATH (SQLite: a database file; PostgreSQL: a pg_dump file)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options) -> None:
        if path.exists():
            raise CommandError(f"{path} exists already; choose a new file.")
        if connection.vendor == "sqlite":
            self.backup_sqlite(path)
        elif connection.vendor == "postgresql":
            self.backup_postgresql(path)
        else:
            raise CommandError(f"No backup for {connection.vendor} databases.")
        self.stdout.write(f"Backed up the database to {path} ({path.stat().st_size:,} bytes).")

    def backup_sqlite(self, path: Path) -> None:
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            with target:
                connection.connection.backup(target)
        finally:
            target.close()

    def backup_postgresql(self, path: Path) -> None:
        db = connection.settings_dict
        command = ["pg_dump", "--format=custom", f"--file={path}", "--no-owner"]
        for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if db.get(key):
                command.append(f"{flag}={db[key]}")
        command.append(db["NAME"])
        env = {"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {}
        try:
            subprocess.run(command, check=True, env={**os.environ, **env})
        except FileNotFoundError:
            raise CommandError("pg_dump is not installed (Debian: postgresql-client).") from None
        except subprocess.CalledProcessError as error:
            raise CommandError(f"pg_dump failed with exit code {error.returncode}.") from None
