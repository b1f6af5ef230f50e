"""Large numbers are grouped the way each language writes them: 6.700,3 and 6,700.3.

Django's Vietnamese locale leaves NUMBER_GROUPING unset (no grouping), so these tests need
``NUMBER_GROUPING = 3`` in settings.py (English sets 3 itself).
"""

from decimal import Decimal

import pytest
from django.utils import translation
from pytest_django.asserts import assertContains

from plantrack.plans.choices import Comparator, TargetKind
from plantrack.plans.models import Indicator, Target
from plantrack.web.templatetags.plantrack import number

pytestmark = pytest.mark.django_db


def test_number_groups_thousands_in_the_active_language():
    with translation.override("vi"):
        assert number(Decimal("6700.300000")) == "6.700,3"
    with translation.override("en"):
        assert number(Decimal("6700.300000")) == "6,700.3"


def test_home_groups_a_large_target_and_figure(
    client, master_plan, targets_section, province, publish
):
    investment = Indicator.objects.create(
        code="total_investment", name="Tổng vốn đầu tư", unit="tỷ đồng"
    )
    Target.objects.create(
        plan=master_plan,
        section=targets_section,
        indicator=investment,
        scope_unit=province,
        kind=TargetKind.CUMULATIVE,
        comparator=Comparator.APPROX,
        value=Decimal("160200"),
        start_year=2021,
        target_year=2030,
        unit="tỷ đồng",
        phrase="Tổng nhu cầu vốn đầu tư cả thời kỳ 2021 – 2030 khoảng 160.200 tỷ đồng.",
    )
    publish(investment, province, "2024", "16700.3")

    response = client.get("/targets/")
    assertContains(response, "khoảng 160.200 tỷ đồng")
    assertContains(response, "16.700,3 tỷ đồng")

    client.post("/i18n/setlang/", {"language": "en", "next": "/targets/"})
    response = client.get("/targets/")
    assertContains(response, "160,200 billion VND")
    assertContains(response, "16,700.3 billion VND")
