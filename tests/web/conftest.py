"""Plans, sections, targets and published figures for the page tests.

The phrases and figures are Cao Bằng's (../shared/data/caobang-facts.json); the personas
and the master plan come from tests/conftest.py.
"""

import datetime
from decimal import Decimal

import pytest

from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.vintages import record_observation
from plantrack.plans.choices import (
    Comparator,
    Direction,
    SectionKind,
    SeriesMeasure,
    TargetKind,
)
from plantrack.plans.models import Indicator, PlanSection, Target

GROWTH_PHRASE = "tốc độ tăng trưởng kinh tế (GRDP) bình quân thời kỳ 2021 - 2030 đạt 9,72%/năm"
PER_CAPITA_PHRASE = "GRDP bình quân/người khoảng 102 triệu đồng/người (giá hiện hành)"
SOURCE_2023_ESTIMATE = (
    "https://hdndcaobang.gov.vn/index.php/hoat-dong-cua-hdnd-tinh/"
    "phan-dau-quyet-liet-hoan-thanh-cao-nhat-cac-chi-tieu-kinh-te-xa-hoi-cua-nam-2023-1973.html"
)
SOURCE_2024_REPORT = (
    "http://thongkecaobang.gso.gov.vn/bao-cao-tinh-hinh-kinh-te-xa-hoi-nam/"
    "bao-cao-tinh-hinh-kinh-te-xa-hoi-thang-12-va-nam-2024-1318.html"
)


def _publish(indicator, unit, period, value, status=FigureStatus.ESTIMATE, **fields):
    defaults = {"source": SOURCE_2024_REPORT, "state": WorkflowState.APPROVED}
    observation, _ = record_observation(
        indicator=indicator,
        unit=unit,
        period=period,
        value=Decimal(value),
        status=status,
        **(defaults | fields),
    )
    return observation


@pytest.fixture
def publish(db):
    """Return a function that records an approved figure (an estimate unless told) through
    the service that keeps the revision history: ``publish(indicator, unit, "2024", "6.74")``."""
    return _publish


@pytest.fixture
def targets_section(master_plan) -> PlanSection:
    return PlanSection.objects.create(
        plan=master_plan,
        kind=SectionKind.SPECIFIC_TARGETS,
        number="b)",
        title="Mục tiêu, chỉ tiêu cụ thể",
        order=2,
    )


@pytest.fixture
def growth_target(master_plan, targets_section, grdp_growth, province) -> Target:
    return Target.objects.create(
        plan=master_plan,
        section=targets_section,
        indicator=grdp_growth,
        scope_unit=province,
        kind=TargetKind.AVERAGE_GROWTH,
        measure=SeriesMeasure.GROWTH_RATE,
        comparator=Comparator.GTE,
        value=Decimal("9.72"),
        unit="%/năm",
        start_year=2021,
        target_year=2030,
        phrase=GROWTH_PHRASE,
        source="Quyết định 1486/QĐ-TTg, Điều 1",
    )


@pytest.fixture
def grdp_per_capita(finance) -> Indicator:
    return Indicator.objects.create(
        code="grdp_per_capita",
        name="GRDP bình quân đầu người (giá hiện hành)",
        unit="triệu đồng/người",
        direction=Direction.INCREASE,
        owner=finance,
    )


@pytest.fixture
def per_capita_target(master_plan, targets_section, grdp_per_capita, province) -> Target:
    return Target.objects.create(
        plan=master_plan,
        section=targets_section,
        indicator=grdp_per_capita,
        scope_unit=province,
        kind=TargetKind.LEVEL,
        comparator=Comparator.APPROX,
        value=Decimal("102"),
        unit="triệu đồng/người",
        target_year=2030,
        phrase=PER_CAPITA_PHRASE,
        order=1,
    )


@pytest.fixture
def growth_2023_revised(grdp_growth, province):
    """Cao Bằng's 2023 growth: 2,24 % estimated in December 2023, 3,73 % after the 2024 report.

    Return both vintages: (estimate, revision).
    """
    estimate = _publish(
        grdp_growth,
        province,
        "2023",
        "2.24",
        FigureStatus.ESTIMATE,
        source=SOURCE_2023_ESTIMATE,
        published_on=datetime.date(2023, 12, 8),
    )
    revision = _publish(
        grdp_growth,
        province,
        "2023",
        "3.73",
        FigureStatus.DERIVED,
        source=SOURCE_2024_REPORT,
        published_on=datetime.date(2024, 12, 27),
        comment="6,74 % năm 2024 cao hơn năm 2023 3,01 điểm %",
    )
    return estimate, revision
