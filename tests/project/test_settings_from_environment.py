"""The settings module reads the environment and refuses bad values."""

import os
import sqlite3
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from plantrack.settings import database_from_env, env_bool, env_list


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("0", False), ("", False)]
)
def test_yes_no_variables_are_read(monkeypatch, raw, expected):
    monkeypatch.setenv("PLANTRACK_FLAG", raw)
    assert env_bool("PLANTRACK_FLAG", False) is expected


def test_a_yes_no_variable_with_another_value_is_refused(monkeypatch):
    monkeypatch.setenv("PLANTRACK_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="PLANTRACK_FLAG"):
        env_bool("PLANTRACK_FLAG", False)


def test_lists_drop_blanks(monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOSTS", "plan.example.vn, ,127.0.0.1")
    assert env_list("PLANTRACK_HOSTS", []) == ["plan.example.vn", "127.0.0.1"]


def test_database_url_selects_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://planner@db.local:5432/plantrack")
    config = database_from_env()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["NAME"], config["USER"]) == ("db.local", "plantrack", "planner")


def test_a_malformed_database_url_is_refused(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "nosuchdb://x")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_env()


def run_plantrack(args, env):
    return subprocess.run(
        [sys.executable, "-m", "plantrack", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_without_database_url_plantrack_uses_sqlite_in_wal_mode(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"PLANTRACK_DATA_DIR": str(tmp_path / "data"), "DEBUG": "1"}

    result = run_plantrack(["migrate", "--verbosity", "0"], env)

    assert result.returncode == 0, result.stderr
    database = tmp_path / "data" / "plantrack.sqlite3"
    with sqlite3.connect(database) as connection:
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    assert mode == "wal"


def test_without_secret_key_and_debug_the_command_stops_with_a_clear_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env |= {"PLANTRACK_DATA_DIR": str(tmp_path)}

    result = run_plantrack(["check"], env)

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
