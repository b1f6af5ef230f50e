"""A revised target keeps both versions on the page; the old one is marked as replaced."""

import datetime
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains

from plantrack.plans.choices import Comparator, PlanKind, PlanStatus, TargetKind
from plantrack.plans.models import Indicator, Plan, Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def industry_growth_revised(province, industry):
    """Cao Bằng's 2025 industry growth target: 12,9 % in March, revised to 7,14 % in May 2025."""
    plan = Plan.objects.create(
        code="KH-CB-2025",
        title="Kế hoạch phát triển kinh tế - xã hội năm 2025 và kịch bản tăng trưởng 8%",
        kind=PlanKind.ANNUAL_PLAN,
        period_start=2025,
        period_end=2025,
        scope_unit=province,
        status=PlanStatus.IN_FORCE,
    )
    indicator = Indicator.objects.create(
        code="growth_industry", name="Tốc độ tăng ngành công nghiệp", unit="%", owner=industry
    )
    original = Target.objects.create(
        plan=plan,
        indicator=indicator,
        kind=TargetKind.LEVEL,
        comparator=Comparator.EQ,
        value=Decimal("12.9"),
        unit="%",
        target_year=2025,
        phrase="CN +12,9%",
    )
    revision = Target.objects.create(
        plan=plan,
        indicator=indicator,
        kind=TargetKind.LEVEL,
        comparator=Comparator.EQ,
        value=Decimal("7.14"),
        unit="%",
        target_year=2025,
        phrase="CN +7,14% (điều chỉnh kịch bản tăng trưởng tháng 5/2025)",
        supersedes=original,
        adopted_on=datetime.date(2025, 5, 19),
    )
    return original, revision


def test_target_list_shows_the_old_target_marked_replaced_and_then_its_revision(
    client, industry_growth_revised
):
    html = client.get("/targets/").content.decode()

    old = html.index("CN +12,9%")
    replaced_label = html.index("Đã được thay thế bằng chỉ tiêu điều chỉnh")
    new = html.index("CN +7,14%")
    assert old < replaced_label < new
    assert "Chỉ tiêu điều chỉnh ngày 19/05/2025" in html
    assert html.count('<tr class="replaced">') == 1


def test_indicator_page_marks_the_replaced_target(client, industry_growth_revised):
    response = client.get("/indicators/growth_industry/")

    assertContains(response, "CN +12,9%")
    assertContains(response, "CN +7,14%")
    assertContains(response, "Đã được thay thế bằng chỉ tiêu điều chỉnh", count=1)
