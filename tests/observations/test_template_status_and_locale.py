"""Every drop-down status reads back; an English template reads English numbers."""

import pytest
from test_export_support import (
    build,
    indicator_row,
    input_column,
    open_workbook,
    save_workbook,
)

from plantrack.observations.choices import FigureStatus
from plantrack.observations.excel_template import STATUS_COLUMN, write_template
from plantrack.observations.importing import DATA_SHEET, META_SHEET
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation


@pytest.fixture
def setting(province, industry):
    return build(province, industry)


def status_options(sheet) -> list[str]:
    (validation,) = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    return validation.formula1.strip('"').split(",")


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_each_status_in_the_drop_down_is_read_by_the_importer(setting, industry, reporter, locale):
    workbook = open_workbook(write_template(industry, "2025", locale=locale))
    sheet = workbook[DATA_SHEET]
    options = status_options(sheet)
    codes = ["growth_industry", "industry_share", "trade_turnover"]
    for code, option in zip(codes, options, strict=True):
        row = indicator_row(sheet, code)
        sheet.cell(row=row, column=STATUS_COLUMN, value=option)
        sheet.cell(row=row, column=input_column(sheet, "04"), value=12)

    report = import_observations(save_workbook(workbook), "t.xlsx", user=reporter)

    assert report.errors == []
    statuses = dict(Observation.objects.values_list("indicator__code", "status"))
    assert statuses == {
        "growth_industry": FigureStatus.ESTIMATE,
        "industry_share": FigureStatus.PRELIMINARY,
        "trade_turnover": FigureStatus.OFFICIAL,
    }


def test_an_english_template_writes_and_reads_english_numbers(setting, industry, reporter):
    workbook = open_workbook(write_template(industry, "2025", locale="en"))
    sheet = workbook[DATA_SHEET]
    meta = dict(workbook[META_SHEET].iter_rows(values_only=True))
    assert meta["locale"] == "en"
    assert "1,234.5" in sheet["A3"].value
    assert status_options(sheet) == ["Estimate", "Preliminary", "Official"]
    row = indicator_row(sheet, "trade_turnover")
    assert sheet.cell(row=row, column=2).value == "Import-export turnover through the province"
    sheet.cell(row=row, column=input_column(sheet, "04"), value="1,234.5")

    report = import_observations(save_workbook(workbook), "t.xlsx", user=reporter)

    assert report.errors == []
    assert str(Observation.objects.get().value.normalize()) == "1234.5"
