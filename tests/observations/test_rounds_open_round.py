"""A planner opens a reporting round; a reporter cannot; a round that could never be met is
refused with a message that says what and where."""

import datetime

import pytest
from rounds_helpers import at, make_hospital_beds, make_industry_output, open_year_round

from plantrack.accounts.choices import AgencyKind
from plantrack.accounts.models import Agency
from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.models import ReportingRound, RoundObligation
from plantrack.observations.rounds import Owed, open_round
from plantrack.observations.workflow import NotPermitted, WorkflowError
from plantrack.plans.choices import Frequency

pytestmark = pytest.mark.django_db


@pytest.fixture
def industry_output(industry):
    return make_industry_output(industry)


@pytest.fixture
def hospital_beds(health):
    return make_hospital_beds(health)


@pytest.fixture
def district(province):
    return AdminUnit.objects.create(
        code="040", name="Thành phố Cao Bằng", level=UnitLevel.DISTRICT, parent=province
    )


def owed_figures(reporting_round):
    return sorted(
        (o.agency.code, o.indicator.code, o.unit.code)
        for o in reporting_round.obligations.select_related("agency", "indicator", "unit")
    )


def test_planner_opens_a_round_for_each_agencys_indicators(
    planner, province, industry, health, grdp_growth, industry_output, hospital_beds
):
    reporting_round = open_round(
        title="Số liệu ước thực hiện năm 2025",
        period="2025",
        deadline=datetime.date(2025, 12, 15),
        owed=[
            Owed(industry, [grdp_growth, industry_output]),
            Owed(health, [hospital_beds]),
        ],
        user=planner,
        note="Theo Công văn của UBND tỉnh",
        as_of=at("2025-11-20 08:00"),
    )

    assert (reporting_round.period, reporting_round.deadline) == (
        "2025",
        datetime.date(2025, 12, 15),
    )
    assert reporting_round.opened_by == planner
    assert reporting_round.opened_at == at("2025-11-20 08:00")
    assert reporting_round.closed_at is None
    # The departments have no unit of their own: they owe the province's figures.
    assert owed_figures(reporting_round) == [
        ("SCT", "grdp_growth", "04"),
        ("SCT", "industry_output_growth", "04"),
        ("SYT", "hospital_beds_per_10000", "04"),
    ]
    assert set(RoundObligation.objects.values_list("outcome", flat=True)) == {""}


def test_an_agency_with_a_unit_owes_that_units_figures(planner, district, grdp_growth):
    city = Agency.objects.create(
        code="UBND-TP",
        name="UBND thành phố Cao Bằng",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        unit=district,
    )

    reporting_round = open_year_round(planner, [(city, [grdp_growth])])

    assert owed_figures(reporting_round) == [("UBND-TP", "grdp_growth", "040")]


def test_listed_units_replace_the_default(planner, province, district, industry, grdp_growth):
    reporting_round = open_round(
        title="Số liệu năm 2025 theo huyện",
        period="2025",
        deadline=datetime.date(2025, 12, 15),
        owed=[Owed(industry, [grdp_growth], units=[province, district])],
        user=planner,
    )

    assert owed_figures(reporting_round) == [
        ("SCT", "grdp_growth", "04"),
        ("SCT", "grdp_growth", "040"),
    ]


def test_the_period_is_written_in_canonical_form(planner, province, industry, grdp_growth):
    grdp_growth.frequency = Frequency.QUARTERLY
    grdp_growth.save(update_fields=["frequency"])

    reporting_round = open_year_round(planner, [(industry, [grdp_growth])], period="2025q3")

    assert reporting_round.period == "2025Q3"


def test_reporter_cannot_open_a_round(reporter, province, industry, grdp_growth):
    with pytest.raises(NotPermitted) as refused:
        open_year_round(reporter, [(industry, [grdp_growth])])

    assert refused.value.code == "not_permitted"
    assert "cán bộ kế hoạch" in str(refused.value)
    assert not ReportingRound.objects.exists()


def test_approver_cannot_open_a_round_either(approver, province, industry, grdp_growth):
    with pytest.raises(NotPermitted):
        open_year_round(approver, [(industry, [grdp_growth])])


@pytest.mark.parametrize(
    ("period", "code", "words"),
    [
        ("2025/26", "invalid_period", "không đúng dạng"),
        ("2025Q3", "period_frequency", "grdp_growth"),
    ],
)
def test_a_period_that_cannot_be_reported_is_refused(
    planner, province, industry, grdp_growth, period, code, words
):
    with pytest.raises(WorkflowError) as refused:
        open_year_round(planner, [(industry, [grdp_growth])], period=period)

    assert refused.value.code == code
    assert words in str(refused.value)


def test_the_same_figure_given_to_two_agencies_is_refused(
    planner, province, industry, health, grdp_growth
):
    with pytest.raises(WorkflowError) as refused:
        open_year_round(planner, [(industry, [grdp_growth]), (health, [grdp_growth])])

    assert refused.value.code == "owed_twice"
    assert "Sở Công Thương" in str(refused.value) and "Sở Y tế" in str(refused.value)
    assert not ReportingRound.objects.exists()


def test_a_unit_outside_the_agencys_remit_is_refused(planner, province, district, grdp_growth):
    other_district = AdminUnit.objects.create(
        code="042", name="Huyện Bảo Lâm", level=UnitLevel.DISTRICT, parent=province
    )
    city = Agency.objects.create(code="UBND-TP", name="UBND thành phố Cao Bằng", unit=district)

    with pytest.raises(WorkflowError) as refused:
        open_round(
            title="Số liệu năm 2025",
            period="2025",
            deadline=datetime.date(2025, 12, 15),
            owed=[Owed(city, [grdp_growth], units=[other_district])],
            user=planner,
        )

    assert refused.value.code == "outside_remit"
    assert "Huyện Bảo Lâm" in str(refused.value)


def test_a_unit_that_did_not_exist_in_the_period_is_refused(
    planner, province, industry, grdp_growth
):
    new_commune = AdminUnit.objects.create(
        code="01273",
        name="Phường Thục Phán",
        level=UnitLevel.COMMUNE,
        parent=province,
        valid_from=datetime.date(2025, 7, 1),
    )

    with pytest.raises(WorkflowError) as refused:
        open_round(
            title="Số liệu năm 2023",
            period="2023",
            deadline=datetime.date(2024, 1, 15),
            owed=[Owed(industry, [grdp_growth], units=[new_commune])],
            user=planner,
        )

    assert refused.value.code == "unit_not_valid"
    assert "2023" in str(refused.value)


def test_a_round_that_owes_nothing_is_refused(planner, province, industry):
    with pytest.raises(WorkflowError) as refused:
        open_year_round(planner, [(industry, [])])

    assert refused.value.code == "nothing_owed"


def test_an_empty_title_is_refused(planner, province, industry, grdp_growth):
    with pytest.raises(WorkflowError) as refused:
        open_year_round(planner, [(industry, [grdp_growth])], title="  ")

    assert refused.value.code == "title_required"
