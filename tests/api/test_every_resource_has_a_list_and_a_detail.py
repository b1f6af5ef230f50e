"""Every resource of the API has a list and a detail, with the fields scripts rely on."""

import datetime

import pytest
from api_helpers import results

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.progress.assess import assess_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything(master_plan, growth_target, figures, province):
    district = AdminUnit.objects.create(
        code="040",
        name="Thành phố Cao Bằng",
        level=UnitLevel.DISTRICT,
        parent=province,
        valid_to=datetime.date(2025, 6, 30),
        geometry={"type": "Polygon", "coordinates": []},
    )
    run = assess_plan(master_plan, as_of=datetime.date(2025, 12, 31)).run
    return {"run": run, "district": district}


def test_plans_are_listed_and_found_by_code(api, everything, master_plan):
    rows = results(api().get("/api/plans/"))

    assert [row["code"] for row in rows] == ["QH-CB-2021-2030"]
    detail = api().get(f"/api/plans/{master_plan.code}/").json()
    assert detail["decision"] == "1486/QĐ-TTg"
    assert (detail["period_start"], detail["period_end"], detail["vision_year"]) == (
        2021,
        2030,
        2050,
    )
    assert detail["status"] == "in_force"


def test_sections_are_listed_with_their_plan(api, everything, targets_section):
    rows = results(api().get("/api/sections/"))

    assert [(row["plan"], row["number"]) for row in rows] == [("QH-CB-2021-2030", "b)")]
    detail = api().get(f"/api/sections/{targets_section.pk}/").json()
    assert detail["title"] == "Mục tiêu, chỉ tiêu cụ thể"


def test_indicators_are_listed_and_found_by_code(api, everything):
    rows = results(api().get("/api/indicators/"))

    assert [row["code"] for row in rows] == ["doctors_per_10k", "grdp_growth"]
    detail = api().get("/api/indicators/grdp_growth/").json()
    assert (detail["owner"], detail["unit"], detail["name_en"]) == (
        "SCT",
        "%",
        "GRDP growth (constant prices)",
    )


def test_targets_carry_the_decisions_words_and_plain_numbers(api, everything, growth_target):
    rows = results(api().get("/api/targets/"))

    assert [row["id"] for row in rows] == [growth_target.pk]
    detail = api().get(f"/api/targets/{growth_target.pk}/").json()
    assert detail["phrase"].endswith("đạt 9,72%/năm")
    assert detail["value"] == "9.72"  # a string without trailing zeros: no float rounding
    assert (detail["plan"], detail["indicator"], detail["in_force"]) == (
        "QH-CB-2021-2030",
        "grdp_growth",
        True,
    )


def test_units_list_without_boundaries_and_detail_with_them(api, everything, province):
    district = everything["district"]

    rows = results(api().get("/api/units/"))

    assert [(row["code"], row["level"]) for row in rows] == [
        ("040", "district"),
        ("04", "province"),
    ]
    assert "geometry" not in rows[0]
    detail = api().get(f"/api/units/{district.pk}/").json()
    assert detail["geometry"] == {"type": "Polygon", "coordinates": []}
    assert (detail["parent"], detail["valid_to"]) == (province.pk, "2025-06-30")


def test_observations_are_listed_and_found_by_id(api, everything, figures):
    approved = figures["industry_approved"]

    rows = results(api().get("/api/observations/"))

    assert {row["id"] for row in rows} == {approved.pk, figures["health_approved"].pk}
    detail = api().get(f"/api/observations/{approved.pk}/")
    assert detail["ETag"] == f'"{approved.version}"'
    body = detail.json()
    assert (body["indicator"], body["unit_code"], body["period"], body["value"]) == (
        "grdp_growth",
        "04",
        "2023",
        "3.73",
    )
    assert (body["status"], body["state"], body["agency"]) == ("estimate", "approved", "SCT")
    assert body["source"].startswith("http://thongkecaobang.gso.gov.vn/")


def test_assessment_runs_and_assessments_are_listed(api, everything, growth_target):
    run = everything["run"]

    runs = results(api().get("/api/assessment-runs/"))
    assessments = results(api().get("/api/assessments/"))

    assert [(row["id"], row["plan"], row["as_of"]) for row in runs] == [
        (run.pk, "QH-CB-2021-2030", "2025-12-31")
    ]
    assert [(row["run"], row["target"], row["indicator"]) for row in assessments] == [
        (run.pk, growth_target.pk, "grdp_growth")
    ]
    detail = api().get(f"/api/assessments/{assessments[0]['id']}/").json()
    assert detail["status"] and detail["explanation_vi"] and detail["explanation_en"]
    assert api().get(f"/api/assessment-runs/{run.pk}/").json()["figures"] == "approved"
