"""Consistency rules between indicators: Cao Bằng's four sector shares of GRDP add up to
100 ± 1 for each unit and period, counting the stored shares the file does not give."""

from decimal import Decimal

import pytest

from plantrack.accounts.choices import Role
from plantrack.observations.imports import import_observations
from plantrack.observations.models import ConsistencyRule, Observation
from plantrack.plans.models import Indicator

pytestmark = pytest.mark.django_db

HEADER = ("indicator", "unit", "period", "value")
SHARES = (
    "grdp_share_agriculture",
    "grdp_share_industry_construction",
    "grdp_share_services",
    "grdp_share_product_taxes",
)


@pytest.fixture
def rule(demo):
    rule = ConsistencyRule.objects.create(
        name="Cơ cấu GRDP", total=Decimal(100), tolerance=Decimal(1)
    )
    rule.indicators.set(Indicator.objects.filter(code__in=SHARES))
    return rule


@pytest.fixture
def planner(demo_member):
    return demo_member("phuong", Role.PLANNER, "STC")


def run(csv_file, planner, *rows):
    return import_observations(csv_file(rows, HEADER), "co-cau.csv", user=planner)


def test_shares_adding_to_98_5_are_refused_on_each_shares_row(rule, csv_file, planner, tables):
    before = tables()

    report = run(
        csv_file,
        planner,
        ("grdp_share_agriculture", "04", "2025", "20,3"),
        ("grdp_share_industry_construction", "04", "2025", "19,5"),
        ("grdp_share_services", "04", "2025", "55,2"),
        ("grdp_share_product_taxes", "04", "2025", "3,5"),
    )

    assert [(p.code, p.row, p.column) for p in report.errors] == [
        ("inconsistent_total", row, "value") for row in (2, 3, 4, 5)
    ]
    assert report.errors[0].message == (
        "Cơ cấu GRDP: tổng các chỉ số grdp_share_agriculture, grdp_share_industry_construction, "
        "grdp_share_product_taxes, grdp_share_services cho Tỉnh Cao Bằng (04) kỳ 2025 là 98,5, "
        "lệch quá 1 so với 100."
    )
    assert tables() == before


def test_shares_adding_to_within_the_tolerance_are_written(rule, csv_file, planner):
    report = run(
        csv_file,
        planner,
        ("grdp_share_agriculture", "04", "2025", "20,3"),
        ("grdp_share_industry_construction", "04", "2025", "19,5"),
        ("grdp_share_services", "04", "2025", "56,0"),
        ("grdp_share_product_taxes", "04", "2025", "3,5"),
    )

    assert report.errors == []
    assert report.created == 4


def test_the_stored_shares_count_for_the_shares_the_file_leaves_out(rule, csv_file, planner):
    # Stored for 2024: 20,83 + 18,99 + 56,48 + 3,7 = 100. Agriculture 19,33 makes 98,5.
    report = run(csv_file, planner, ("grdp_share_agriculture", "04", "2024", "19,33"))

    (problem,) = report.errors
    assert (problem.code, problem.row) == ("inconsistent_total", 2)
    assert "là 98,5," in problem.message
    assert Observation.objects.filter(indicator__code="grdp_share_agriculture").count() == 1


def test_a_shift_between_shares_that_keeps_the_total_is_accepted(rule, csv_file, planner):
    report = run(
        csv_file,
        planner,
        ("grdp_share_agriculture", "04", "2024", "21,33"),
        ("grdp_share_services", "04", "2024", "55,98"),
    )

    assert report.errors == []
    assert report.changed == 2


def test_a_rule_waits_until_every_share_is_known(rule, csv_file, planner):
    report = run(
        csv_file,
        planner,
        ("grdp_share_agriculture", "04", "2025", "20"),
        ("grdp_share_services", "04", "2025", "50"),
    )

    assert report.errors == []
