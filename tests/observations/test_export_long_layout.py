"""CSV and XLSX exports use exactly the importer's columns, numbers the importer reads right."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from test_export_support import build, publish

from plantrack.observations.export import LONG_COLUMNS, export_bytes, select_observations
from plantrack.observations.importing import COLUMN_ALIASES
from plantrack.observations.models import Observation
from plantrack.plans.models import Plan
from plantrack.tabular.writers import number_text


@pytest.fixture
def setting(province, industry):
    setting = build(province, industry)
    publish(setting.turnover, province, "2024", "946.462")
    publish(setting.turnover, setting.districts[1], "2024", "160200")
    publish(setting.growth, province, "2024", "-2.5", comment="Giảm")
    return setting


def exported(file_format: str) -> bytes:
    selected = select_observations(Observation.objects.all(), plans=Plan.objects.all())
    return export_bytes(selected, file_format)


def test_the_columns_are_the_importers_canonical_names():
    assert set(LONG_COLUMNS) == set(COLUMN_ALIASES)


def test_csv_is_utf8_with_a_bom_and_reads_as_vietnamese(setting):
    data = exported("csv")

    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(LONG_COLUMNS)
    assert "Báo cáo tình hình kinh tế - xã hội" in text


def test_csv_rows_are_ordered_and_numbers_plain(setting):
    rows = list(csv.DictReader(io.StringIO(exported("csv").decode("utf-8-sig"))))

    assert [(row["indicator"], row["unit"], row["value"]) for row in rows] == [
        ("growth_industry", "04", "-2.5"),
        ("trade_turnover", "04", "946.4620"),
        ("trade_turnover", "042", "160200"),
    ]
    assert rows[0]["status"] == "official"
    assert rows[0]["comment"] == "Giảm"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("946.462", "946.4620"),  # 946.462 alone would read as 946 462 in Vietnamese
        ("1.234", "1.2340"),
        ("-0.125", "-0.1250"),
        ("1234.567", "1234.567"),  # four integer digits: no grouping, not ambiguous
        ("2.35", "2.35"),
        ("160200.000000", "160200"),
        ("1E+3", "1000"),
        ("0", "0"),
    ],
)
def test_numbers_are_written_so_the_importer_cannot_misread_them(value, text):
    assert number_text(Decimal(value), unambiguous=True) == text


def test_xlsx_has_the_same_columns_and_numeric_values(setting):
    sheet = load_workbook(io.BytesIO(exported("xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))

    assert rows[0] == LONG_COLUMNS
    assert rows[1][:4] == ("growth_industry", "04", "2024", -2.5)
    assert rows[2][3] == pytest.approx(946.462)
    assert sheet.freeze_panes == "A2"
