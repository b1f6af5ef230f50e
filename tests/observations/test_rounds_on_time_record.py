"""Closing a round writes each owed figure's outcome; an agency's on-time record is read from
the rounds closed by a date, over three yearly rounds."""

import datetime

import pytest
from rounds_helpers import at, make_hospital_beds, open_year_round, submitted_figure

from plantrack.observations.choices import ObligationState
from plantrack.observations.models import RoundObligation
from plantrack.observations.rounds import agency_records, close_round, round_progress
from plantrack.observations.workflow import NotPermitted, WorkflowError

pytestmark = pytest.mark.django_db


@pytest.fixture
def hospital_beds(health):
    return make_hospital_beds(health)


@pytest.fixture
def three_rounds(
    planner, reporter, other_reporter, province, industry, health, grdp_growth, hospital_beds
):
    """Three yearly rounds, each due on 15 January and closed on 31 January:

    - 2023: Sở Công Thương on time, Sở Y tế never;
    - 2024: Sở Công Thương late, Sở Y tế on time;
    - 2025: Sở Công Thương on time, Sở Y tế late.
    """
    owed = [(industry, [grdp_growth]), (health, [hospital_beds])]
    plan = {
        "2023": (at("2024-01-10 09:00"), None),
        "2024": (at("2025-01-20 09:00"), at("2025-01-14 09:00")),
        "2025": (at("2026-01-15 17:00"), at("2026-01-16 08:00")),
    }
    rounds = []
    for year, (industry_at, health_at) in plan.items():
        deadline = datetime.date(int(year) + 1, 1, 15)
        reporting_round = open_year_round(planner, owed, period=year, deadline=deadline)
        submitted_figure(grdp_growth, province, year, user=reporter, submitted=industry_at)
        if health_at:
            submitted_figure(
                hospital_beds, province, year, user=other_reporter, submitted=health_at
            )
        closed = close_round(
            reporting_round, user=planner, as_of=datetime.date(int(year) + 1, 1, 31)
        )
        rounds.append(closed)
    return rounds


def test_closing_writes_each_owed_figures_outcome(three_rounds, planner):
    first = three_rounds[0]

    outcomes = dict(
        first.obligations.values_list("agency__code", "outcome").order_by("agency__code")
    )

    assert first.closed_by == planner
    assert first.closed_at == at("2024-01-31 23:59:59.999999")
    assert outcomes == {"SCT": ObligationState.ON_TIME, "SYT": ObligationState.NEVER}
    industry_2023 = first.obligations.get(agency__code="SCT")
    assert industry_2023.reported_at == at("2024-01-10 09:00")


def test_on_time_record_over_three_rounds(three_rounds, industry, health):
    records = agency_records(as_of=datetime.date(2026, 2, 1))

    industry_record, health_record = records[industry.pk], records[health.pk]
    assert (industry_record.rounds, industry_record.owed, industry_record.on_time) == (3, 3, 2)
    assert (industry_record.late, industry_record.never, industry_record.rounds_on_time) == (
        1,
        0,
        2,
    )
    assert industry_record.rate == pytest.approx(2 / 3)
    assert industry_record.percent == 66.7
    assert (health_record.on_time, health_record.late, health_record.never) == (1, 1, 1)
    assert health_record.rounds_on_time == 1
    assert health_record.percent == 33.3


def test_the_record_counts_only_rounds_closed_by_the_date(
    three_rounds, planner, industry, health, grdp_growth
):
    open_year_round(planner, [(industry, [grdp_growth])], period="2026")  # still open
    records = agency_records(as_of=datetime.date(2025, 2, 1))

    assert records[industry.pk].rounds == 2
    assert records[industry.pk].on_time == 1
    assert records[health.pk].never == 1
    assert agency_records(as_of=datetime.date(2024, 1, 30)) == {}
    assert agency_records(as_of=datetime.date(2028, 1, 1))[industry.pk].rounds == 3


def test_a_figure_reported_after_closing_does_not_change_the_round(
    three_rounds, other_reporter, province, hospital_beds
):
    first = three_rounds[0]
    submitted_figure(
        hospital_beds, province, "2023", user=other_reporter, submitted=at("2024-03-01")
    )

    (progress,) = round_progress([first], as_of=datetime.date(2024, 6, 1))

    health = progress.agencies[1]
    assert [figure.state for figure in health.figures] == [ObligationState.NEVER]


def test_as_of_before_closing_a_round_is_shown_as_it_stood_then(three_rounds):
    first = three_rounds[0]

    (progress,) = round_progress([first], as_of=datetime.date(2024, 1, 20))

    states = [figure.state for figure in progress.figures]
    assert states == [ObligationState.ON_TIME, ObligationState.OVERDUE]


def test_a_round_cannot_be_closed_before_its_deadline_has_passed(
    planner, province, industry, grdp_growth
):
    reporting_round = open_year_round(planner, [(industry, [grdp_growth])])

    with pytest.raises(WorkflowError) as refused:
        close_round(reporting_round, user=planner, as_of=datetime.date(2025, 12, 15))

    assert refused.value.code == "not_due"
    assert "15/12/2025" in str(refused.value)
    assert RoundObligation.objects.get().outcome == ""


def test_a_round_is_closed_once(planner, province, industry, grdp_growth):
    reporting_round = open_year_round(planner, [(industry, [grdp_growth])])
    close_round(reporting_round, user=planner, as_of=datetime.date(2025, 12, 20))

    with pytest.raises(WorkflowError) as refused:
        close_round(reporting_round, user=planner, as_of=datetime.date(2025, 12, 21))

    assert refused.value.code == "already_closed"


def test_reporter_cannot_close_a_round(planner, reporter, province, industry, grdp_growth):
    reporting_round = open_year_round(planner, [(industry, [grdp_growth])])

    with pytest.raises(NotPermitted):
        close_round(reporting_round, user=reporter, as_of=datetime.date(2025, 12, 20))

    reporting_round.refresh_from_db()
    assert reporting_round.closed_at is None
