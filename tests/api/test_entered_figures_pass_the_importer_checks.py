"""A figure entered or edited through the API passes the same checks as a row of an
imported file (observations.validation.check_rows); a refusal is 422 with each problem's
code, field, value and message, and nothing is written."""

import datetime

import pytest
from api_helpers import SOURCE, error

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(province):
    return AdminUnit.objects.create(
        code="040",
        name="Thành phố Cao Bằng",
        level=UnitLevel.DISTRICT,
        parent=province,
        valid_to=datetime.date(2025, 6, 30),
    )


def enter(client, **fields):
    body = {"indicator": "poverty_rate", "unit": "04", "period": "2024", "value": 20}
    return client.post("/api/observations/", body | {"source": SOURCE} | fields)


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"value": 120}, "out_of_range", "value"),
        ({"period": "Q3/2024"}, "invalid_period", "period"),
        ({"period": "2024Q3"}, "period_frequency", "period"),
        ({"unit": "99"}, "unknown_unit", "unit"),
        ({"indicator": "no_such_indicator"}, "unknown_indicator", "indicator"),
        ({"value": "hai mươi"}, "not_a_number", "value"),
        ({"value": "1.234"}, "ambiguous_number", "value"),
        ({"unit": "040", "period": "2026"}, "unit_not_valid_in_period", "unit"),
    ],
)
def test_a_figure_failing_a_check_is_refused_with_the_problem(
    api, planner, poverty, district, fields, code, field
):
    response = enter(api(planner), **fields)

    assert response.status_code == 422, response.content
    body = error(response)
    assert body["code"] == "invalid_observation"
    problem = body["details"]["problems"][0]
    assert (problem["code"], problem["field"]) == (code, field)
    assert problem["message"] in body["message"]
    assert not Observation.objects.exists()


def test_an_ambiguous_number_is_read_in_the_declared_locale(api, planner, poverty, province):
    response = enter(api(planner), value="12.345", locale="vi", period="2023")

    assert response.status_code == 422  # 12 345 % is out of range: read as Vietnamese
    assert error(response)["details"]["problems"][0]["code"] == "out_of_range"
    english = enter(api(planner), value="12.345", locale="en")
    assert english.status_code == 201
    assert english.json()["value"] == "12.345"


def test_a_jump_needs_a_comment(api, reporter, figures):
    # 2023: 3,73 %; 2022 unknown; 2024 = 20 % is a jump beyond 50 % of the previous value.
    body = {"indicator": "grdp_growth", "period": "2024", "value": 20}

    refused = enter(api(reporter), **body)
    explained = enter(api(reporter), **body, comment="Dự án thủy điện mới vận hành")

    assert error(refused)["details"]["problems"][0]["code"] == "needs_comment"
    assert explained.status_code == 201


def test_a_request_missing_its_source_is_a_validation_error(api, planner, poverty):
    response = api(planner).post(
        "/api/observations/",
        {"indicator": "poverty_rate", "unit": "04", "period": "2024", "value": 20},
    )

    assert response.status_code == 400
    assert error(response)["code"] == "invalid"
    assert set(error(response)["details"]) == {"source"}


def test_an_edit_failing_a_check_changes_nothing(api, planner, poverty, province):
    created = enter(api(planner)).json()

    response = api(planner).patch(
        f"/api/observations/{created['id']}/", {"value": 101, "version": created["version"]}
    )

    assert response.status_code == 422
    assert error(response)["details"]["problems"][0]["code"] == "out_of_range"
    observation = Observation.objects.get(pk=created["id"])
    assert (observation.value, observation.version) == (20, 1)
