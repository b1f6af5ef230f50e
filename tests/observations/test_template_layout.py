"""The template a clerk opens: indicators as rows, units as columns, inputs marked and guarded."""

import pytest
from test_export_support import build, indicator_row, input_column, open_workbook, publish

from plantrack.observations.excel_template import (
    CODE_ROW,
    FIRST_DATA_ROW,
    HEADER_ROW,
    UNIT_ROW,
    write_template,
)
from plantrack.observations.importing import (
    DATA_SHEET,
    META_SHEET,
    TEMPLATE_MARK,
    TEMPLATE_VERSION,
)


@pytest.fixture
def setting(province, industry):
    return build(province, industry)


def codes(sheet) -> list[str]:
    return [cell.value for cell in sheet[CODE_ROW] if cell.value is not None]


def rows(sheet) -> list[str]:
    return [sheet.cell(row=row, column=1).value for row in range(FIRST_DATA_ROW, sheet.max_row + 1)]


def test_rows_are_the_agencys_annual_indicators_with_a_number(setting, industry):
    sheet = open_workbook(write_template(industry, "2025"))[DATA_SHEET]

    # Not the quarterly index, not the qualitative cluster progress; by code.
    assert rows(sheet) == ["growth_industry", "industry_share", "trade_turnover"]


def test_a_quarter_gets_the_quarterly_indicators_and_the_quarter_before(setting, industry):
    sheet = open_workbook(write_template(industry, "2025Q1"))[DATA_SHEET]

    assert rows(sheet) == ["industrial_production_index"]
    assert sheet.cell(row=HEADER_ROW, column=8).value == "Kỳ 2024Q4 (hiện hành)"


def test_2025_columns_are_the_province_and_its_new_communes(setting, industry):
    sheet = open_workbook(write_template(industry, "2025"))[DATA_SHEET]

    assert codes(sheet)[7:] == ["prev:04", "04", "prev:01273", "01273", "prev:01279", "01279"]
    assert sheet.cell(row=UNIT_ROW, column=8).value == "Tỉnh Cao Bằng (04)"
    assert sheet.cell(row=UNIT_ROW, column=10).value == "Phường Thục Phán (01273)"


def test_2024_columns_are_the_province_and_its_districts(setting, industry):
    sheet = open_workbook(write_template(industry, "2024"))[DATA_SHEET]

    assert codes(sheet)[7:] == ["prev:04", "04", "prev:040", "040", "prev:042", "042"]


def test_headers_title_agency_and_period_are_written_in_vietnamese(setting, industry):
    sheet = open_workbook(write_template(industry, "2025"))[DATA_SHEET]

    assert sheet["A1"].value == "BIỂU MẪU BÁO CÁO SỐ LIỆU KỲ 2025"
    assert "Cơ quan báo cáo: Sở Công Thương (mã SCT) · Kỳ báo cáo: 2025" in sheet["A2"].value
    assert "ô nền vàng" in sheet["A3"].value and "1.234,5" in sheet["A3"].value
    assert [sheet.cell(row=UNIT_ROW, column=c).value for c in range(1, 8)] == [
        "Mã chỉ số",
        "Tên chỉ số",
        "Đơn vị tính",
        "Khoảng cho phép",
        "Tình trạng số liệu",
        "Nguồn số liệu",
        "Ghi chú, giải thích",
    ]
    assert sheet.cell(row=HEADER_ROW, column=8).value == "Kỳ 2024 (hiện hành)"
    assert sheet.cell(row=HEADER_ROW, column=9).value == "Kỳ 2025"
    assert sheet.freeze_panes == f"C{FIRST_DATA_ROW}"
    assert sheet.row_dimensions[CODE_ROW].hidden


def test_units_of_measure_and_allowed_ranges_are_written_in(setting, industry):
    sheet = open_workbook(write_template(industry, "2025"))[DATA_SHEET]

    def described(code):
        row = indicator_row(sheet, code)
        return [sheet.cell(row=row, column=column).value for column in (2, 3, 4)]

    assert described("industry_share") == [
        "Tỷ trọng công nghiệp - xây dựng trong GRDP",
        "%",
        "0 – 100",
    ]
    assert described("trade_turnover")[1:] == ["triệu USD", "≥ 0"]
    assert described("growth_industry")[2] is None  # a growth rate may be anything


