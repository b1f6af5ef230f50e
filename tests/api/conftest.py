"""Clients, figures and plans for the API tests.

The personas come from tests/conftest.py: Phương (planner of Sở Tài chính), Công (reporter
of Sở Công Thương = ``industry``), An (its approver), Yến (reporter of Sở Y tế = ``health``)
and the anonymous visitor. Here: Vân, a viewer of Sở Công Thương; Quang, an admin of Sở Tài
chính; an indicator Sở Y tế owns; and figures of both agencies in every workflow state.
"""

from decimal import Decimal

import pytest
from api_helpers import figure
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Membership
from plantrack.observations.choices import WorkflowState
from plantrack.plans.choices import (
    Comparator,
    Direction,
    PlanKind,
    PlanStatus,
    SectionKind,
    SeriesMeasure,
    TargetKind,
    ValueType,
)
from plantrack.plans.models import Indicator, Plan, PlanSection, Target


@pytest.fixture
def viewer(django_user_model, industry):
    user = django_user_model.objects.create_user(username="van", password="pw-van")
    Membership.objects.create(user=user, agency=industry, role=Role.VIEWER)
    return user


@pytest.fixture
def administrator(django_user_model, finance):
    user = django_user_model.objects.create_user(username="quang", password="pw-quang")
    Membership.objects.create(user=user, agency=finance, role=Role.ADMIN)
    return user


@pytest.fixture
def api(db):
    """Return a function giving an API client: anonymous, or with the user's token."""

    def client_for(user=None, **headers) -> APIClient:
        client = APIClient(**headers)
        if user is not None:
            token, _created = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return client_for


@pytest.fixture
def doctors(health) -> Indicator:
    return Indicator.objects.create(
        code="doctors_per_10k",
        name="Số bác sĩ trên 1 vạn dân",
        name_en="Doctors per 10,000 people",
        unit="bác sĩ/vạn dân",
        direction=Direction.INCREASE,
        owner=health,
    )


@pytest.fixture
def poverty(finance) -> Indicator:
    return Indicator.objects.create(
        code="poverty_rate",
        name="Tỷ lệ hộ nghèo đa chiều",
        unit="%",
        value_type=ValueType.PERCENT,
        direction=Direction.DECREASE,
        owner=finance,
    )


@pytest.fixture
def figures(grdp_growth, doctors, province):
    """Figures of both agencies in every workflow state, by name."""
    return {
        "industry_approved": figure(grdp_growth, province, "2023", "3.73", WorkflowState.APPROVED),
        "industry_draft": figure(grdp_growth, province, "2024", "6.74", WorkflowState.DRAFT),
        "industry_submitted": figure(grdp_growth, province, "2025", "8", WorkflowState.SUBMITTED),
        "health_approved": figure(doctors, province, "2023", "9.5", WorkflowState.APPROVED),
        "health_draft": figure(doctors, province, "2024", "10.2", WorkflowState.DRAFT),
        "health_submitted": figure(doctors, province, "2025", "10.8", WorkflowState.SUBMITTED),
    }


@pytest.fixture
def draft_plan(province) -> Plan:
    return Plan.objects.create(
        code="KH-CB-2026-2030-DU-THAO",
        title="Dự thảo kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030",
        kind=PlanKind.FIVE_YEAR_PLAN,
        period_start=2026,
        period_end=2030,
        scope_unit=province,
        status=PlanStatus.DRAFT,
    )


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
        phrase="tốc độ tăng trưởng kinh tế (GRDP) bình quân thời kỳ 2021 - 2030 đạt 9,72%/năm",
        source="Quyết định 1486/QĐ-TTg, Điều 1",
    )


@pytest.fixture
def draft_target(draft_plan, grdp_growth, province) -> Target:
    return Target.objects.create(
        plan=draft_plan,
        indicator=grdp_growth,
        scope_unit=province,
        kind=TargetKind.AVERAGE_GROWTH,
        measure=SeriesMeasure.GROWTH_RATE,
        comparator=Comparator.GTE,
        value=Decimal("10"),
        unit="%/năm",
        start_year=2026,
        target_year=2030,
        phrase="tăng trưởng GRDP bình quân 10%/năm (dự thảo)",
    )
