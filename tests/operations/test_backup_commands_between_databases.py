"""The commands end to end, as an operator runs them: the demo backed up from one SQLite
data folder and restored into a new one that has no database yet (``restore`` creates the
tables); where the tests run on PostgreSQL, the same SQLite backup restored into a new
PostgreSQL database too: the format is the same on both."""

import json
import os
import subprocess
import sys
import uuid

import dj_database_url
import psycopg
import pytest

COUNT = (
    "import json; from django.apps import apps; "
    "print(json.dumps({m._meta.label_lower: m._default_manager.count() "
    "for m in apps.get_models()}))"
)


def env_for(data_dir, database_url: str | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"DEBUG": "1", "PLANTRACK_DATA_DIR": str(data_dir)}
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def plantrack(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "plantrack", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def counts(env) -> dict[str, int]:
    result = plantrack(["shell", "-c", COUNT], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def backup(tmp_path_factory):
    """The demo in a fresh SQLite data folder, backed up by the command."""
    root = tmp_path_factory.mktemp("backup-commands")
    source = env_for(root / "source")
    assert plantrack(["migrate", "--verbosity", "0"], source).returncode == 0
    load = plantrack(
        [
            "shell",
            "-c",
            "from plantrack.demo.services import assess_demo_plans, load_demo, "
            "reset_demo_users; load_demo(); assess_demo_plans(); reset_demo_users()",
        ],
        source,
    )
    assert load.returncode == 0, load.stderr
    made = plantrack(["backup", "-o", str(root / "backup")], source)
    assert made.returncode == 0, made.stderr
    assert "Đã sao lưu" in made.stdout
    return root, counts(source)


def saved(all_counts: dict[str, int]) -> dict[str, int]:
    skipped = ("contenttypes.", "auth.permission", "sessions.")
    return {label: n for label, n in all_counts.items() if not label.startswith(skipped)}


def test_restore_into_a_new_sqlite_folder_creates_the_tables_and_loads_everything(backup):
    root, before = backup
    target = env_for(root / "target")  # no database file yet

    restored = plantrack(["restore", str(root / "backup")], target)

    assert restored.returncode == 0, restored.stderr
    assert "Đã khôi phục" in restored.stdout
    after = counts(target)
    assert saved(after) == saved(before)
    assert after["observations.observation"] > 40

    again = plantrack(["restore", str(root / "backup")], target)
    assert again.returncode != 0
    assert "Cơ sở dữ liệu đã có dữ liệu" in again.stderr


@pytest.fixture
def new_postgresql_database():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the tests run on SQLite: DATABASE_URL names no PostgreSQL server")
    config = dj_database_url.parse(url)
    name = f"plantrack_restore_{uuid.uuid4().hex[:8]}"
    server = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(**server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_sqlite_backup_restores_into_postgresql(backup, new_postgresql_database, tmp_path):
    root, before = backup
    target = env_for(tmp_path / "pg-data", new_postgresql_database)

    restored = plantrack(["restore", str(root / "backup")], target)

    assert restored.returncode == 0, restored.stderr
    assert saved(counts(target)) == saved(before)
