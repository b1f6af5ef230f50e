"""``kill -9`` in the middle of a large import (100,000 rows; the issue's 300,000 with
``KILL_NINE_ROWS=300000``) leaves the database as it was, and the same import run again
writes every row (issue 14).

The test owns its database, as an operator's would be: ``plantrack import`` runs as its own
process against a new SQLite file in a temporary data folder, or, where the tests run on
PostgreSQL, against ``<name>_killnine`` beside the database of ``DATABASE_URL``, created
and dropped here (pytest-django's test database is not visible to another process).
``kill_nine_world.py`` builds the world (200 units, 60 annual indicators, 50 of the file's
figures stored earlier with other values) and writes the file; it also reports the state
the test compares.

The import is killed once its one transaction is demonstrably writing: the rows it has
written so far have grown the database's files by ``KILL_AFTER`` (SQLite: the write-ahead
log; PostgreSQL: the figures' and revisions' tables) and a write transaction is open
(SQLite refuses a second writer; PostgreSQL shows the import's connection in a
transaction). Then: nothing of the file is stored, every table is as before to the row
(digests of the figures, revisions and import records), the database's own check passes
(SQLite ``PRAGMA integrity_check`` and ``foreign_key_check``; PostgreSQL amcheck's
``bt_index_check`` of every index against its table, with Django's ``check_constraints``
on both), the project's invariants hold (one current figure per key, one CREATED revision
and one revision per version for every figure, superseded figures not current, import
records matching their figures); and the re-run writes every figure of the file, 50 as
new vintages of the earlier ones. docs/security.md, "Reliability: kill -9 and eight
writers", gives the figures measured.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

# 100,000 rows in CI: 35 s on SQLite, about a minute on PostgreSQL (set-up, the killed
# import and the re-run), measured on a busy 2-core machine. The 300,000 take about
# twice that, too long for every run: KILL_NINE_ROWS=300000 runs them (docs/security.md).
ROWS = int(os.environ.get("KILL_NINE_ROWS", "100000"))
CHANGED = 50  # kill_nine_world.CHANGED: figures of the file stored before, with other values
# How much the import's transaction has written when it is killed: at 100,000 rows about a
# quarter of the write on PostgreSQL (the two tables end at about 32 MB) and a fifth on
# SQLite (the log ends at about 40 MB).
KILL_AFTER = 8 * 2**20
WORLD = Path(__file__).with_name("kill_nine_world.py")

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (a POSIX system)"
)


class SQLiteDatabase:
    """A new SQLite file in the test's own data folder."""

    label = "SQLite"

    def __init__(self, folder: Path) -> None:
        self.path = folder / "plantrack.sqlite3"
        self.env = {"PLANTRACK_DATA_DIR": str(folder)}

    def written(self) -> int:
        """Bytes of the write-ahead log: an open transaction's pages spill into it."""
        wal = self.path.with_name(self.path.name + "-wal")
        return wal.stat().st_size if wal.exists() else 0

    def writing(self) -> bool:
        """Whether a write transaction is open: a second writer is refused at once."""
        connection = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            assert "locked" in str(error), error
            return True
        else:
            connection.execute("ROLLBACK")
            return False
        finally:
            connection.close()

    def wait_released(self) -> None:
        assert not self.writing(), "the killed import's lock outlived its process"


