"""A reporter does not approve: the approvals page is 404 to it, a forged approval changes
nothing, and “approve at once” on the upload is neither offered nor obeyed."""

import pytest
from entry_pages_helpers import APPROVALS_URL, IMPORT_URL, SOURCE, figure, states, upload
from pytest_django.asserts import assertNotContains

from plantrack.observations.choices import WorkflowState
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


def test_the_approvals_page_is_404_for_a_reporter(client, reporter, province, grdp_growth):
    client.force_login(reporter)

    assert client.get(APPROVALS_URL).status_code == 404
    assertNotContains(client.get(IMPORT_URL), f'href="{APPROVALS_URL}"')


def test_a_reporters_forged_approval_changes_nothing(
    client, reporter, province, grdp_growth, tables
):
    submitted = figure(grdp_growth, province, "2024", "5.1", WorkflowState.SUBMITTED)
    client.force_login(reporter)
    before = tables()

    approve = client.post(APPROVALS_URL, {"ids": [submitted.pk], "action": "approve"})
    reject = client.post(
        APPROVALS_URL, {"ids": [submitted.pk], "action": "reject", "note": "Sai số"}
    )

    assert (approve.status_code, reject.status_code) == (404, 404)
    assert tables() == before
    assert states(submitted) == [(WorkflowState.SUBMITTED, 1)]


def test_a_forged_approve_at_once_on_the_upload_is_ignored(
    client, reporter, industry, province, grdp_growth, csv_file
):
    content = csv_file([("grdp_growth", "04", "2024", "5,1", "", SOURCE, "")])

    response = upload(client, reporter, content, agency=industry.pk, approve="on")

    assert response.status_code == 200
    assert Observation.objects.get().state == WorkflowState.SUBMITTED


def test_a_viewer_sees_its_agencys_drafts_but_cannot_submit_them(
    client, django_user_model, industry, province, grdp_growth
):
    from plantrack.accounts.choices import Role
    from plantrack.accounts.models import Membership

    viewer = django_user_model.objects.create_user(username="van", password="pw-van")
    Membership.objects.create(user=viewer, agency=industry, role=Role.VIEWER)
    draft = figure(grdp_growth, province, "2024", "5.1")
    client.force_login(viewer)

    page = client.get("/observations/mine/")
    submitted = client.post("/observations/mine/", {"ids": [draft.pk]})

    assert page.status_code == 200
    assertNotContains(page, 'name="ids"')
    assert submitted.status_code == 403
    assert states(draft) == [(WorkflowState.DRAFT, 1)]
