"""Capital that is not published is unknown, not 0: in the totals by sector and by unit, on
the list page, and on a project's page (which also says "2024–…" plainly, never "None")."""

import datetime
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.investment.choices import PipelineStatus, ProjectKind
from plantrack.investment.models import Project, ProjectFinance, ProjectLocation
from plantrack.investment.scorecards import by_sector

pytestmark = pytest.mark.django_db


def _project(code: str, sector: str, **fields) -> Project:
    return Project.objects.create(
        code=code,
        name=f"Dự án {code}",
        kind=ProjectKind.PUBLIC_INVESTMENT,
        sector=sector,
        status=PipelineStatus.PROPOSED,
        **fields,
    )


@pytest.fixture
def projects(db):
    _project("GT-1", "Giao thông", start_year=2024)
    published = _project("YT-1", "Y tế", total_investment=Decimal("120000000000"))
    _project("YT-2", "Y tế")
    ProjectFinance.objects.create(
        project=published,
        year=2025,
        planned=Decimal("50000000000"),
        disbursed=None,
        as_of=datetime.date(2025, 12, 31),
    )


def test_a_sector_without_published_capital_has_no_total(projects):
    transport = {score.key: score for score in by_sector(Project.objects.all())}["Giao thông"]
    assert transport.planned is None and transport.disbursed is None
    assert transport.total_investment is None
    assert transport.planned_unknown == 1
    assert transport.disbursement_rate is None


def test_a_partial_total_says_how_many_projects_are_missing(projects):
    health = {score.key: score for score in by_sector(Project.objects.all())}["Y tế"]
    assert health.planned == Decimal("50000000000")
    assert health.planned_unknown == 1  # YT-2 has no figure
    assert health.disbursed is None and health.disbursed_unknown == 2
    assert health.total_investment == Decimal("120000000000") and health.investment_unknown == 1


def test_the_list_shows_unknown_capital_as_unknown(client, projects):
    response = client.get("/projects/")
    html = response.content.decode()
    sector_table = html.split("Theo ngành, lĩnh vực")[1].split("Theo địa bàn")[0]
    transport_row = sector_table.split("Giao thông")[1].split("</tr>")[0]
    assert "chưa công bố" in transport_row
    assert '<td class="number">0</td>' not in transport_row
    assertContains(response, "(1 dự án chưa công bố)")


def test_a_project_page_says_what_is_not_published_instead_of_none(client, projects):
    response = client.get("/projects/GT-1/")
    assertContains(response, "khởi công 2024; năm hoàn thành chưa công bố")
    assertNotContains(response, "None")
    assertNotContains(response, "2024–")


def test_the_list_runs_a_fixed_number_of_queries(
    client, projects, province, django_assert_num_queries
):
    for number in range(5):
        project = _project(f"XD-{number}", f"Ngành {number}")
        ProjectLocation.objects.create(project=project, unit=province)
    # Projects, their locations, the locations' units; by sector: projects, capital; by
    # unit: locations, capital. Whatever the number of projects and sectors.
    with django_assert_num_queries(7):
        client.get("/projects/")
