"""The rounds pages run the same number of queries whatever the number of rounds, agencies,
owed figures and revisions."""

import datetime

import pytest
from rounds_helpers import at, open_year_round, submitted_figure

from plantrack.accounts.models import Agency
from plantrack.observations.rounds import close_round
from plantrack.plans.models import Indicator

pytestmark = [pytest.mark.django_db, pytest.mark.urls("rounds_helpers")]

# Every signed-in page: the session, the user, and the visitor's rights (memberships:
# ``Permissions.of``, asked by the navigation and each ``for_user``, read once per request).
PAGE = 3
# The round, the owed figures, the figures, their state changes (read only when some owed
# figure has a figure: every case below has one), the agencies' records.
DETAIL_QUERIES_PLANNER = PAGE + 5
# A member's ``for_user`` reads the member's agencies from the same rights: no more queries.
DETAIL_QUERIES_MEMBER = DETAIL_QUERIES_PLANNER
# Open rounds, closed rounds, owed figures, figures, state changes, records, their agencies.
LIST_QUERIES_PLANNER = PAGE + 7


def add_agency(number: int, indicators: int) -> tuple[Agency, list[Indicator]]:
    agency = Agency.objects.create(code=f"CQ{number}", name=f"Cơ quan số {number}")
    owned = [
        Indicator.objects.create(
            code=f"chi_so_{number}_{i}", name=f"Chỉ số {number}.{i}", owner=agency
        )
        for i in range(indicators)
    ]
    return agency, owned


def report_all(indicators, province, user, period="2025"):
    for indicator in indicators:
        submitted_figure(indicator, province, period, user=user, submitted=at("2025-12-10 09:00"))


def test_round_page_queries_do_not_grow_with_agencies_and_figures(
    client, planner, province, industry, grdp_growth, django_assert_num_queries
):
    client.force_login(planner)
    small = open_year_round(planner, [(industry, [grdp_growth])])
    report_all([grdp_growth], province, planner)
    with django_assert_num_queries(DETAIL_QUERIES_PLANNER):
        assert client.get(f"/rounds/{small.pk}/").status_code == 200

    owed = [add_agency(number, indicators=4) for number in range(3)]
    large = open_year_round(planner, owed, title="Đợt lớn")
    for _agency, indicators in owed:
        report_all(indicators[:3], province, planner)
    with django_assert_num_queries(DETAIL_QUERIES_PLANNER):
        response = client.get(f"/rounds/{large.pk}/")
    assert response.content.decode().count("Báo cáo đúng hạn") == 9


def test_round_page_queries_are_fixed_for_a_member(
    client, planner, reporter, province, industry, grdp_growth, django_assert_num_queries
):
    client.force_login(reporter)
    others = [add_agency(number, indicators=3) for number in range(2)]
    indicators = [grdp_growth] + [
        Indicator.objects.create(code=f"cong_nghiep_{i}", name=f"CN {i}", owner=industry)
        for i in range(4)
    ]
    reporting_round = open_year_round(planner, [(industry, indicators), *others])
    report_all(indicators[:2], province, reporter)

    with django_assert_num_queries(DETAIL_QUERIES_MEMBER):
        response = client.get(f"/rounds/{reporting_round.pk}/")
    assert response.content.decode().count("obligation-") == 5


def test_list_queries_do_not_grow_with_rounds(
    client, planner, province, industry, grdp_growth, django_assert_num_queries
):
    client.force_login(planner)
    first = open_year_round(
        planner, [(industry, [grdp_growth])], period="2023", deadline=datetime.date(2024, 1, 15)
    )
    close_round(first, user=planner, as_of=datetime.date(2024, 1, 31))
    open_year_round(planner, [(industry, [grdp_growth])])
    report_all([grdp_growth], province, planner)
    with django_assert_num_queries(LIST_QUERIES_PLANNER):
        assert client.get("/rounds/").status_code == 200

    for year in (2024, 2026):
        owed = [add_agency(year * 10 + n, indicators=2) for n in range(2)]
        done = open_year_round(
            planner, owed, period=str(year), deadline=datetime.date(year + 1, 1, 15)
        )
        for _agency, indicators in owed:
            report_all(indicators, province, planner, period=str(year))
        if year == 2024:
            close_round(done, user=planner, as_of=datetime.date(2025, 1, 31))
    with django_assert_num_queries(LIST_QUERIES_PLANNER):
        response = client.get("/rounds/")
    assert response.content.decode().count('href="/rounds/') >= 4
