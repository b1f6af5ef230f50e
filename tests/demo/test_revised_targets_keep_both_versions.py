import datetime
from decimal import Decimal

import pytest

from plantrack.plans.models import Target

pytestmark = pytest.mark.django_db

LAODONG = "https://news.laodong.vn/kinh-doanh/cao-bang-dieu-chinh-kich-ban-tang-truong-kinh-te-2025-1511096.ldo"


def test_each_revised_sector_target_keeps_the_original_and_the_revision(demo, facts):
    annual = next(plan for plan in facts["plans"] if plan["code"] == "KH-CB-2025")
    revised = [entry for entry in annual["targets"] if "revised" in entry]
    assert len(revised) == 5

    for entry in revised:
        original = Target.objects.get(
            plan__code="KH-CB-2025", indicator__code=entry["indicator"], supersedes=None
        )
        revision = original.revisions.get()
        assert original.value == Decimal(str(entry["value"]))
        assert original.adopted_on == datetime.date(2025, 3, 25)
        assert "823/KH-UBND" in original.note
        assert revision.value == Decimal(str(entry["revised"]["value"]))
        assert revision.source == LAODONG
        assert "báo chí" in revision.note


def test_revised_phrase_is_rebuilt_from_the_revised_figure(demo):
    revision = Target.objects.get(
        plan__code="KH-CB-2025",
        indicator__code="growth_industry_construction",
        supersedes__isnull=False,
    )

    assert revision.phrase == "CN-XD +12,97% (điều chỉnh tháng 5/2025)"


def test_only_the_revisions_are_current(demo):
    current = Target.objects.filter(plan__code="KH-CB-2025").current()

    assert current.count() == 9
    industry = current.get(indicator__code="growth_industry")
    assert industry.value == Decimal("7.14")
    assert industry.supersedes.value == Decimal("12.9")
