"""POST /api/imports/ runs a file through the one importer and answers with its report:
201 when written, 200 for a clean dry run, 422 with row-level problems when refused."""

import json

import pytest
from api_helpers import error
from django.core.files.uploadedfile import SimpleUploadedFile

from plantrack.observations.models import ImportBatch, Observation

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "indicator,unit,period,value,status,source\n"
    'grdp_growth,04,2022,"5,5",ước,Báo cáo KT-XH năm 2022 của UBND tỉnh Cao Bằng\n'
    'grdp_growth,04,2024,"6,74",sơ bộ,Báo cáo KT-XH năm 2024 của UBND tỉnh Cao Bằng\n'
)
BAD_CSV = (
    "indicator,unit,period,value\n"
    'grdp_growth,04,2022,"4,1"\n'
    'grdp_growth,99,2023,"3,73"\n'
    'grdp_growth,04,2024Q5,"6,74"\n'
)


def upload(client, content: str, name="so-lieu-2024.csv", **fields):
    file = SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")
    return client.post("/api/imports/", {"file": file, **fields}, format="multipart")


def test_a_good_file_is_written_and_reported(api, reporter, grdp_growth, province):
    response = upload(api(reporter), GOOD_CSV)

    assert response.status_code == 201, response.content
    report = response.json()
    assert (report["rows"], report["created"], report["changed"], report["unchanged"]) == (
        2,
        2,
        0,
        0,
    )
    assert (report["written"], report["format"], report["layout"]) == (True, "csv", "long")
    batch = ImportBatch.objects.get(pk=report["batch"])
    assert (batch.user, batch.agency.code, batch.file_name) == (
        reporter,
        "SCT",
        "so-lieu-2024.csv",
    )
    states = set(Observation.objects.values_list("state", flat=True))
    assert states == {"submitted"}


def test_importing_the_same_file_again_changes_nothing(api, reporter, grdp_growth, province):
    upload(api(reporter), GOOD_CSV)

    again = upload(api(reporter), GOOD_CSV)

    assert again.status_code == 201
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 2)
    assert Observation.objects.count() == 2


def test_a_bad_file_is_refused_with_its_rows_problems(api, reporter, grdp_growth, province):
    response = upload(api(reporter), BAD_CSV)

    assert response.status_code == 422
    body = error(response)
    assert body["code"] == "import_refused"
    assert "so-lieu-2024.csv" in body["message"]
    report = body["details"]
    assert report["written"] is False
    problems = [(p["row"], p["column"], p["value"], p["code"]) for p in report["problems"]]
    assert problems == [
        (3, "unit", "99", "unknown_unit"),
        (4, "period", "2024Q5", "invalid_period"),
    ]
    assert all(p["file"] == "so-lieu-2024.csv" and p["message"] for p in report["problems"])
    assert not Observation.objects.exists()
    assert not ImportBatch.objects.exists()


def test_a_dry_run_reports_without_writing(api, reporter, grdp_growth, province):
    response = upload(api(reporter), GOOD_CSV, dry_run="true")

    assert response.status_code == 200
    report = response.json()
    assert (report["dry_run"], report["written"], report["created"]) == (True, False, 2)
    assert not Observation.objects.exists()


def test_a_json_file_is_imported_too(api, reporter, grdp_growth, province):
    content = json.dumps(
        {
            "observations": [
                {"indicator": "grdp_growth", "unit": "04", "period": "2024", "value": 6.74}
            ]
        }
    )

    response = upload(api(reporter), content, name="so-lieu.json")

    assert response.status_code == 201, response.content
    assert response.json()["format"] == "json"


def test_only_an_approver_imports_approved_figures(api, reporter, approver, grdp_growth, province):
    refused = upload(api(reporter), GOOD_CSV, approve="true")
    approved = upload(api(approver), GOOD_CSV, approve="true")

    assert refused.status_code == 422
    assert {p["code"] for p in error(refused)["details"]["problems"]} == {"not_permitted"}
    # The approver may approve but not report: the rows are refused for reporting.
    assert approved.status_code == 422


def test_an_import_is_recorded_only_for_the_users_own_agency(
    api, reporter, health, grdp_growth, province
):
    theirs = upload(api(reporter), GOOD_CSV, agency="SYT")
    unknown = upload(api(reporter), GOOD_CSV, agency="KHONG-CO")

    assert theirs.status_code == 422
    problem = error(theirs)["details"]["problems"][0]
    assert (problem["code"], problem["value"]) == ("not_permitted", "SYT")
    assert unknown.status_code == 400
    assert set(error(unknown)["details"]) == {"agency"}
    assert not Observation.objects.exists()


def test_a_request_without_a_file_is_a_validation_error(api, reporter):
    response = api(reporter).post("/api/imports/", {}, format="multipart")

    assert response.status_code == 400
    assert set(error(response)["details"]) == {"file"}
