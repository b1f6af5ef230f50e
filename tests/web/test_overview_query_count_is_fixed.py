"""The overview runs the same number of queries whatever the number of targets, sections,
agencies and targets to act on, for an anonymous visitor and for a signed-in planner."""

from decimal import Decimal

import pytest
from overview_world import build

from plantrack.accounts.choices import AgencyKind
from plantrack.accounts.models import Agency
from plantrack.plans.choices import Comparator, SectionKind, SeriesMeasure, TargetKind
from plantrack.plans.models import Indicator, PlanSection, Target
from plantrack.progress.live import rejudge_all

pytestmark = pytest.mark.django_db

# Plans, the plan's targets in force (with sections, indicators, agencies) and their
# judgements as plain values, the figures that tell whether these are stale, the targets to
# act on that the page lists (with their judgements), their series' periods as plain values
# and their latest figures; then the
# work behind them: the tasks' scorecard, the agencies' names and codes, the open rounds,
# the projects (a round open adds round_progress's three, projects their capital sum: fixed
# too, whatever their number).
ANONYMOUS_QUERIES = 7 + 4
# The session and the user, then one membership look-up, kept on the user for the request;
# and one more read by the work section's restricted querysets.
PLANNER_QUERIES = ANONYMOUS_QUERIES + 4


@pytest.fixture
def world(master_plan, grdp_growth, grdp_per_capita, province, publish):
    return build(master_plan, grdp_growth, grdp_per_capita, province, publish)


def add_targets(plan, province, publish, count: int) -> None:
    """Add ``count`` growth targets to act on, each in its own section, indicator and agency."""
    for index in range(count):
        agency = Agency.objects.create(
            code=f"CQ{index}", name=f"Cơ quan {index}", kind=AgencyKind.DEPARTMENT
        )
        indicator = Indicator.objects.create(
            code=f"chi_so_{index}", name=f"Chỉ số {index}", unit="%", owner=agency
        )
        for period, value in (("2023", "1.5"), ("2024", "2.5"), ("2025", "3.0")):
            publish(indicator, province, period, value)
        section = PlanSection.objects.create(
            plan=plan, kind=SectionKind.SPECIFIC_TARGETS, title=f"Mục {index}", order=10 + index
        )
        Target.objects.create(
            plan=plan,
            section=section,
            indicator=indicator,
            scope_unit=province,
            kind=TargetKind.AVERAGE_GROWTH,
            measure=SeriesMeasure.GROWTH_RATE,
            comparator=Comparator.GTE,
            value=Decimal("9"),
            start_year=2021,
            target_year=2030,
            phrase=f"Chỉ tiêu {index}",
        )
    rejudge_all(plan)


def test_overview_query_count_is_fixed_for_an_anonymous_visitor(
    client, world, master_plan, province, publish, django_assert_num_queries
):
    with django_assert_num_queries(ANONYMOUS_QUERIES):
        assert client.get("/").status_code == 200

    add_targets(master_plan, province, publish, 12)
    with django_assert_num_queries(ANONYMOUS_QUERIES):
        response = client.get("/")
    assert response.content.decode().count("Chỉ tiêu 1") >= 3  # 1, 10, 11 listed to act on


def test_overview_query_count_is_fixed_for_a_signed_in_planner(
    client, planner, world, master_plan, province, publish, django_assert_num_queries
):
    client.force_login(planner)
    with django_assert_num_queries(PLANNER_QUERIES):
        client.get("/")

    add_targets(master_plan, province, publish, 12)
    with django_assert_num_queries(PLANNER_QUERIES):
        client.get("/")
