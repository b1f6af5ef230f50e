"""Anonymous visitors read published data only; members see their agency's work; planners
and admins see everything. What a user may not see answers 404, as if it did not exist."""

import datetime

import pytest
from api_helpers import error, results

from plantrack.progress.assess import assess_plan
from plantrack.progress.choices import Figures

pytestmark = pytest.mark.django_db


def visible_figures(client) -> set[str]:
    return {(row["indicator"], row["period"]) for row in results(client.get("/api/observations/"))}


APPROVED = {("grdp_growth", "2023"), ("doctors_per_10k", "2023")}
INDUSTRY_WORK = {("grdp_growth", "2024"), ("grdp_growth", "2025")}
HEALTH_WORK = {("doctors_per_10k", "2024"), ("doctors_per_10k", "2025")}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, APPROVED),
        ("reporter", APPROVED | INDUSTRY_WORK),
        ("approver", APPROVED | INDUSTRY_WORK),
        ("viewer", APPROVED | INDUSTRY_WORK),
        ("other_reporter", APPROVED | HEALTH_WORK),
        ("planner", APPROVED | INDUSTRY_WORK | HEALTH_WORK),
        ("administrator", APPROVED | INDUSTRY_WORK | HEALTH_WORK),
    ],
)
def test_figures_each_persona_sees(request, api, figures, persona, expected):
    user = request.getfixturevalue(persona) if persona else None

    assert visible_figures(api(user)) == expected


def test_an_unseen_figure_is_404_like_a_missing_one(api, figures, reporter):
    health_draft = figures["health_draft"]

    hidden = api(reporter).get(f"/api/observations/{health_draft.pk}/")
    missing = api(reporter).get("/api/observations/999999/")

    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert error(hidden) == error(missing)


def test_anonymous_visitors_do_not_see_draft_plans_or_their_targets(
    api, master_plan, draft_plan, growth_target, draft_target, planner
):
    anonymous = api()

    assert [row["code"] for row in results(anonymous.get("/api/plans/"))] == [master_plan.code]
    assert anonymous.get(f"/api/plans/{draft_plan.code}/").status_code == 404
    assert [row["id"] for row in results(anonymous.get("/api/targets/"))] == [growth_target.pk]
    assert anonymous.get(f"/api/targets/{draft_target.pk}/").status_code == 404
    planners = {row["code"] for row in results(api(planner).get("/api/plans/"))}
    assert planners == {master_plan.code, draft_plan.code}


def test_only_planners_see_runs_judged_on_unapproved_figures(
    api, master_plan, growth_target, figures, planner, reporter
):
    as_of = datetime.date(2025, 12, 31)
    published = assess_plan(master_plan, as_of=as_of).run
    unpublished = assess_plan(master_plan, as_of=as_of, figures=Figures.SUBMITTED).run

    for client in (api(), api(reporter)):
        assert [row["id"] for row in results(client.get("/api/assessment-runs/"))] == [published.pk]
        assert client.get(f"/api/assessment-runs/{unpublished.pk}/").status_code == 404
        runs = {row["run"] for row in results(client.get("/api/assessments/"))}
        assert runs == {published.pk}
    planners = {row["id"] for row in results(api(planner).get("/api/assessment-runs/"))}
    assert planners == {published.pk, unpublished.pk}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/observations/"),
        ("patch", "/api/observations/{id}/"),
        ("post", "/api/observations/{id}/submit/"),
        ("post", "/api/observations/{id}/approve/"),
        ("post", "/api/observations/{id}/reject/"),
        ("post", "/api/observations/approve/"),
        ("post", "/api/imports/"),
    ],
)
def test_anonymous_visitors_cannot_write(api, figures, method, path):
    approved = figures["industry_approved"]

    response = getattr(api(), method)(path.format(id=approved.pk), {"ids": [approved.pk]})

    assert response.status_code == 401
    assert error(response)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"
