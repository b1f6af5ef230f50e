"""An export reads its figures in one query, however many there are."""

from decimal import Decimal

import pytest
from test_export_support import build, publish

from plantrack.observations.export import export_bytes, select_observations
from plantrack.observations.models import Observation
from plantrack.plans.choices import Comparator, TargetKind
from plantrack.plans.models import Plan, Target


@pytest.fixture
def many(province, industry):
    setting = build(province, industry)
    for year in range(2010, 2025):
        for unit in (province, *setting.districts):
            publish(setting.turnover, unit, str(year), str(year - 2000))
    return setting


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "sdmx-csv"])
def test_export_runs_one_query(many, django_assert_num_queries, file_format):
    selected = select_observations(Observation.objects.all(), plans=Plan.objects.all())

    with django_assert_num_queries(1):
        export_bytes(selected, file_format)


def test_export_for_a_plan_still_runs_one_query(many, master_plan, django_assert_num_queries):
    Target.objects.create(
        plan=master_plan,
        indicator=many.turnover,
        scope_unit=many.province,
        kind=TargetKind.LEVEL,
        comparator=Comparator.GTE,
        value=Decimal(1000),
        target_year=2030,
        phrase="kim ngạch xuất nhập khẩu đạt trên 1 tỷ USD",
    )
    selected = select_observations(
        Observation.objects.all(), plans=Plan.objects.all(), plan=master_plan.code
    )

    with django_assert_num_queries(1):
        data = export_bytes(selected, "csv")
    assert data.decode("utf-8-sig").count("\r\n") == 1 + 15 * 3
