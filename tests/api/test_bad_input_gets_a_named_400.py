"""Input out of range or malformed is a JSON 4xx naming what is wrong, never a 500 or
Django's HTML page: ids past 64 bits, pages from 0, read-only fields sent when entering a
figure, more than 1,000 form fields, JSON nested 10,000 deep, integers of 5,000 digits,
yes/no filters that are neither, empty values where the schema lists the
values, and files of figures with the same faults."""

import json

import pytest
from api_helpers import error
from django.core.files.uploadedfile import SimpleUploadedFile

from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db

PAST_64_BITS = 2**70


def test_an_id_past_64_bits_in_a_bulk_approval_is_a_400_naming_ids(api, approver):
    response = api(approver).post("/api/observations/approve/", {"ids": [PAST_64_BITS]})

    assert response.status_code == 400
    assert set(error(response)["details"]) == {"ids"}


@pytest.mark.parametrize(
    "path",
    [
        f"/api/observations/{PAST_64_BITS}/",
        f"/api/units/{PAST_64_BITS}/",
        f"/api/evidence/{PAST_64_BITS}/",
        f"/api/observations/{PAST_64_BITS}/approve/",
    ],
)
def test_an_id_past_64_bits_in_a_path_is_the_json_404(api, approver, path):
    method = "post" if path.endswith("approve/") else "get"

    response = getattr(api(approver), method)(path)

    assert response.status_code == 404
    assert error(response)["code"] == "not_found"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (f"/api/units/?parent={PAST_64_BITS}", "parent"),
        ("/api/units/?parent=-5.8e179", "parent"),
        (f"/api/assessments/?target={PAST_64_BITS}", "target"),
        ("/api/units/?page=0", "page"),
        ("/api/units/?page_size=0", "page_size"),
        ("/api/units/?page=0&page_size=0", "page"),
        ("/api/observations/?all_vintages=2", "all_vintages"),
        ("/api/observations/?is_current=yes", "is_current"),
        # Python reads these as dates; the schema's date is YYYY-MM-DD.
        ("/api/tasks/?as_of=20241231", "as_of"),
        ("/api/tasks/CT-01/?as_of=2024-W53-2", "as_of"),
    ],
)
def test_a_query_parameter_out_of_range_is_a_400_naming_it(api, query, field):
    response = api().get(query)

    assert response.status_code == 400, response.content
    assert field in error(response)["details"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/api/observations/?status=", "status"),
        ("/api/observations/?is_current=", "is_current"),
        ("/api/plans/?kind=&status=", "kind"),
        ("/api/units/?level=&valid_on=", "level"),
        ("/api/units/?parent=", "parent"),
        ("/api/tasks/?as_of=&state=", "state"),
        ("/api/judgements/?status=", "status"),
        ("/api/scorecards/projects/?year=", "year"),
        ("/api/scorecards/projects/?by=", "by"),
    ],
)
def test_an_empty_value_where_the_schema_names_the_values_is_a_400_naming_it(api, query, field):
    # django-filter would read ``?status=`` as no filter and list everything.
    response = api().get(query)

    assert response.status_code == 400, response.content
    assert field in error(response)["details"]


@pytest.mark.parametrize(
    "query",
    [
        "/api/observations/?indicator=&unit=&period=&breakdown=",  # free text
        "/api/units/?valid_on=",  # a date the schema says may be empty
        "/api/tasks/?as_of=",
    ],
)
def test_an_empty_free_text_or_date_is_no_filter(api, query):
    assert api().get(query).status_code == 200


def test_the_message_follows_the_requests_language(api):
    english = api().get("/api/units/?page_size=0", HTTP_ACCEPT_LANGUAGE="en")
    vietnamese = api().get("/api/units/?page_size=0")

    assert error(english)["message"].startswith("The data sent is not valid: page_size:")
    assert error(vietnamese)["message"].startswith("Dữ liệu gửi lên không hợp lệ: page_size:")


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"state": "approved"}, "state"), ({"agency": "SYT"}, "agency"), ({"version": 7}, "version")],
)
def test_entering_a_figure_with_a_field_it_does_not_choose_names_that_field(
    api, reporter, grdp_growth, province, extra, field
):
    body = {"indicator": "grdp_growth", "unit": "04", "period": "2024", "value": 6.74}

    response = api(reporter).post("/api/observations/", {**body, "source": "Báo cáo", **extra})

    assert response.status_code == 400
    assert list(error(response)["details"]) == [field]
    assert not Observation.objects.exists()


@pytest.mark.parametrize("field", ["source", "period", "comment"])
def test_a_number_where_text_is_asked_names_the_field(api, reporter, grdp_growth, province, field):
    # DRF would take 0 for "0"; the schema says a string.
    body = {"indicator": "grdp_growth", "unit": "04", "period": "2024", "value": 6.74}

    response = api(reporter).post(
        "/api/observations/", {**body, "source": "Báo cáo", field: 2024}, format="json"
    )

    assert response.status_code == 400
    assert list(error(response)["details"]) == [field]
    assert not Observation.objects.exists()


def test_more_than_a_thousand_form_fields_is_a_json_400(api, reporter):
    fields = "&".join(f"f{number}=1" for number in range(1001))

    response = api(reporter).post(
        "/api/observations/approve/", fields, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert error(response)["code"] == "too_many_fields"


def test_a_json_body_nested_ten_thousand_deep_is_a_400(api, reporter):
    body = "[" * 10_000 + "]" * 10_000

    response = api(reporter).post(
        "/api/observations/approve/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert error(response)["code"] == "parse_error"


def test_a_json_integer_of_five_thousand_digits_is_a_400(api, reporter):
    body = '{"ids": [' + "9" * 5000 + "]}"

    response = api(reporter).post(
        "/api/observations/approve/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert error(response)["code"] == "parse_error"


def upload(client, content: bytes, name: str):
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post("/api/imports/", {"file": file}, format="multipart")


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 10_000 + b"]" * 10_000,
        b'{"observations": [{"indicator": "grdp_growth", "value": ' + b"9" * 5000 + b"}]}",
    ],
    ids=["nested", "long-integer"],
)
def test_a_json_file_the_reader_cannot_hold_is_refused_as_invalid_json(api, reporter, content):
    response = upload(api(reporter), content, "so-lieu.json")

    assert response.status_code == 422
    problems = error(response)["details"]["problems"]
    assert [problem["code"] for problem in problems] == ["invalid_json"]


def test_a_breakdown_longer_than_its_column_is_refused_on_every_database(
    api, reporter, grdp_growth, province
):
    rows = [
        {
            "indicator": "grdp_growth",
            "unit": "04",
            "period": "2024",
            "value": 6.74,
            "breakdown": "x" * 101,
            "source": "Báo cáo",
        }
    ]
    content = json.dumps({"observations": rows}).encode()

    response = upload(api(reporter), content, "so-lieu.json")

    assert response.status_code == 422
    (problem,) = error(response)["details"]["problems"]
    assert (problem["code"], problem["column"]) == ("too_long", "breakdown")
    assert not Observation.objects.exists()
