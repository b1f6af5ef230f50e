"""A period must exist, match the indicator's frequency, and fall in the unit's lifetime."""

import pytest

from plantrack.accounts.choices import Role
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db

HEADER = ("indicator", "unit", "period", "value")


@pytest.fixture
def planner(demo_member):
    return demo_member("phuong", Role.PLANNER, "STC")


def problems(csv_file, planner, *rows):
    report = import_observations(csv_file(rows, HEADER), "ky.csv", user=planner)
    return [(p.code, p.row, p.column, p.value, p.message) for p in report.errors]


@pytest.mark.parametrize("period", ["2024/07", "Q3/2024", "2024-13", "1850", "", "năm 2024"])
def test_a_period_that_does_not_exist_is_reported_with_the_accepted_forms(
    period, demo, csv_file, planner
):
    assert problems(csv_file, planner, ("grdp_growth", "04", period, "7")) == [
        (
            "invalid_period",
            2,
            "period",
            period,
            f"Kỳ “{period}” không hợp lệ: dùng 2024 (năm, 1900–2100), 2024Q3 (quý), 2024-07 "
            "(tháng) hoặc 2024-03-31 (số liệu tại một ngày).",
        )
    ]


def test_a_quarter_for_an_annual_indicator_is_reported(demo, csv_file, planner):
    assert problems(csv_file, planner, ("grdp_growth", "04", "2024q3", "7")) == [
        (
            "period_frequency",
            2,
            "period",
            "2024q3",
            "Kỳ “2024Q3” không khớp kỳ báo cáo hằng năm của chỉ số grdp_growth.",
        )
    ]


def test_a_figure_as_at_a_day_fits_an_annual_indicator(demo, csv_file, planner):
    # As the demo's disbursement rate by 31 March 2024, which an export writes back out.
    assert (
        problems(
            csv_file, planner, ("public_investment_disbursement_rate", "04", "2025-03-31", "9,1")
        )
        == []
    )


def test_a_commune_formed_in_2025_cannot_report_for_2023(demo, csv_file, planner):
    # Phường Thục Phán was formed on 1 July 2025; only it carries the name.
    assert problems(csv_file, planner, ("grdp_growth", "Phường Thục Phán", "2023", "7")) == [
        (
            "unit_not_valid_in_period",
            2,
            "unit",
            "Phường Thục Phán",
            "Đơn vị Phường Thục Phán (01273) không tồn tại trong kỳ 2023 (hiệu lực 01/07/2025 "
            "– …).",
        )
    ]
    assert not Observation.objects.filter(period="2023", unit__code="01273").exists()


def test_a_commune_formed_in_2025_may_report_for_2025(demo, csv_file, planner):
    assert problems(csv_file, planner, ("grdp_growth", "Phường Thục Phán", "2025", "7")) == []


def test_an_abolished_district_cannot_report_after_the_reform(demo, csv_file, planner):
    assert [
        code for code, *_rest in problems(csv_file, planner, ("grdp_growth", "042", "2026", "7"))
    ] == ["unit_not_valid_in_period"]
