"""The overview's work section: overdue tasks by lead agency, agencies late in the rounds
open today, the priority projects' capital, where unknown capital is unknown, not zero."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains

from plantrack.investment.models import Project, ProjectFinance
from plantrack.observations.rounds import Owed, open_round
from plantrack.web.overview_work import work_overview
from plantrack.workplan.models import Task

pytestmark = pytest.mark.django_db


def work_section(client) -> str:
    html = client.get("/").content.decode()
    return html.split('<h2 id="work-heading">', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def tasks(master_plan, industry, finance):
    today = timezone.localdate()
    late = today - datetime.timedelta(days=30)
    later = today + datetime.timedelta(days=90)
    return [
        Task.objects.create(
            code="CT-01",
            title="Rà soát quy hoạch",
            plan=master_plan,
            lead_agency=industry,
            deadline=late,
        ),
        Task.objects.create(
            code="CT-02",
            title="Báo cáo thu hút đầu tư",
            plan=master_plan,
            lead_agency=industry,
            deadline=late,
        ),
        Task.objects.create(
            code="CT-03",
            title="Kế hoạch vốn",
            plan=master_plan,
            lead_agency=finance,
            deadline=later,
        ),
    ]


def test_overdue_tasks_are_counted_by_lead_agency_and_link_to_their_list(client, tasks):
    section = work_section(client)

    assert "Sở Công Thương" in section
    assert 'href="/tasks/?state=overdue&amp;agency=SCT"' in section
    assert '<span class="deadline-overdue">2</span>' in section
    assert "Sở Tài chính" not in section.split('id="late-heading"')[0]  # nothing overdue


def test_an_agency_late_in_an_open_round_is_listed(
    client, master_plan, planner, industry, grdp_growth, province
):
    opened = timezone.now() - datetime.timedelta(days=20)
    open_round(
        title="Số liệu năm 2025",
        period="2025",
        deadline=timezone.localdate() - datetime.timedelta(days=5),
        owed=[Owed(agency=industry, indicators=[grdp_growth], units=[province])],
        user=planner,
        as_of=opened,
    )

    client.force_login(planner)  # rounds are the members' business: the public sees none
    section = work_section(client)

    late = section.split('id="late-heading"', 1)[1].split('id="capital-heading"')[0]
    assert "Sở Công Thương" in late
    assert "Số liệu năm 2025" in late
    assert "0/1" in late  # nothing reported of the one figure owed


def test_unknown_capital_is_unknown_and_published_capital_is_summed(master_plan):
    plain = {"plan": master_plan, "kind": "public_investment"}
    known = Project.objects.create(code="DA-01", name="Đường cao tốc", **plain)
    Project.objects.create(code="DA-02", name="Khu kinh tế cửa khẩu", **plain)

    unknown = work_overview(None, master_plan).capital
    ProjectFinance.objects.create(
        project=known,
        year=2024,
        planned=Decimal(4_128_900_000_000),
        allocated=Decimal(4_128_900_000_000),
        disbursed=Decimal(300_900_000_000),
    )
    summed = work_overview(None, master_plan).capital

    assert (unknown.projects, unknown.with_finance, unknown.planned) == (2, 0, None)
    assert summed.without_finance == 1
    assert summed.planned_billion == Decimal("4128.9")
    assert round(summed.disbursement_rate, 1) == 7.3


def test_the_overview_says_capital_not_published_is_not_zero(client, master_plan):
    Project.objects.create(
        code="DA-01", name="Đường cao tốc", plan=master_plan, kind="public_investment"
    )

    assertContains(client.get("/"), "1 dự án chưa có số liệu vốn được công bố: không tính là 0.")
