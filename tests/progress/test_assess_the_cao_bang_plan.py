"""Assessing the Cao Bằng master plan on the demo's published figures."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from plantrack.plans.models import Plan
from plantrack.progress.assess import assess_plan, rollup
from plantrack.progress.choices import Figures, RollupBy, Status
from plantrack.progress.models import Assessment, AssessmentRun

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 27)


def by_indicator(outcome):
    return {r.target.indicator.code: r for r in outcome.results if r.target.indicator}


def test_grdp_budget_and_poverty_get_a_status_a_remaining_rate_and_an_explanation(demo):
    plan = Plan.objects.get(code="QH-CB-2021-2030")

    results = by_indicator(assess_plan(plan, as_of=TODAY, save=False))

    grdp = results["grdp_growth"].assessment
    assert grdp.status == Status.NEEDS_ACCELERATION
    # 2023–2025 published: 3.73 (revised), 6.74, 7.22 → (1.0373 × 1.0674 × 1.0722)^(1/3) − 1.
    assert grdp.actual_rate == pytest.approx(5.8853, abs=1e-3)
    assert grdp.required_rate_remaining == pytest.approx(13.69, abs=0.01)
    assert "2026–2030 cần bình quân 13,69 %/năm" in grdp.explanation_vi
    revenue = results["budget_revenue"].assessment
    assert revenue.status == Status.ON_TRACK
    assert revenue.actual_rate == pytest.approx((2292 / 2009.8 - 1) * 100, abs=1e-6)
    assert revenue.required_rate_remaining == pytest.approx(11.66, abs=0.01)
    poverty = results["poverty_rate_multidimensional"].assessment
    assert poverty.status == Status.ON_TRACK
    assert poverty.actual_rate == pytest.approx(20.04 - 24.53)
    assert poverty.required_rate_remaining == pytest.approx(-3.51, abs=1e-6)
    assert "điểm %/năm" in poverty.explanation_vi
    assert results["total_investment"].assessment.status == Status.INSUFFICIENT_DATA
    assert results["regional_development_group"].assessment.status == Status.NOT_ASSESSABLE


def test_each_plan_judges_its_own_target_on_the_same_indicator(demo):
    master = by_indicator(assess_plan(Plan.objects.get(code="QH-CB-2021-2030"), as_of=TODAY))
    annual = by_indicator(assess_plan(Plan.objects.get(code="KH-CB-2025"), as_of=TODAY))

    assert master["grdp_growth"].assessment.status == Status.NEEDS_ACCELERATION
    # The 2025 plan wanted 8 % in 2025; 7.22 % was reached.
    assert annual["grdp_growth"].assessment.status == Status.OFF_TRACK
    assert annual["grdp_growth"].assessment.actual_rate == pytest.approx(7.22)


def test_replaced_targets_are_not_judged(demo):
    outcome = assess_plan(Plan.objects.get(code="KH-CB-2025"), as_of=TODAY, save=False)
    judged = [r.target for r in outcome.results]
    assert all(not target.revisions.exists() for target in judged)
    assert len(judged) == 9  # nine targets, five of them in their May 2025 version


def test_the_figures_known_at_an_earlier_date_are_replayed(demo):
    plan = Plan.objects.get(code="QH-CB-2021-2030")

    then = by_indicator(assess_plan(plan, as_of=datetime.date(2024, 6, 30), save=False))

    grdp = then["grdp_growth"]
    # In mid-2024 only the December 2023 estimate of 2.24 % was known for 2023.
    known = {year: value for year, value, _origin in grdp.series}
    assert known[2023] == 2.24
    assert 2024 not in known
    assert grdp.assessment.status == Status.OFF_TRACK
    assert then["budget_revenue"].assessment.status == Status.INSUFFICIENT_DATA


def test_estimates_can_be_left_out(demo):
    plan = Plan.objects.get(code="QH-CB-2021-2030")

    official = by_indicator(assess_plan(plan, as_of=TODAY, figures=Figures.OFFICIAL, save=False))

    # The 2019, 2024 and 2025 figures of GRDP growth are estimates.
    assert [year for year, *_ in official["grdp_growth"].series] == [2018, 2020, 2023]
    assert official["budget_revenue"].assessment.status == Status.INSUFFICIENT_DATA


def test_a_run_is_stored_with_the_components_to_redo_it(demo):
    plan = Plan.objects.get(code="QH-CB-2021-2030")

    outcome = assess_plan(plan, as_of=TODAY)

    run = AssessmentRun.objects.get(pk=outcome.run.pk)
    assert run.assessments.count() == len(outcome.results) == 6
    stored = run.assessments.get(target__indicator__code="grdp_growth")
    year_2023 = next(point for point in stored.components["series"] if point[0] == 2023)
    assert year_2023[1] == 3.73
    assert year_2023[2].startswith("observation:")
    assert stored.components["imputed_years"] == [2021, 2022]
    assert stored.components["thresholds"][0] == [0.95, "on_track"]


def test_rollups_count_statuses_and_average_scores(demo):
    run = assess_plan(Plan.objects.get(code="QH-CB-2021-2030"), as_of=TODAY).run

    by_section = {row["label"]: row for row in rollup(run, RollupBy.SECTION)}

    specific = by_section["Mục tiêu, chỉ tiêu cụ thể"]
    assert specific["total"] == 5
    assert specific["counts"] == {
        Status.NEEDS_ACCELERATION: 2,
        Status.ON_TRACK: 2,
        Status.INSUFFICIENT_DATA: 1,
    }
    scores = run.assessments.filter(target__section__title="Mục tiêu, chỉ tiêu cụ thể")
    expected = [a.score for a in scores if a.score is not None]
    assert specific["mean_score"] == pytest.approx(sum(expected) / len(expected))
    by_agency = rollup(run, RollupBy.AGENCY)
    assert sum(row["total"] for row in by_agency) == 6
    (province,) = rollup(run, RollupBy.UNIT)
    assert province["label"] == "Tỉnh Cao Bằng"


def test_the_assess_command_prints_every_target(demo):
    out = StringIO()
    call_command("assess", "--plan=QH-CB-2021-2030", "--as-of=2026-11-27", stdout=out)
    text = out.getvalue()

    assert "[needs_acceleration] grdp_growth" in text
    assert "cần những năm còn lại 13,69" in text
    assert AssessmentRun.objects.filter(plan__code="QH-CB-2021-2030").exists()


@pytest.mark.parametrize("output", ["json", "csv"])
def test_the_assess_command_writes_json_and_csv(demo, output):
    out = StringIO()
    call_command(
        "assess",
        "--plan=QH-CB-2021-2030",
        f"--format={output}",
        "--no-save",
        "--as-of=2026-11-27",
        stdout=out,
    )

    if output == "json":
        rows = json.loads(out.getvalue())
        grdp = next(r for r in rows if r["indicator"] == "grdp_growth")
        assert grdp["required_rate_remaining"] == pytest.approx(13.69, abs=0.01)
    else:
        header, *lines = out.getvalue().splitlines()
        assert header.startswith("target,indicator,phrase,status")
        assert len(lines) == 6
    assert not Assessment.objects.exists()


def test_the_assess_command_refuses_an_unknown_plan_or_date(demo):
    with pytest.raises(CommandError, match="“QH-X”"):
        call_command("assess", plan="QH-X")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("assess", "--plan=QH-CB-2021-2030", "--as-of=27/11/2026")
