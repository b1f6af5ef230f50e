"""The export download: signed-in users only, the figures they may see, 404 for unknown codes."""

import csv
import io

import pytest
from django.urls import include, path, reverse
from openpyxl import load_workbook
from test_export_support import build, publish

from plantrack.observations.choices import WorkflowState
from plantrack.plans.choices import PlanStatus
from plantrack.urls import urlpatterns as project_urlpatterns

# Until plantrack.urls includes the observations URLs, these tests include them themselves.
urlpatterns = [path("observations/", include("plantrack.observations.urls")), *project_urlpatterns]
pytestmark = pytest.mark.urls(__name__)


@pytest.fixture
def setting(province, industry):
    setting = build(province, industry)
    publish(setting.turnover, province, "2024", "946.462")
    publish(setting.growth, province, "2024", "-2.5")
    publish(setting.share, province, "2024", "31", state=WorkflowState.SUBMITTED)
    return setting


def download(client, user, **query):
    client.force_login(user)
    return client.get(reverse("observations:export"), query)


def indicators(response) -> list[str]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return sorted(row["indicator"] for row in csv.DictReader(io.StringIO(text)))


def test_anonymous_visitors_are_sent_to_the_open_data(client, setting):
    response = client.get(reverse("observations:export"), {"format": "xlsx"})

    assert response.status_code == 302
    assert response["Location"] == reverse("observations:open_data") + "?format=xlsx"


def test_a_reporter_gets_their_agencys_work_and_approved_figures(client, setting, reporter):
    response = download(client, reporter)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert indicators(response) == ["growth_industry", "industry_share", "trade_turnover"]


def test_another_agencys_reporter_does_not_get_unapproved_figures(client, setting, other_reporter):
    assert indicators(download(client, other_reporter)) == ["growth_industry", "trade_turnover"]


def test_filter_by_indicator_and_xlsx_format(client, setting, reporter):
    response = download(client, reporter, indicator="trade_turnover", format="xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["trade_turnover"]


def test_unknown_code_and_a_draft_plan_not_yours_are_404_alike(
    client, setting, reporter, planner, master_plan
):
    master_plan.status = PlanStatus.DRAFT
    master_plan.save(update_fields=["status"])

    assert download(client, reporter, indicator="gdp").status_code == 404
    assert download(client, reporter, plan="QH-XX").status_code == 404
    assert download(client, reporter, plan=master_plan.code).status_code == 404
    assert download(client, planner, plan=master_plan.code).status_code == 200


def test_an_unknown_format_is_a_bad_request_that_says_why(client, setting, reporter):
    response = download(client, reporter, format="pdf")

    assert response.status_code == 400
    assert response.content.decode() == ("Định dạng “pdf” không hỗ trợ: dùng csv, xlsx, sdmx-csv.")


def test_the_export_page_query_count_is_fixed(client, setting, reporter, django_assert_num_queries):
    client.force_login(reporter)
    url = reverse("observations:export")
    client.get(url)  # warm up the session

    # the session, the user, their rights (Permissions.of, used by for_user), the figures
    with django_assert_num_queries(4):
        response = client.get(url)
        assert len(indicators(response)) == 3
