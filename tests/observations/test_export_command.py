"""``plantrack export observations``: filters by plan, indicator and unit; clear refusals."""

import csv
import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from test_export_support import build, publish

from plantrack.observations.choices import WorkflowState
from plantrack.plans.choices import Comparator, PlanStatus, TargetKind
from plantrack.plans.models import Target


@pytest.fixture
def setting(province, industry, master_plan):
    setting = build(province, industry)
    publish(setting.turnover, province, "2024", "946.462")
    publish(setting.turnover, setting.districts[0], "2024", "300")
    publish(setting.growth, province, "2024", "-2.5")
    publish(setting.share, province, "2024", "31", state=WorkflowState.SUBMITTED)
    Target.objects.create(
        plan=master_plan,
        indicator=setting.turnover,
        scope_unit=province,
        kind=TargetKind.LEVEL,
        comparator=Comparator.GTE,
        value=Decimal(1000),
        target_year=2030,
        phrase="kim ngạch xuất nhập khẩu đạt trên 1 tỷ USD",
    )
    return setting


def export(tmp_path, *args, name="so-lieu.csv") -> tuple[str, Path]:
    out = io.StringIO()
    path = tmp_path / name
    call_command("export", "observations", *args, "-o", str(path), stdout=out)
    return out.getvalue(), path


def csv_rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_exports_every_current_figure_by_default(setting, tmp_path):
    message, path = export(tmp_path)

    assert len(csv_rows(path)) == 4
    assert message.strip() == f"Đã ghi 4 số liệu (csv) vào {path}."


def test_plan_keeps_the_indicators_its_targets_measure(setting, tmp_path):
    _message, path = export(tmp_path, "--plan", "QH-CB-2021-2030")

    assert {row["indicator"] for row in csv_rows(path)} == {"trade_turnover"}


def test_indicator_and_unit_filter(setting, tmp_path):
    _message, path = export(tmp_path, "--indicator", "trade_turnover", "--unit", "040")

    assert [(row["unit"], row["value"]) for row in csv_rows(path)] == [("040", "300")]


def test_xlsx_by_the_file_name_and_sdmx_csv_by_format(setting, tmp_path):
    _message, path = export(tmp_path, name="so-lieu.xlsx")
    assert load_workbook(path).active.max_row == 1 + 4

    message, path = export(tmp_path, "--format", "sdmx-csv", name="open.csv")
    assert "Đã ghi 3 số liệu đã phê duyệt (sdmx-csv)" in message  # not the submitted share
    assert path.read_text(encoding="utf-8").startswith("DATAFLOW,")


def test_a_user_exports_what_they_may_see(setting, tmp_path, other_reporter):
    _message, path = export(tmp_path, "--user", other_reporter.username)

    # Sở Y tế's reporter does not see Sở Công Thương's submitted share.
    assert len(csv_rows(path)) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--plan", "QH-XX"], "Không có quy hoạch, kế hoạch mã “QH-XX”."),
        (["--indicator", "gdp"], "Không có chỉ số mã “gdp”."),
        (["--unit", "99"], "Không có đơn vị hành chính mã “99”."),
        (["--user", "nobody"], "Không có người dùng “nobody”."),
    ],
)
def test_unknown_codes_are_usage_errors(setting, tmp_path, args, message):
    with pytest.raises(CommandError) as refused:
        export(tmp_path, *args)

    assert str(refused.value) == message
    assert refused.value.returncode == 2
    assert not (tmp_path / "so-lieu.csv").exists()


def test_a_draft_plan_is_unknown_to_a_user_who_may_not_see_it(
    setting, tmp_path, master_plan, reporter
):
    master_plan.status = PlanStatus.DRAFT
    master_plan.save(update_fields=["status"])

    with pytest.raises(CommandError) as refused:
        export(tmp_path, "--plan", master_plan.code, "--user", reporter.username)

    assert refused.value.returncode == 2
    _message, path = export(tmp_path, "--plan", master_plan.code)  # the command line sees it
    assert len(csv_rows(path)) == 2


def test_a_missing_output_is_exit_code_2_on_the_command_line(tmp_path):
    env = {**os.environ, "DEBUG": "1", "PLANTRACK_DATA_DIR": str(tmp_path)}
    finished = subprocess.run(
        [sys.executable, "-m", "plantrack", "export", "observations"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert finished.returncode == 2
    assert "-o/--output" in finished.stderr
