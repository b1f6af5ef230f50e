"""Named personas and shared objects for every test (STYLE.md, Tests).

- Phương, planner of Sở Tài chính (the planning office since 2025): sees everything;
- Công, reporter of Sở Công Thương (industry), and An, its approver;
- Yến, reporter of Sở Y tế (another agency);
- an anonymous visitor: the ``client`` fixture, not logged in.
"""

import os

import pytest
from hypothesis import settings as hypothesis_settings

from plantrack.accounts.choices import AgencyKind, Role
from plantrack.accounts.models import Agency, Membership
from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.plans.choices import Direction, PlanKind, PlanStatus
from plantrack.plans.models import Indicator, Plan

# CI runs the property tests on a fixed set of examples, so a run cannot fail by chance;
# on a developer's machine every run explores new ones.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def province(db) -> AdminUnit:
    return AdminUnit.objects.create(code="04", name="Tỉnh Cao Bằng", level=UnitLevel.PROVINCE)


@pytest.fixture
def finance(db) -> Agency:
    return Agency.objects.create(code="STC", name="Sở Tài chính", kind=AgencyKind.DEPARTMENT)


@pytest.fixture
def industry(db) -> Agency:
    return Agency.objects.create(code="SCT", name="Sở Công Thương", kind=AgencyKind.DEPARTMENT)


@pytest.fixture
def health(db) -> Agency:
    return Agency.objects.create(code="SYT", name="Sở Y tế", kind=AgencyKind.DEPARTMENT)


def _member(django_user_model, username: str, agency: Agency, role: Role):
    user = django_user_model.objects.create_user(username=username, password="pw-" + username)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def planner(django_user_model, finance):
    return _member(django_user_model, "phuong", finance, Role.PLANNER)


@pytest.fixture
def reporter(django_user_model, industry):
    return _member(django_user_model, "cong", industry, Role.REPORTER)


@pytest.fixture
def approver(django_user_model, industry):
    return _member(django_user_model, "an", industry, Role.APPROVER)


@pytest.fixture
def other_reporter(django_user_model, health):
    return _member(django_user_model, "yen", health, Role.REPORTER)


@pytest.fixture
def master_plan(province) -> Plan:
    return Plan.objects.create(
        code="QH-CB-2021-2030",
        title="Quy hoạch tỉnh Cao Bằng thời kỳ 2021 - 2030, tầm nhìn đến năm 2050",
        kind=PlanKind.MASTER_PLAN,
        decision="1486/QĐ-TTg",
        period_start=2021,
        period_end=2030,
        vision_year=2050,
        scope_unit=province,
        status=PlanStatus.IN_FORCE,
    )


@pytest.fixture
def grdp_growth(industry) -> Indicator:
    return Indicator.objects.create(
        code="grdp_growth",
        name="Tốc độ tăng trưởng GRDP (giá so sánh)",
        name_en="GRDP growth (constant prices)",
        unit="%",
        direction=Direction.INCREASE,
        owner=industry,
    )
