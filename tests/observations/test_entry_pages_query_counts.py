"""The data-entry pages run the same number of queries for one figure and for many."""

import pytest
from entry_pages_helpers import (
    APPROVALS_URL,
    IMPORT_URL,
    MINE_URL,
    SOURCE,
    doctors_indicator,
    figure,
    upload,
)

from plantrack.observations.choices import WorkflowState
from plantrack.observations.models import ImportBatch
from plantrack.plans.models import Indicator

pytestmark = pytest.mark.django_db

# Every signed-in page: the session, the user, and the user's rights (memberships with
# roles: ``Permissions.of``, once per request, shared by the navigation and ``for_user``).
PAGE = 3
# ``for_user`` asks nothing more: it reads the rights already on the user.
FOR_USER_PLANNER = 0
FOR_USER_MEMBER = 0
# A list page: its figures counted (for the pages) and read with their indicator, unit and
# agency (and, for approvals, the approved value beside in the same query).
LIST = 2
# The upload page: the agencies (read once for the form and the template download), the
# recent import records with their user and agency.
UPLOAD = 2
# An import record: the record with its user and agency, the figures it created.
RECORD = 2


def many_figures(province, owner, state, count=12):
    """Record ``count`` figures of new indicators ``owner`` owns, in ``state``."""
    for number in range(count // 3):
        indicator = Indicator.objects.create(
            code=f"chi_so_{owner.code}_{state}_{number}", name=f"Chỉ số {number}", owner=owner
        )
        for period in ("2022", "2023", "2024"):
            figure(indicator, province, period, str(number + 1), state)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("reporter", PAGE + FOR_USER_MEMBER + LIST), ("planner", PAGE + FOR_USER_PLANNER + LIST)],
)
def test_the_agencys_figures_page_queries_do_not_grow(
    request, client, persona, expected, industry, province, grdp_growth, django_assert_num_queries
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    figure(grdp_growth, province, "2024", "5.1")
    with django_assert_num_queries(expected):
        assert client.get(MINE_URL).status_code == 200

    many_figures(province, industry, WorkflowState.DRAFT)
    many_figures(province, industry, WorkflowState.REJECTED)
    many_figures(province, industry, WorkflowState.SUBMITTED)
    with django_assert_num_queries(expected):
        response = client.get(MINE_URL)
    assert response.content.decode().count('name="ids"') == 25


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("approver", PAGE + FOR_USER_MEMBER + LIST), ("planner", PAGE + FOR_USER_PLANNER + LIST)],
)
def test_the_approvals_page_queries_do_not_grow(
    request,
    client,
    persona,
    expected,
    industry,
    health,
    province,
    grdp_growth,
    django_assert_num_queries,
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    figure(grdp_growth, province, "2024", "5.1", WorkflowState.SUBMITTED)
    with django_assert_num_queries(expected):
        assert client.get(APPROVALS_URL).status_code == 200

    # Pending vintages beside approved figures, and another agency's submissions.
    many_figures(province, industry, WorkflowState.APPROVED)
    many_figures(province, industry, WorkflowState.SUBMITTED)
    figure(doctors_indicator(health), province, "2024", "11.2", WorkflowState.SUBMITTED)
    with django_assert_num_queries(expected):
        response = client.get(APPROVALS_URL)
    assert response.content.decode().count('name="ids"') == (13 if persona == "approver" else 14)


def test_the_upload_page_and_import_record_queries_do_not_grow(
    client, reporter, industry, province, grdp_growth, csv_file, django_assert_num_queries
):
    one = csv_file([("grdp_growth", "04", "2024", "5,1", "", SOURCE, "")])
    upload(client, reporter, one, agency=industry.pk)
    first = ImportBatch.objects.get()
    expected_upload = PAGE + FOR_USER_MEMBER + UPLOAD
    expected_record = PAGE + FOR_USER_MEMBER + RECORD
    with django_assert_num_queries(expected_upload):
        assert client.get(IMPORT_URL).status_code == 200
    with django_assert_num_queries(expected_record):
        assert client.get(f"/observations/imports/{first.pk}/").status_code == 200

    for number in range(4):
        indicator = Indicator.objects.create(
            code=f"chi_so_{number}", name=f"Chỉ số {number}", owner=industry
        )
        rows = [
            (indicator.code, "04", str(year), "5", "", SOURCE, "") for year in range(2015, 2025)
        ]
        upload(client, reporter, csv_file(rows), name=f"tep-{number}.csv", agency=industry.pk)
    last = ImportBatch.objects.order_by("pk").last()
    with django_assert_num_queries(expected_upload):
        assert client.get(IMPORT_URL).status_code == 200
    with django_assert_num_queries(expected_record):
        response = client.get(f"/observations/imports/{last.pk}/")
    assert response.content.decode().count("<code>chi_so_3</code>") == 10
