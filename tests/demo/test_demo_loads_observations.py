import pytest

from plantrack.demo.geography import INDICATOR_CODES
from plantrack.observations.choices import WorkflowState
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


def test_demo_loads_the_47_observations_of_which_46_are_current(demo, facts):
    assert len(facts["observations"]) == 47
    facts_figures = Observation.objects.exclude(indicator__code__in=INDICATOR_CODES)
    assert facts_figures.count() == 47
    assert facts_figures.current().count() == 46


def test_the_unit_figures_are_counted_from_the_unit_lists(demo):
    per_district = Observation.objects.filter(indicator__code="commune_units_per_district")
    areas = Observation.objects.filter(indicator__code="commune_area_2025")

    assert per_district.count() == 10  # the 2020–2025 districts
    assert sum(figure.value for figure in per_district) == 161  # every old commune once
    assert per_district.get(unit__code="040").value == 11  # Thành phố Cao Bằng
    assert areas.count() == 56  # the communes and wards formed on 1 July 2025
    for figure in [*per_district, *areas]:
        assert figure.state == WorkflowState.APPROVED
        assert "vietnamadminunits" in figure.source


def test_every_observation_is_for_the_province_approved_and_has_a_source(demo):
    facts_figures = Observation.objects.exclude(indicator__code__in=INDICATOR_CODES)
    for observation in facts_figures.select_related("unit", "indicator"):
        assert observation.unit.code == "04"
        assert observation.state == WorkflowState.APPROVED
        assert observation.source.strip()
        assert observation.source.lower() != "same"
        # Collected from public sources: no agency reported it through PlanTrack.
        assert observation.agency_id is None


def test_a_same_source_is_the_source_of_the_row_above(demo):
    sipas = Observation.objects.get(indicator__code="sipas_rank", period="2023")
    par = Observation.objects.get(indicator__code="par_index_rank", period="2023")

    assert sipas.source == par.source


def test_a_figure_measured_on_a_day_keeps_its_period(demo):
    rate = Observation.objects.get(indicator__code="public_investment_disbursement_rate")

    assert rate.period == "2024-03-31"


def test_values_and_statuses_are_as_published(demo, facts):
    for row in facts["observations"]:
        period = row.get("period") or str(row["year"])
        assert Observation.objects.filter(
            indicator__code=row["indicator"],
            period=period,
            value=row["value"],
            status=row["status"],
        ).exists(), row


def test_conflicting_budget_revenue_keeps_its_note(demo):
    revenue = Observation.objects.get(indicator__code="budget_revenue", period="2024")

    assert "các nguồn chưa thống nhất" in revenue.comment  # the conflicting figures, in Vietnamese