def test_previous_values_are_shown_read_only_beside_the_inputs(setting, industry):
    publish(setting.turnover, setting.province, "2024", "1180.2")
    publish(setting.turnover, setting.province, "2023", "990")  # not the previous period
    sheet = open_workbook(write_template(industry, "2025"))[DATA_SHEET]
    row = indicator_row(sheet, "trade_turnover")
    column = input_column(sheet, "04")

    previous = sheet.cell(row=row, column=column - 1)
    assert previous.value == pytest.approx(1180.2)
    assert previous.protection.locked
    assert previous.number_format == "#,##0.0"
    assert sheet.cell(row=row, column=input_column(sheet, "01273") - 1).value is None


def test_the_sheet_is_protected_except_the_input_cells(setting, industry):
    workbook = open_workbook(write_template(industry, "2025"))
    sheet = workbook[DATA_SHEET]
    row = indicator_row(sheet, "trade_turnover")

    assert sheet.protection.sheet
    assert workbook.security.lockStructure
    for column in (5, 6, 7, input_column(sheet, "04"), input_column(sheet, "01279")):
        assert not sheet.cell(row=row, column=column).protection.locked
    for column in (1, 2, 3, 4):
        assert sheet.cell(row=row, column=column).protection.locked
    assert sheet.cell(row=CODE_ROW, column=input_column(sheet, "04")).protection.locked


def test_status_is_a_drop_down_and_inputs_are_validated_numbers(setting, industry):
    sheet = open_workbook(write_template(industry, "2025"))[DATA_SHEET]
    validations = sheet.data_validations.dataValidation
    share_row = indicator_row(sheet, "industry_share")
    turnover_row = indicator_row(sheet, "trade_turnover")
    province = sheet.cell(row=share_row, column=input_column(sheet, "04")).coordinate

    def covering(coordinate):
        return [v for v in validations if coordinate in v.sqref]

    (status,) = covering(f"E{share_row}")
    assert status.type == "list"
    assert status.formula1 == '"Ước thực hiện,Sơ bộ,Chính thức"'
    (share,) = covering(province)
    assert (share.type, share.operator, share.formula1, share.formula2) == (
        "decimal",
        "between",
        "0",
        "100",
    )
    assert share.showErrorMessage and "0 – 100" in share.error
    turnover_cell = sheet.cell(row=turnover_row, column=input_column(sheet, "01279"))
    (turnover,) = covering(turnover_cell.coordinate)
    assert (turnover.operator, turnover.formula1) == ("greaterThanOrEqual", "0")
    # A previous value is not an input: no validation on it.
    assert (
        covering(sheet.cell(row=share_row, column=input_column(sheet, "04") - 1).coordinate) == []
    )


def test_the_hidden_sheet_tells_the_reader_what_the_template_is(setting, industry):
    workbook = open_workbook(write_template(industry, "2025"))
    meta_sheet = workbook[META_SHEET]
    meta = {key: value for key, value in meta_sheet.iter_rows(values_only=True)}

    assert meta_sheet.sheet_state == "veryHidden"
    assert workbook.sheetnames[0] == DATA_SHEET
    assert meta["mark"] == TEMPLATE_MARK
    assert meta["version"] == TEMPLATE_VERSION
    assert (meta["agency"], meta["period"], meta["locale"]) == ("SCT", "2025", "vi")
    assert (meta["code_row"], meta["first_data_row"]) == (str(CODE_ROW), str(FIRST_DATA_ROW))


def test_an_agency_without_a_unit_gets_each_top_level_unit_and_its_children(setting, industry):
    industry.unit = None
    industry.save(update_fields=["unit"])

    sheet = open_workbook(write_template(industry, "2024"))[DATA_SHEET]

    assert codes(sheet)[7:] == ["prev:04", "04", "prev:040", "040", "prev:042", "042"]
