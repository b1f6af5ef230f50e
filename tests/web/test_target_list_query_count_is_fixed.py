"""/targets/ runs the same number of queries whatever the number of plans and targets."""

from decimal import Decimal

import pytest

from plantrack.observations.choices import FigureStatus
from plantrack.plans.choices import Comparator, PlanKind, PlanStatus, SectionKind, TargetKind
from plantrack.plans.models import Indicator, Plan, PlanSection, Target
from plantrack.progress.live import rejudge_all

pytestmark = pytest.mark.django_db

# Plans, sections, targets (what places and filters them: section, agency, revision flag),
# the current judgements' statuses, the figures that tell whether they are stale; then the
# shown page's targets and judgements in full, their series' periods as plain values and
# their latest figures.
ANONYMOUS_QUERIES = 9
# The session and the user, then one membership look-up, kept on the user for the request.
PLANNER_QUERIES = ANONYMOUS_QUERIES + 3


def add_plan(publish, number: int, targets: int, province, superseding: bool = False) -> None:
    """Add a plan with a section tree and ``targets`` targets, each with two years of data."""
    plan = Plan.objects.create(
        code=f"KH-{number}",
        title=f"Kế hoạch số {number}",
        kind=PlanKind.PROGRAMME,
        period_start=2021,
        period_end=2030,
        scope_unit=province,
        status=PlanStatus.IN_FORCE,
    )
    top = PlanSection.objects.create(
        plan=plan, kind=SectionKind.SPECIFIC_TARGETS, title="Mục tiêu cụ thể"
    )
    sub = PlanSection.objects.create(
        plan=plan, parent=top, kind=SectionKind.SPECIFIC_TARGETS, title="Về xã hội"
    )
    previous = None
    for index in range(targets):
        indicator = Indicator.objects.create(
            code=f"chi_so_{number}_{index}", name=f"Chỉ số {number}.{index}", unit="%"
        )
        for period, value in (("2023", "1.5"), ("2024", "2.5")):
            publish(indicator, province, period, value, FigureStatus.PRELIMINARY)
        previous = Target.objects.create(
            plan=plan,
            section=sub if index % 2 else top,
            indicator=indicator,
            scope_unit=province,
            kind=TargetKind.LEVEL,
            comparator=Comparator.GTE,
            value=Decimal(index),
            target_year=2030,
            phrase=f"Chỉ tiêu {number}.{index}",
            supersedes=previous if superseding and index % 3 == 2 else None,
        )
    rejudge_all(plan)


def test_target_list_query_count_is_the_same_for_one_target_and_for_many(
    client, province, publish, django_assert_num_queries
):
    add_plan(publish, 1, targets=1, province=province)
    with django_assert_num_queries(ANONYMOUS_QUERIES):
        assert client.get("/targets/").status_code == 200

    add_plan(publish, 2, targets=6, province=province, superseding=True)
    add_plan(publish, 3, targets=8, province=province)
    with django_assert_num_queries(ANONYMOUS_QUERIES):
        response = client.get("/targets/")
    assert response.content.decode().count("Chỉ tiêu 3.") == 8


def test_target_list_query_count_is_fixed_for_a_signed_in_planner(
    client, planner, province, publish, django_assert_num_queries
):
    client.force_login(planner)
    add_plan(publish, 1, targets=1, province=province)
    with django_assert_num_queries(PLANNER_QUERIES):
        client.get("/targets/")

    add_plan(publish, 2, targets=6, province=province, superseding=True)
    add_plan(publish, 3, targets=8, province=province)
    with django_assert_num_queries(PLANNER_QUERIES):
        client.get("/targets/")
