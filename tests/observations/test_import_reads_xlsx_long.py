"""An XLSX workbook in the long layout: numbers stay numbers, problems name sheet and cell."""

from decimal import Decimal

import pytest

from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation
from plantrack.plans.models import Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def trade(industry):
    return Indicator.objects.create(
        code="trade_turnover", name="Kim ngạch xuất nhập khẩu", unit="triệu USD", owner=industry
    )


def values():
    return {o.indicator.code: o.value for o in Observation.objects.select_related("indicator")}


def test_numeric_cells_are_taken_as_numbers_whatever_the_locale(
    xlsx_file, planner, grdp_growth, trade, province
):
    # 1.234 typed as a number is one point two three four, even in a Vietnamese import.
    content = xlsx_file(
        [("grdp_growth", 4, 2024, 6.74, "ước"), ("trade_turnover", "04", "2024", 1.234)]
    )

    report = import_observations(content, "so-lieu.xlsx", user=planner, locale="vi")

    assert report.errors == []
    assert (report.file_format, report.layout, report.created) == ("xlsx", "long", 2)
    assert values() == {"grdp_growth": Decimal("6.74"), "trade_turnover": Decimal("1.234")}


def test_text_cells_are_read_in_either_number_style(
    xlsx_file, planner, grdp_growth, trade, province
):
    content = xlsx_file(
        [("grdp_growth", "04", "2024", "6,74"), ("trade_turnover", "04", 2024, "946,462")]
    )

    import_observations(content, "so-lieu.xlsx", user=planner)

    assert values() == {"grdp_growth": Decimal("6.74"), "trade_turnover": Decimal("946.462")}


def test_a_float_artefact_is_rounded_to_the_stored_decimals_so_a_reimport_changes_nothing(
    xlsx_file, planner, grdp_growth, province
):
    content = xlsx_file([("grdp_growth", "04", 2024, 0.1 + 0.2)])

    first = import_observations(content, "cong-thuc.xlsx", user=planner)
    second = import_observations(content, "cong-thuc.xlsx", user=planner)

    assert Observation.objects.get().value == Decimal("0.3")
    assert (first.created, second.unchanged, second.changed) == (1, 1, 0)


def test_the_header_may_sit_below_title_rows_and_problems_name_sheet_row_and_column(
    xlsx_file, planner, grdp_growth, province
):
    content = xlsx_file(
        [("grdp_growth", "04", 2024, 6.74), ("grdp_growth", "04", 2025, "sáu phẩy bảy")],
        ("Mã chỉ số", "Mã đơn vị", "Năm", "Số liệu"),
        sheet="Báo cáo 2025",
        before=[("BÁO CÁO SỐ LIỆU NĂM 2025",), ()],
    )

    report = import_observations(content, "bao-cao.xlsx", user=planner)

    (problem,) = report.errors
    assert problem.code == "not_a_number"
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "bao-cao.xlsx",
        "Báo cáo 2025",
        5,
        "D",
    )
    assert problem.value == "sáu phẩy bảy"
    assert problem.message == "“sáu phẩy bảy” không phải là một số."
    assert problem.where() == "bao-cao.xlsx, trang “Báo cáo 2025”, dòng 5, cột D"
    assert not Observation.objects.exists()


def test_sheets_without_a_header_are_notes_and_are_skipped(planner, grdp_growth, province):
    from io import BytesIO

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Hướng dẫn"
    workbook.active.append(["Điền số liệu vào trang bên cạnh."])
    data = workbook.create_sheet("Số liệu")
    data.append(["indicator", "unit", "period", "value"])
    data.append(["grdp_growth", "04", "2024", 6.74])
    buffer = BytesIO()
    workbook.save(buffer)

    report = import_observations(buffer.getvalue(), "hai-trang.xlsx", user=planner)

    assert report.errors == []
    assert report.created == 1


def test_a_damaged_or_old_excel_file_is_refused_with_what_to_do(planner):
    damaged = import_observations(b"PK\x03\x04 not really a zip", "hong.xlsx", user=planner)
    old = import_observations(b"\xd0\xcf\x11\xe0" + bytes(100), "cu.xls", user=planner)

    assert [p.code for p in damaged.errors] == ["unreadable_xlsx"]
    assert [p.code for p in old.errors] == ["unsupported_format"]
    assert ".xlsx" in old.errors[0].message
