"""What cannot be a template is refused with a reason: making it, and reading it back."""

import pytest
from test_export_support import build, open_workbook, save_workbook

from plantrack.observations.excel_template import TemplateError, write_template
from plantrack.observations.importing import META_SHEET
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation


@pytest.fixture
def setting(province, industry):
    return build(province, industry)


def test_an_agency_without_indicators_for_the_period_gets_no_template(setting, health):
    with pytest.raises(TemplateError) as refused:
        write_template(health, "2025")

    assert refused.value.code == "no_indicators"
    assert str(refused.value) == "Sở Y tế không chủ trì chỉ số nào báo cáo theo kỳ 2025."


@pytest.mark.parametrize("period", ["2025 năm", "2025-03-31", ""])
def test_a_period_that_is_not_a_year_quarter_or_month_is_refused(setting, industry, period):
    with pytest.raises(TemplateError) as refused:
        write_template(industry, period)

    assert refused.value.code == "invalid_period"


def edit_meta(data: bytes, key: str, value) -> bytes:
    workbook = open_workbook(data)
    for cells in workbook[META_SHEET].iter_rows():
        if cells[0].value == key:
            cells[1].value = value
    return save_workbook(workbook)


def test_a_template_of_another_version_is_refused(setting, industry, reporter):
    data = edit_meta(write_template(industry, "2025"), "version", "0")

    report = import_observations(data, "cu.xlsx", user=reporter)

    assert [problem.code for problem in report.errors] == ["template_version"]
    assert "phiên bản 0" in report.errors[0].message
    assert not Observation.objects.exists()


def test_a_template_with_a_damaged_hidden_sheet_is_refused(setting, industry, reporter):
    data = edit_meta(write_template(industry, "2025"), "code_row", "sáu")

    report = import_observations(data, "hong.xlsx", user=reporter)

    assert [problem.code for problem in report.errors] == ["not_a_template"]
