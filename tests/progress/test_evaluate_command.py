"""``plantrack progress evaluate``: JSON Lines in, JSON Lines out, same order, no database."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

from plantrack.progress.engine import Assessment

CASE = {
    "target": {
        "kind": "average_growth",
        "comparator": ">=",
        "value": 9.72,
        "upper_value": None,
        "tolerance": None,
        "baseline_year": 2020,
        "baseline_value": None,
        "start_year": 2021,
        "target_year": 2030,
        "direction": "increase",
        "measure": "growth_rate",
        "method": None,
    },
    "series": [[2021, 6.0], [2022, 6.6], [2023, 5.2]],
    "as_of_year": 2023,
}
POVERTY = {
    "target": {
        "kind": "annual_change",
        "comparator": "<=",
        "value": -4.0,
        "start_year": 2021,
        "target_year": 2025,
        "direction": "decrease",
        "measure": "level",
    },
    "series": [[2020, 30.0], [2022, 22.0]],
    "as_of_year": 2022,
}


def write_cases(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path: Path, capsys) -> list[dict]:
    call_command("progress", "evaluate", "--input", str(path))
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_each_line_gives_one_result_in_the_same_order(tmp_path, capsys):
    path = write_cases(tmp_path, [json.dumps(CASE), json.dumps(POVERTY), json.dumps(CASE)])

    first, second, third = run(path, capsys)

    assert list(first) == list(Assessment.OUTPUT_FIELDS)
    assert first["status"] == "needs_acceleration"
    assert first["required_rate_remaining"] == 11.384715
    assert second["status"] == "on_track"
    assert second["required_rate_remaining"] == -4.0
    assert third == first


def test_a_bad_line_gives_an_error_in_its_place(tmp_path, capsys):
    bad_kind = {**CASE, "target": {**CASE["target"], "kind": "speed"}}
    path = write_cases(tmp_path, [json.dumps(CASE), "{not json", json.dumps(bad_kind)])

    first, second, third = run(path, capsys)

    assert first["status"] == "needs_acceleration"
    assert second["error"].startswith("line 2:")
    assert "unknown target kind" in third["error"]


def test_fields_that_do_not_apply_are_null(tmp_path, capsys):
    qualitative = {"target": {"kind": "qualitative", "target_year": 2030}, "series": []}
    path = write_cases(tmp_path, [json.dumps(qualitative)])

    (result,) = run(path, capsys)

    assert result["status"] == "not_assessable"
    assert result["actual_rate"] is None and result["required_rate_remaining"] is None


def test_the_command_needs_no_database(tmp_path):
    path = write_cases(tmp_path, [json.dumps(CASE)])
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}

    result = subprocess.run(
        [sys.executable, "-m", "plantrack", "progress", "evaluate", "--input", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "needs_acceleration"


def test_the_engine_imports_no_django():
    code = "import sys, plantrack.progress.engine; print(any(m == 'django' for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"
