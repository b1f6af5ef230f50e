"""Generate Sở Công Thương's template, fill it as a clerk would, import it: the figures land."""

from decimal import Decimal

import pytest
from test_export_support import (
    build,
    indicator_row,
    input_column,
    open_workbook,
    publish,
    save_workbook,
)

from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.excel_template import (
    COMMENT_COLUMN,
    SOURCE_COLUMN,
    STATUS_COLUMN,
    write_template,
)
from plantrack.observations.importing import DATA_SHEET
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation


@pytest.fixture
def setting(province, industry):
    return build(province, industry)


def fill(data: bytes, setting) -> bytes:
    """Fill the 2025 template: numbers, a number typed as Vietnamese text, status, source."""
    workbook = open_workbook(data)
    sheet = workbook[DATA_SHEET]
    turnover = indicator_row(sheet, "trade_turnover")
    growth = indicator_row(sheet, "growth_industry")
    province = input_column(sheet, "04")
    commune = input_column(sheet, "01273")
    sheet.cell(row=turnover, column=province, value="1.234,5")
    sheet.cell(row=turnover, column=commune, value=310)
    sheet.cell(row=turnover, column=STATUS_COLUMN, value="Sơ bộ")
    sheet.cell(row=turnover, column=SOURCE_COLUMN, value="Báo cáo của Sở Công Thương số 12")
    sheet.cell(row=growth, column=province, value=-2.5)
    sheet.cell(row=growth, column=COMMENT_COLUMN, value="Nhà máy xi măng tạm dừng")
    return save_workbook(workbook)


def test_a_filled_template_imports_every_filled_cell(setting, industry, reporter):
    data = fill(write_template(industry, "2025"), setting)

    report = import_observations(data, "bieu-mau-SCT-2025.xlsx", user=reporter, agency=industry)

    assert report.errors == []
    assert report.layout == "template"
    assert (report.written, report.created) == (True, 3)
    written = {
        (o.indicator.code, o.unit_id): o
        for o in Observation.objects.filter(period="2025").select_related("indicator")
    }
    assert set(written) == {
        ("trade_turnover", setting.province.pk),
        ("trade_turnover", setting.communes[0].pk),
        ("growth_industry", setting.province.pk),
    }
    text_number = written["trade_turnover", setting.province.pk]
    assert text_number.value == Decimal("1234.5")
    assert text_number.status == FigureStatus.PRELIMINARY
    assert text_number.source == "Báo cáo của Sở Công Thương số 12"
    assert text_number.state == WorkflowState.SUBMITTED
    assert text_number.agency == industry
    assert written["trade_turnover", setting.communes[0].pk].value == Decimal(310)
    growth = written["growth_industry", setting.province.pk]
    assert growth.value == Decimal("-2.5")
    assert growth.status == FigureStatus.ESTIMATE  # a blank status is an estimate
    assert growth.comment == "Nhà máy xi măng tạm dừng"


def test_the_new_commune_gets_the_figure_not_the_old_one_with_its_code(setting, industry, reporter):
    # Phường Thục Phán took the code 01273 of Phường Sông Hiến on 1 July 2025.
    data = fill(write_template(industry, "2025"), setting)

    import_observations(data, "bieu-mau.xlsx", user=reporter, agency=industry)

    assert not Observation.objects.filter(unit=setting.old_commune).exists()
    assert Observation.objects.filter(unit=setting.communes[0], period="2025").exists()


def test_importing_the_same_filled_template_again_changes_nothing(setting, industry, reporter):
    data = fill(write_template(industry, "2025"), setting)
    import_observations(data, "bieu-mau.xlsx", user=reporter, agency=industry)

    again = import_observations(data, "bieu-mau.xlsx", user=reporter, agency=industry)

    assert again.errors == []
    assert (again.created, again.changed, again.unchanged) == (0, 0, 3)


def test_previous_values_shown_beside_the_inputs_are_not_imported(setting, industry, reporter):
    publish(setting.turnover, setting.province, "2024", "1180.2")
    data = write_template(industry, "2025")
    workbook = open_workbook(data)
    sheet = workbook[DATA_SHEET]
    row = indicator_row(sheet, "trade_turnover")
    column = input_column(sheet, "04")
    assert sheet.cell(row=row, column=column - 1).value == pytest.approx(1180.2)
    sheet.cell(row=row, column=column, value=1250)

    report = import_observations(
        save_workbook(workbook), "bieu-mau.xlsx", user=reporter, agency=industry
    )

    assert report.errors == []
    assert report.rows == 1
    assert Observation.objects.get(period="2025").value == Decimal(1250)
