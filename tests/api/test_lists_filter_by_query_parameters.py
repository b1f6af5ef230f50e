"""Lists filter by the query parameters scripts need: figures by indicator, unit code,
period, figure status and workflow state, latest vintages unless ``all_vintages=1``; units by
level, code and the day they were valid; targets, assessments and plans by plan and status."""

import datetime

import pytest
from api_helpers import figure, results

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import REFORM_DATE, AdminUnit
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.progress.assess import assess_plan

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    return [row["id"] for row in results(response)]


@pytest.fixture
def revised_2023(grdp_growth, province):
    """Cao Bằng's 2023 growth: 2,24 % estimated, then 3,73 % after the 2024 report."""
    estimate = figure(grdp_growth, province, "2023", "2.24", WorkflowState.APPROVED)
    revision = figure(
        grdp_growth, province, "2023", "3.73", WorkflowState.APPROVED, status=FigureStatus.DERIVED
    )
    return estimate, revision


@pytest.fixture
def district(province):
    return AdminUnit.objects.create(
        code="040",
        name="Thành phố Cao Bằng",
        level=UnitLevel.DISTRICT,
        parent=province,
        valid_to=datetime.date(2025, 6, 30),
    )


@pytest.fixture
def ward(province):
    return AdminUnit.objects.create(
        code="01273",
        name="Phường Thục Phán",
        level=UnitLevel.COMMUNE,
        parent=province,
        valid_from=REFORM_DATE,
    )


def test_figures_filter_by_indicator_unit_and_period(api, planner, figures, district, grdp_growth):
    in_district = figure(grdp_growth, district, "2024", "7.1", WorkflowState.APPROVED)
    client = api(planner)

    by_indicator = ids(client.get("/api/observations/?indicator=doctors_per_10k"))
    by_unit = ids(client.get("/api/observations/?unit=040"))
    by_period = ids(client.get("/api/observations/?indicator=grdp_growth&period=2024"))

    assert set(by_indicator) == {
        figures[f"health_{s}"].pk for s in ("approved", "draft", "submitted")
    }
    assert by_unit == [in_district.pk]
    assert set(by_period) == {figures["industry_draft"].pk, in_district.pk}


def test_figures_filter_by_workflow_state_and_figure_status(api, planner, figures, revised_2023):
    client = api(planner)

    drafts = ids(client.get("/api/observations/?state=draft"))
    derived = ids(client.get("/api/observations/?status=derived"))

    assert set(drafts) == {figures["industry_draft"].pk, figures["health_draft"].pk}
    assert derived == [revised_2023[1].pk]


def test_only_the_latest_vintage_unless_all_are_asked_for(api, revised_2023):
    estimate, revision = revised_2023

    latest = ids(api().get("/api/observations/?period=2023"))
    every = ids(api().get("/api/observations/?period=2023&all_vintages=1"))

    assert latest == [revision.pk]
    assert set(every) == {estimate.pk, revision.pk}
    # An old vintage keeps its own address.
    assert api().get(f"/api/observations/{estimate.pk}/").json()["is_current"] is False


def test_a_draft_waiting_beside_an_approved_figure_is_listed(api, reporter, figures):
    approved = figures["industry_approved"]
    waiting = figure(approved.indicator, approved.unit, "2023", "3.9", WorkflowState.DRAFT)

    listed = ids(api(reporter).get("/api/observations/?indicator=grdp_growth&period=2023"))
    published = ids(api().get("/api/observations/?indicator=grdp_growth&period=2023"))

    assert waiting.is_current is False
    assert set(listed) == {approved.pk, waiting.pk}
    assert published == [approved.pk]


def test_units_filter_by_level_code_and_the_day_they_were_valid(api, province, district, ward):
    communes = ids(api().get("/api/units/?level=commune"))
    by_code = ids(api().get("/api/units/?code=040"))
    before = ids(api().get("/api/units/?valid_on=2025-06-30"))
    after = ids(api().get("/api/units/?valid_on=2025-07-01"))

    assert communes == [ward.pk]
    assert by_code == [district.pk]
    assert set(before) == {province.pk, district.pk}
    assert set(after) == {province.pk, ward.pk}


def test_a_malformed_filter_is_a_validation_error(api, province):
    response = api().get("/api/units/?valid_on=2025-13-45")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert set(response.json()["error"]["details"]) == {"valid_on"}


def test_targets_filter_by_plan_indicator_and_in_force(
    api, planner, growth_target, draft_target, master_plan
):
    client = api(planner)
    revised = growth_target.__class__.objects.get(pk=growth_target.pk)
    revised.pk = None
    revised.supersedes = growth_target
    revised.value = 9
    revised.save()

    of_plan = ids(client.get(f"/api/targets/?plan={master_plan.code}"))
    in_force = ids(client.get(f"/api/targets/?plan={master_plan.code}&in_force=true"))
    of_indicator = ids(client.get("/api/targets/?indicator=grdp_growth"))

    assert set(of_plan) == {growth_target.pk, revised.pk}
    assert in_force == [revised.pk]
    assert set(of_indicator) == {growth_target.pk, revised.pk, draft_target.pk}


def test_plans_filter_by_status(api, planner, master_plan, draft_plan):
    drafts = [row["code"] for row in results(api(planner).get("/api/plans/?status=draft"))]

    assert drafts == [draft_plan.code]


def test_assessments_filter_by_plan_run_and_status(api, master_plan, growth_target, figures):
    first = assess_plan(master_plan, as_of=datetime.date(2024, 12, 31)).run
    second = assess_plan(master_plan, as_of=datetime.date(2025, 12, 31)).run
    status = first.assessments.get().status

    of_run = results(api().get(f"/api/assessments/?run={first.pk}"))
    of_plan = results(api().get(f"/api/assessments/?plan={master_plan.code}"))
    by_status = results(api().get(f"/api/assessments/?status={status}"))
    runs = ids(api().get(f"/api/assessment-runs/?plan={master_plan.code}"))

    assert [row["run"] for row in of_run] == [first.pk]
    assert {row["run"] for row in of_plan} == {first.pk, second.pk}
    assert all(row["status"] == status for row in by_status) and by_status
    assert runs == [second.pk, first.pk]