class PostgreSQLDatabase:
    """``<name>_killnine`` on the server of ``DATABASE_URL``, created by the test."""

    label = "PostgreSQL"

    def __init__(self, url: str, folder: Path) -> None:
        import psycopg

        self.psycopg = psycopg
        parts = urlsplit(url)
        self.name = f"{unquote(parts.path.lstrip('/'))}_killnine"
        self.server = "postgresql://" + parts._replace(path="/postgres").geturl().split("://")[1]
        new = parts._replace(path="/" + quote(self.name)).geturl()
        self.env = {"DATABASE_URL": new, "PLANTRACK_DATA_DIR": str(folder)}
        self.url = "postgresql://" + new.split("://", 1)[1]
        with psycopg.connect(self.server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        with self.psycopg.connect(self.server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _one(self, query: str):
        with self.psycopg.connect(self.url, autocommit=True) as connection:
            return connection.execute(query).fetchone()[0]

    def written(self) -> int:
        """Bytes of the figures' and revisions' tables: rows not yet committed count too."""
        return self._one(
            "SELECT pg_relation_size('observations_observation') "
            "+ pg_relation_size('observations_observationrevision')"
        )

    def writing(self) -> bool:
        """Whether another connection to the database is inside a transaction."""
        return (
            self._one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
            )
            > 0
        )

    def wait_released(self) -> None:
        """Wait until the server has ended the killed client's session (its transaction)."""
        deadline = time.monotonic() + 60
        while self._one(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ):
            assert time.monotonic() < deadline, "the killed import's session is still open"
            time.sleep(0.1)


@pytest.fixture
def database(tmp_path):
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url or url.startswith("sqlite"):
        yield SQLiteDatabase(tmp_path)
        return
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip(f"runs on SQLite or PostgreSQL, not {urlsplit(url).scheme}")
    try:
        made = PostgreSQLDatabase(url, tmp_path)
    except Exception as error:  # noqa: BLE001 -- no server, or no right to create a database
        pytest.skip(f"cannot create a PostgreSQL database of its own: {error}")
    try:
        yield made
    finally:
        made.drop()


def env_for(database) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return env | {"DEBUG": "1"} | database.env


def run(args, env, timeout=300) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 -- our own scripts, fixed arguments
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def state(csv_path, env, *, full: bool = False) -> dict:
    args = [str(WORLD), "state", str(csv_path), *(["full"] if full else [])]
    return json.loads(run(args, env).stdout)


def test_kill_9_during_an_import_writes_nothing_and_the_rerun_writes_every_row(database, tmp_path):
    env = env_for(database)
    csv_path = tmp_path / "kill-nine.csv"
    import_command = [
        sys.executable,
        *("-m", "plantrack", "import", str(csv_path), "--user", "nhap-lieu", "--locale", "en"),
        *("--format", "json"),
    ]
    started = time.monotonic()
    before = json.loads(run([str(WORLD), "build", str(csv_path), str(ROWS)], env).stdout)
    assert before["file"] == {"rows": ROWS, "stored": 0}
    assert (before["broken"], before["integrity"]) == ([], [])
    assert before["counts"]["observations.observation"] == CHANGED
    baseline = database.written()
    set_up = time.monotonic() - started

    started = time.monotonic()
    importing = subprocess.Popen(  # noqa: S603 -- our own command, fixed arguments
        import_command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        while True:
            if importing.poll() is not None:
                out, err = importing.communicate()
                pytest.fail(f"the import ended before it was killed: lower KILL_AFTER\n{out}{err}")
            written = database.written() - baseline
            if written >= KILL_AFTER and database.writing():
                break
            assert time.monotonic() - started < 180, "the import never started writing"
            time.sleep(0.05)
        importing.send_signal(signal.SIGKILL)
        importing.wait(timeout=60)
    finally:
        if importing.poll() is None:
            importing.kill()
            importing.wait()
    killed_at = time.monotonic() - started
    assert importing.returncode == -signal.SIGKILL
    database.wait_released()

    after = state(csv_path, env, full=True)
    assert after["integrity"] == []
    assert after["broken"] == []
    assert after["file"] == {"rows": ROWS, "stored": 0}
    assert after == before  # every table as it was, to the row

    started = time.monotonic()
    again = run(import_command[1:], env)
    rerun = time.monotonic() - started
    report = json.loads(again.stdout)
    assert (report["written"], report["rows"], report["problems"]) == (True, ROWS, [])
    assert (report["created"], report["changed"], report["unchanged"]) == (
        ROWS - CHANGED,
        CHANGED,
        0,
    )
    final = state(csv_path, env)
    assert final["broken"] == []
    assert final["file"] == {"rows": ROWS, "stored": ROWS}
    counts, was = final["counts"], before["counts"]
    assert counts["observations.observation"] == was["observations.observation"] + ROWS
    # A CREATED revision for every new figure and vintage, a SUPERSEDED one for each old one.
    assert (
        counts["observations.observationrevision"]
        == was["observations.observationrevision"] + ROWS + CHANGED
    )
    assert counts["observations.importbatch"] == was["observations.importbatch"] + 1
    print(
        f"\n{database.label}: {ROWS:,} rows; set-up {set_up:.1f} s; killed {killed_at:.1f} s "
        f"after the start, {written / 2**20:.0f} MB written; re-run {rerun:.1f} s"
    )
