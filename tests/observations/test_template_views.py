"""The template download: members of the agency and planners; others get 404."""

import io

import pytest
from django.urls import include, path, reverse
from openpyxl import load_workbook
from test_export_support import build, publish

from plantrack.observations.choices import WorkflowState
from plantrack.observations.importing import DATA_SHEET, META_SHEET
from plantrack.urls import urlpatterns as project_urlpatterns

# Until plantrack.urls includes the observations URLs, these tests include them themselves.
urlpatterns = [path("observations/", include("plantrack.observations.urls")), *project_urlpatterns]
pytestmark = pytest.mark.urls(__name__)


@pytest.fixture
def setting(province, industry):
    return build(province, industry)


def download(client, user, **query):
    client.force_login(user)
    return client.get(reverse("observations:template"), query)


def workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_anonymous_visitors_are_sent_to_log_in(client, setting):
    response = client.get(reverse("observations:template"), {"agency": "SCT", "period": "2025"})

    assert response.status_code == 302


def test_the_agencys_reporter_downloads_its_template(client, setting, reporter):
    response = download(client, reporter, agency="SCT", period="2025")

    assert response.status_code == 200
    assert 'filename="bieu-mau-SCT-2025.xlsx"' in response["Content-Disposition"]
    meta = dict(workbook(response)[META_SHEET].iter_rows(values_only=True))
    assert (meta["agency"], meta["period"], meta["locale"]) == ("SCT", "2025", "vi")


def test_another_agencys_reporter_gets_404_as_for_an_unknown_agency(
    client, setting, other_reporter
):
    assert download(client, other_reporter, agency="SCT", period="2025").status_code == 404
    assert download(client, other_reporter, agency="SXX", period="2025").status_code == 404


def test_a_planner_downloads_any_agencys_template(client, setting, planner):
    assert download(client, planner, agency="SCT", period="2025").status_code == 200


def test_a_bad_period_is_a_bad_request_that_says_why(client, setting, reporter):
    response = download(client, reporter, agency="SCT", period="2025-13")

    assert response.status_code == 400
    assert "Tháng không hợp lệ" in response.content.decode()


def test_the_agencys_reporter_sees_its_own_submitted_figures_as_previous_values(
    client, setting, reporter
):
    publish(setting.turnover, setting.province, "2024", "946.462")
    publish(setting.share, setting.province, "2024", "31", state=WorkflowState.SUBMITTED)

    sheet = workbook(download(client, reporter, agency="SCT", period="2025"))[DATA_SHEET]

    # The agency's own reporter sees its submitted share too; each sits left of its input.
    values = {row[0]: row[7] for row in sheet.iter_rows(min_row=7, values_only=True)}
    assert values["trade_turnover"] == pytest.approx(946.462)
    assert values["industry_share"] == 31
