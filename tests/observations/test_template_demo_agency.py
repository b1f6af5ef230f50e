"""The demo's Sở Công Thương: its template covers the province and its real units."""

import pytest
from django.db import transaction
from test_export_support import indicator_row, input_column, open_workbook, save_workbook

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Agency, Membership
from plantrack.demo.services import load_demo
from plantrack.observations.excel_template import CODE_ROW, write_template
from plantrack.observations.importing import DATA_SHEET
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


def unit_codes(data: bytes) -> list[str]:
    sheet = open_workbook(data)[DATA_SHEET]
    return [
        str(cell.value)
        for cell in sheet[CODE_ROW]
        if cell.value is not None and not str(cell.value).startswith(("#", "prev:"))
    ]


@pytest.mark.django_db
def test_2025_template_has_the_province_and_its_56_communes(demo):
    codes = unit_codes(write_template(Agency.objects.get(code="SCT"), "2025"))

    assert codes[0] == "04"
    assert len(codes) == 1 + 56


@pytest.mark.django_db
def test_2024_template_has_the_province_and_its_10_districts(demo):
    codes = unit_codes(write_template(Agency.objects.get(code="SCT"), "2024"))

    assert len(codes) == 1 + 10


@pytest.mark.django_db
def test_the_demo_reporter_fills_and_imports_the_template(demo, django_user_model):
    industry = Agency.objects.get(code="SCT")
    clerk = django_user_model.objects.create_user(username="thu", password="pw-thu")
    Membership.objects.create(user=clerk, agency=industry, role=Role.REPORTER)
    workbook = open_workbook(write_template(industry, "2025"))
    sheet = workbook[DATA_SHEET]
    row = indicator_row(sheet, "trade_turnover")
    # 2024 was about 946 million USD: 1.050,5 is no jump that would need a comment.
    sheet.cell(row=row, column=input_column(sheet, "04"), value="1.050,5")
    before = Observation.objects.count()

    report = import_observations(
        save_workbook(workbook), "bieu-mau-SCT-2025.xlsx", user=clerk, agency=industry
    )

    assert report.errors == [], [p.message for p in report.problems]
    assert Observation.objects.count() == before + 1
    assert Observation.objects.get(period="2025", indicator__code="trade_turnover").value == 1050.5
