"""``plantrack import FILE``: prints the report; exit code 0 written, 1 refused, 2 usage error;
without ``--user`` the import is recorded as made by the command line's system account."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from plantrack.observations.imports import import_observations
from plantrack.observations.models import ImportBatch, Observation

pytestmark = pytest.mark.django_db

HEADER = ("indicator", "unit", "period", "value")
GOOD = [("grdp_growth", "04", "2023", "2,24"), ("grdp_growth", "04", "2024", "2,5")]


@pytest.fixture
def good_file(tmp_path, csv_file, grdp_growth, province) -> Path:
    path = tmp_path / "tang-truong.csv"
    path.write_bytes(csv_file(GOOD, HEADER))
    return path


@pytest.fixture
def bad_file(tmp_path, csv_file, grdp_growth, province) -> Path:
    path = tmp_path / "hong.csv"
    path.write_bytes(csv_file([*GOOD, ("grdp_growth", "04", "2025", "abc")], HEADER))
    return path


def run(*args) -> tuple[int, str]:
    """Run the command as the shell would see it: (exit code, output)."""
    out = StringIO()
    try:
        call_command("import", *[str(arg) for arg in args], stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    except CommandError as error:
        return error.returncode, str(error)
    return 0, out.getvalue()


def test_a_clean_file_is_written_and_exits_0(good_file, planner):
    code, out = run(good_file, "--user", "phuong")

    assert code == 0
    batch = ImportBatch.objects.get()
    assert out.splitlines() == [
        "tang-truong.csv (csv, long): Đã ghi.",
        f"  Lượt nhập số {batch.pk}.",
        "  2 giá trị: mới 2, thay đổi 0, không đổi 0.",
    ]
    assert batch.user == planner
    assert Observation.objects.count() == 2


def test_a_refused_file_exits_1_and_says_where_and_what(bad_file, planner):
    code, out = run(bad_file, "--user", "phuong")

    assert code == 1
    assert out.splitlines() == [
        "hong.csv (csv, long): Không ghi gì: tệp có lỗi.",
        "  3 giá trị: mới 0, thay đổi 0, không đổi 0.",
        "  Lỗi: hong.csv, dòng 4, cột value [abc]: “abc” không phải là một số.",
    ]
    assert not Observation.objects.exists()


def test_a_dry_run_exits_0_counts_and_writes_nothing(good_file, planner, tables):
    before = tables()

    code, out = run(good_file, "--user", "phuong", "--dry-run")

    assert code == 0
    assert out.splitlines() == [
        "tang-truong.csv (csv, long): Kiểm tra xong (chạy thử, không ghi).",
        "  2 giá trị: mới 2, thay đổi 0, không đổi 0.",
    ]
    assert tables() == before


def test_a_dry_run_of_a_bad_file_exits_1(bad_file, planner):
    assert run(bad_file, "--user", "phuong", "--dry-run")[0] == 1


def test_the_json_report_gives_counts_and_every_problem(bad_file, planner):
    code, out = run(bad_file, "--user", "phuong", "--format", "json")

    assert code == 1
    report = json.loads(out)
    assert {key: report[key] for key in ("file", "format", "layout", "rows", "written")} == {
        "file": "hong.csv",
        "format": "csv",
        "layout": "long",
        "rows": 3,
        "written": False,
    }
    assert report["problems"] == [
        {
            "code": "not_a_number",
            "severity": "error",
            "file": "hong.csv",
            "sheet": "",
            "row": 4,
            "column": "value",
            "value": "abc",
            "message": "“abc” không phải là một số.",
        }
    ]


def test_the_json_report_of_a_written_file_names_its_batch(good_file, planner):
    code, out = run(good_file, "--user", "phuong", "--format", "json")

    report = json.loads(out)
    assert code == 0
    assert (report["written"], report["created"], report["batch"]) == (
        True,
        2,
        ImportBatch.objects.get().pk,
    )


def test_without_user_the_system_account_imports_and_cannot_log_in(good_file, csv_file):
    assert run(good_file)[0] == 0

    system = ImportBatch.objects.get().user
    assert system.username == "plantrack-cli"
    assert system.is_superuser and not system.is_active
    assert not system.has_usable_password()
    # Later runs reuse it.
    good_file.write_bytes(csv_file([("grdp_growth", "04", "2025", "2,6")], HEADER))
    assert run(good_file)[0] == 0
    assert {batch.user for batch in ImportBatch.objects.all()} == {system}


def test_agency_names_the_reporting_agency(good_file, planner, industry):
    assert run(good_file, "--user", "phuong", "--agency", "SCT")[0] == 0

    assert ImportBatch.objects.get().agency == industry


def test_locale_decides_ambiguous_numbers(tmp_path, csv_file, planner, grdp_growth, province):
    path = tmp_path / "nghin.csv"
    path.write_bytes(csv_file([("grdp_growth", "04", "2024", "1.234")], HEADER))

    assert run(path, "--user", "phuong")[0] == 1
    assert run(path, "--user", "phuong", "--locale", "vi")[0] == 0
    assert Observation.objects.get().value == 1234


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["khong-co.csv"], "Không đọc được tệp khong-co.csv"),
        (["{good}", "--user", "ai-do"], "Không có người dùng “ai-do”."),
        (["{good}", "--agency", "XYZ"], "Không có cơ quan mã “XYZ”."),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(args, message, good_file, planner, tables):
    before = tables()

    code, out = run(*[arg.format(good=good_file) for arg in args])

    assert code == 2
    assert message in out
    assert tables() == before


def test_the_installed_command_exits_2_on_a_usage_error(tmp_path):
    # The real process: Django turns the errors into exit codes, before any database is used.
    env = {**os.environ, "DEBUG": "1", "PLANTRACK_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "plantrack", "import"]

    missing = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [*command, str(tmp_path / "khong-co.csv")], env=env, capture_output=True, text=True
    )
    no_file = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    bad_option = subprocess.run(  # noqa: S603
        [*command, "x.csv", "--format", "xml"], env=env, capture_output=True, text=True
    )

    assert missing.returncode == 2, missing.stderr
    assert "Không đọc được tệp" in missing.stderr
    assert no_file.returncode == 2
    assert bad_option.returncode == 2


def test_the_command_and_the_service_give_the_same_report(good_file, planner):
    expected = import_observations(
        good_file.read_bytes(), good_file.name, user=planner, dry_run=True
    ).as_dict()

    code, out = run(good_file, "--user", "phuong", "--format", "json", "--dry-run")

    assert code == 0
    assert json.loads(out) == expected
