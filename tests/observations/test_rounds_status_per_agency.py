"""Per round and per agency: what was reported on time, late, not yet, overdue, or never,
read from the figures and their revision history around the deadline (15/12/2025)."""

import datetime

import pytest
from rounds_helpers import (
    at,
    imported_figure,
    make_hospital_beds,
    make_industry_output,
    open_year_round,
    place_in_time,
    submitted_figure,
)

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus, ObligationState, RoundState, WorkflowState
from plantrack.observations.models import RoundObligation
from plantrack.observations.rounds import round_progress
from plantrack.observations.workflow import (
    edit_observation,
    reject_observations,
    submit_observations,
)

pytestmark = pytest.mark.django_db

ON_TIME, LATE = ObligationState.ON_TIME, ObligationState.LATE
NOT_DUE, OVERDUE = ObligationState.NOT_DUE, ObligationState.OVERDUE


@pytest.fixture
def industry_output(industry):
    return make_industry_output(industry)


@pytest.fixture
def hospital_beds(health):
    return make_hospital_beds(health)


@pytest.fixture
def year_round(planner, province, industry, health, grdp_growth, industry_output, hospital_beds):
    """Sở Công Thương owes two figures for 2025, Sở Y tế one; due at the end of 15/12/2025."""
    return open_year_round(
        planner, [(industry, [grdp_growth, industry_output]), (health, [hospital_beds])]
    )


def states(reporting_round, as_of, **kwargs):
    (progress,) = round_progress([reporting_round], as_of=as_of, **kwargs)
    return {
        (agency.agency.code, figure.obligation.indicator.code): figure.state
        for agency in progress.agencies
        for figure in agency.figures
    }


def test_reported_just_before_and_just_after_the_deadline(
    year_round, reporter, province, grdp_growth, industry_output
):
    submitted_figure(
        grdp_growth, province, "2025", user=reporter, submitted=at("2025-12-15 23:59:59")
    )
    submitted_figure(
        industry_output, province, "2025", user=reporter, submitted=at("2025-12-16 00:00:01")
    )

    result = states(year_round, at("2025-12-20 08:00"))

    assert result == {
        ("SCT", "grdp_growth"): ON_TIME,
        ("SCT", "industry_output_growth"): LATE,
        ("SYT", "hospital_beds_per_10000"): OVERDUE,
    }


def test_not_reported_is_not_yet_due_until_the_end_of_the_deadline_day(year_round):
    assert set(states(year_round, at("2025-12-10 08:00")).values()) == {NOT_DUE}
    assert set(states(year_round, datetime.date(2025, 12, 15)).values()) == {NOT_DUE}
    assert set(states(year_round, datetime.date(2025, 12, 16)).values()) == {OVERDUE}


def test_per_agency_counts(year_round, reporter, province, grdp_growth, industry_output):
    submitted_figure(grdp_growth, province, "2025", user=reporter, submitted=at("2025-12-01 10:00"))
    submitted_figure(
        industry_output, province, "2025", user=reporter, submitted=at("2025-12-17 10:00")
    )

    (progress,) = round_progress([year_round], as_of=at("2025-12-20 08:00"))

    assert progress.state == RoundState.PAST_DEADLINE
    industry, health = progress.agencies  # by name: Sở Công Thương, Sở Y tế
    assert industry.agency.code == "SCT"
    assert (industry.owed, industry.reported, industry.on_time, industry.late) == (2, 2, 1, 1)
    assert (health.owed, health.reported, health.overdue) == (1, 0, 1)
    assert (progress.owed, progress.reported, progress.late, progress.overdue) == (3, 2, 1, 1)
    assert [f.obligation.indicator.code for f in progress.behind] == [
        "industry_output_growth",
        "hospital_beds_per_10000",
    ]
    late = industry.figures[1]
    assert late.reported_at == at("2025-12-17 10:00")


def test_as_of_a_moment_before_the_submission_the_figure_was_not_reported(
    year_round, reporter, province, grdp_growth
):
    submitted_figure(
        grdp_growth, province, "2025", user=reporter, submitted=at("2025-12-15 23:59:59")
    )

    assert states(year_round, at("2025-12-15 12:00"))[("SCT", "grdp_growth")] == NOT_DUE
    assert states(year_round, at("2025-12-16 12:00"))[("SCT", "grdp_growth")] == ON_TIME


