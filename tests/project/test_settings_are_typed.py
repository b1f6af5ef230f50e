"""Every ``PLANTRACK_*`` setting is declared and typed in settings.py; a bad value stops the
start with ``ImproperlyConfigured`` naming the variable, never a ``ValueError`` later."""

import ast
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from plantrack.settings import env_decimal, env_int

SOURCE = Path(__file__).resolve().parents[2] / "src" / "plantrack"


def test_integers_are_read_and_bounded(monkeypatch):
    monkeypatch.setenv("PLANTRACK_X", " 30 ")
    assert env_int("PLANTRACK_X", 14) == 30
    monkeypatch.setenv("PLANTRACK_X", "")
    assert env_int("PLANTRACK_X", 14) == 14
    monkeypatch.setenv("PLANTRACK_X", "-1")
    with pytest.raises(ImproperlyConfigured, match="PLANTRACK_X must be at least 0"):
        env_int("PLANTRACK_X", 14, minimum=0)


@pytest.mark.parametrize("raw", ["10MB", "1.5", "mười"])
def test_a_bad_integer_is_refused_with_its_name(monkeypatch, raw):
    monkeypatch.setenv("PLANTRACK_X", raw)
    with pytest.raises(ImproperlyConfigured, match="PLANTRACK_X must be a whole number"):
        env_int("PLANTRACK_X", 14)


@pytest.mark.parametrize("raw", ["0,5", "nan", "inf", "abc"])
def test_a_bad_decimal_is_refused_with_its_name(monkeypatch, raw):
    monkeypatch.setenv("PLANTRACK_Y", raw)
    with pytest.raises(ImproperlyConfigured, match="PLANTRACK_Y"):
        env_decimal("PLANTRACK_Y", "0.5", minimum="0")


def test_decimals_are_read(monkeypatch):
    monkeypatch.setenv("PLANTRACK_Y", "0.25")
    assert env_decimal("PLANTRACK_Y", "0.5") == Decimal("0.25")


def test_the_settings_have_their_types():
    assert isinstance(settings.PLANTRACK_EVIDENCE_MAX_BYTES, int)
    assert isinstance(settings.PLANTRACK_DUE_SOON_DAYS, int)
    assert isinstance(settings.PLANTRACK_OUTLIER_THRESHOLD, Decimal)
    assert isinstance(settings.PLANTRACK_OUTLIER_POINTS, Decimal)


def _names_used_outside_settings() -> set[str]:
    """Return every ``PLANTRACK_*`` name the code reads from ``settings``."""
    used = set()
    for path in SOURCE.rglob("*.py"):
        if path.name == "settings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr.startswith("PLANTRACK_"):
                used.add(node.attr)
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if node.value.startswith("PLANTRACK_") and node.value.isupper():
                    used.add(node.value)
    return used


def test_every_setting_the_code_reads_is_declared_in_settings():
    declared = {
        target.id
        for node in ast.walk(ast.parse((SOURCE / "settings.py").read_text(encoding="utf-8")))
        if isinstance(node, ast.AnnAssign | ast.Assign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name) and target.id.startswith("PLANTRACK_")
    }
    # The data folder is read from the environment directly (it is DATA_DIR in settings).
    missing = _names_used_outside_settings() - declared - {"PLANTRACK_DATA_DIR"}

    assert not missing, f"declare and type these in settings.py: {sorted(missing)}"


def test_a_bad_setting_stops_the_command_with_its_name(tmp_path):
    env = dict(os.environ, DEBUG="1", PLANTRACK_DATA_DIR=str(tmp_path))
    env["PLANTRACK_DUE_SOON_DAYS"] = "two weeks"

    result = subprocess.run(
        [sys.executable, "-m", "plantrack", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "PLANTRACK_DUE_SOON_DAYS must be a whole number, not 'two weeks'" in result.stderr
    assert "ValueError" not in result.stderr.replace("ImproperlyConfigured", "")
