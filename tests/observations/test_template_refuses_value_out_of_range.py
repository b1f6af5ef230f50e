"""A template filled with a value outside the indicator's range is refused, cell named."""

import pytest
from test_export_support import (
    build,
    indicator_row,
    input_column,
    open_workbook,
    save_workbook,
)

from plantrack.observations.excel_template import write_template
from plantrack.observations.importing import DATA_SHEET
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation


@pytest.fixture
def setting(province, industry):
    return build(province, industry)


def test_a_share_above_100_percent_is_refused_with_its_cell(setting, industry, reporter):
    workbook = open_workbook(write_template(industry, "2025"))
    sheet = workbook[DATA_SHEET]
    row = indicator_row(sheet, "industry_share")
    column = input_column(sheet, "04")
    sheet.cell(row=row, column=column, value=135)
    sheet.cell(row=indicator_row(sheet, "trade_turnover"), column=column, value=1200)
    letter = sheet.cell(row=row, column=column).column_letter

    report = import_observations(
        save_workbook(workbook), "bieu-mau.xlsx", user=reporter, agency=industry
    )

    assert not report.written
    (problem,) = report.errors
    assert problem.code == "out_of_range"
    assert (problem.sheet, problem.row, problem.column) == (DATA_SHEET, row, letter)
    assert problem.value == "135"
    assert "0 – 100" in problem.message
    assert f"dòng {row}" in problem.where() and f"cột {letter}" in problem.where()
    assert not Observation.objects.exists()  # nothing half-written


def test_a_negative_turnover_is_refused(setting, industry, reporter):
    workbook = open_workbook(write_template(industry, "2025"))
    sheet = workbook[DATA_SHEET]
    sheet.cell(
        row=indicator_row(sheet, "trade_turnover"), column=input_column(sheet, "01279"), value="-5"
    )

    report = import_observations(
        save_workbook(workbook), "bieu-mau.xlsx", user=reporter, agency=industry
    )

    assert [problem.code for problem in report.errors] == ["out_of_range"]
