"""A throwaway database of the configured kind, for the benchmarks (never the user's own).

SQLite: a temporary data folder. PostgreSQL: ``<name>_<suffix>`` beside the database of
``DATABASE_URL``, created fresh and dropped at the end unless kept.
"""

import os
import shutil
import sys
import tempfile
from urllib.parse import quote, unquote, urlsplit


def use_throwaway_database(keep: bool, *, suffix: str, script: str):
    """Point the settings at a new database of the configured kind; return (label, cleanup).

    Must run before Django is set up: settings read the environment once.
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url or url.startswith("sqlite"):
        folder = tempfile.mkdtemp(prefix=f"plantrack-{suffix.replace('_', '-')}-")
        os.environ.pop("DATABASE_URL", None)
        os.environ["PLANTRACK_DATA_DIR"] = folder
        label = f"SQLite {folder}/plantrack.sqlite3"

        def cleanup() -> None:
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)

        return label, cleanup
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        sys.exit(f"{script} runs on SQLite or PostgreSQL, not {parts.scheme}.")
    import psycopg
    from psycopg import sql

    name = unquote(parts.path.lstrip("/"))
    bench = f"{name}_{suffix}"
    admin = parts._replace(path="/" + quote(name)).geturl()
    statement = sql.SQL("DROP DATABASE IF EXISTS {}")
    with psycopg.connect(_libpq_url(admin), autocommit=True) as conn:
        conn.execute(statement.format(sql.Identifier(bench)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(bench)))
    os.environ["DATABASE_URL"] = parts._replace(path="/" + quote(bench)).geturl()
    label = f"PostgreSQL {parts.hostname}:{parts.port or 5432}/{bench}"

    def cleanup() -> None:
        if keep:
            return
        from django.db import connections

        connections.close_all()
        with psycopg.connect(_libpq_url(admin), autocommit=True) as conn:
            conn.execute(statement.format(sql.Identifier(bench)))

    return label, cleanup


def _libpq_url(url: str) -> str:
    # libpq knows postgresql:// and postgres://, not dj-database-url's postgis:// or pgsql://.
    return "postgresql://" + url.split("://", 1)[1]