def test_a_figure_imported_already_submitted_counts_from_its_creation(
    year_round, province, hospital_beds
):
    imported_figure(hospital_beds, province, "2025", created=at("2025-12-14 16:30"))

    assert states(year_round, at("2025-12-20"))[("SYT", "hospital_beds_per_10000")] == ON_TIME


def test_a_draft_and_a_breakdown_do_not_count(
    year_round, other_reporter, province, grdp_growth, hospital_beds
):
    imported_figure(
        grdp_growth, province, "2025", created=at("2025-12-01"), state=WorkflowState.DRAFT
    )
    submitted_figure(
        hospital_beds,
        province,
        "2025",
        user=other_reporter,
        submitted=at("2025-12-02 10:00"),
        breakdown="gioi_tinh=nu",
    )

    result = states(year_round, at("2025-12-20"))

    assert result[("SCT", "grdp_growth")] == OVERDUE
    assert result[("SYT", "hospital_beds_per_10000")] == OVERDUE


def test_a_rejected_figure_counts_again_from_its_first_submission_once_sent_again(
    year_round, reporter, approver, province, industry_output
):
    figure = submitted_figure(
        industry_output, province, "2025", user=reporter, submitted=at("2025-12-10 10:00")
    )
    reject_observations([figure.pk], user=approver, reason="Sai đơn vị tính")
    place_in_time(figure, at("2025-12-09 10:00"), at("2025-12-10 10:00"), at("2025-12-11 10:00"))
    key = ("SCT", "industry_output_growth")

    assert states(year_round, at("2025-12-20"))[key] == OVERDUE

    edit_observation(figure.pk, user=reporter, expected_version=figure.version + 1, value="7.1")
    submit_observations([figure.pk], user=reporter)
    place_in_time(
        figure,
        at("2025-12-09 10:00"),
        at("2025-12-10 10:00"),
        at("2025-12-11 10:00"),
        at("2025-12-18 10:00"),  # rejected → draft, by the correction
        at("2025-12-18 10:05"),  # sent again, after the deadline
    )

    assert states(year_round, at("2025-12-17"))[key] == OVERDUE
    assert states(year_round, at("2025-12-20"))[key] == ON_TIME


def test_a_figure_of_another_period_or_unit_does_not_count(
    year_round, reporter, province, grdp_growth
):
    district = AdminUnit.objects.create(
        code="040", name="Thành phố Cao Bằng", level=UnitLevel.DISTRICT, parent=province
    )
    submitted_figure(grdp_growth, province, "2024", user=reporter, submitted=at("2025-12-01"))
    submitted_figure(grdp_growth, district, "2025", user=reporter, submitted=at("2025-12-01"))

    assert states(year_round, at("2025-12-20"))[("SCT", "grdp_growth")] == OVERDUE


def test_a_round_asking_for_official_figures_ignores_estimates(
    planner, reporter, province, industry, grdp_growth
):
    official_round = open_year_round(
        planner,
        [(industry, [grdp_growth])],
        period="2024",
        deadline=datetime.date(2025, 6, 30),
        figure_status=FigureStatus.OFFICIAL,
    )
    submitted_figure(grdp_growth, province, "2024", user=reporter, submitted=at("2024-12-10"))
    key = ("SCT", "grdp_growth")

    assert states(official_round, at("2025-06-01"))[key] == NOT_DUE

    submitted_figure(
        grdp_growth,
        province,
        "2024",
        user=reporter,
        submitted=at("2025-06-20 09:00"),
        status=FigureStatus.OFFICIAL,
        value="6.74",
    )

    assert states(official_round, at("2025-07-01"))[key] == ON_TIME


def test_an_agency_member_sees_only_their_agencys_figures(year_round, reporter):
    (progress,) = round_progress(
        [year_round],
        as_of=at("2025-12-20"),
        obligations=RoundObligation.objects.for_user(reporter),
    )

    assert [agency.agency.code for agency in progress.agencies] == ["SCT"]
