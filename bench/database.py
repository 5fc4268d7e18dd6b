"""A database of its own for one run (the bench's, or a live-server test's), never the one an
operator named."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


@contextmanager
def throwaway_database(base_url: str, folder: Path, suffix: str = "_bench"):
    """A DATABASE_URL for a brand-new database: SQLite in ``folder`` (a temporary one), or on
    the PostgreSQL server of ``base_url``, one named after it with ``suffix``, dropped after
    (a connection still open to it then is cut off)."""
    if not base_url.startswith("postgres"):
        yield f"sqlite:///{folder}/bench.sqlite3"
        return
    import psycopg

    parts = urlsplit(base_url)
    name = f"{parts.path.lstrip('/') or 'sciatica'}{suffix}"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
