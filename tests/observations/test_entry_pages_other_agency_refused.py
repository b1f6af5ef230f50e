"""A reporter cannot put figures of another agency's indicator through the web: not by
file, not for another agency, not by the one-figure form, not by editing or submitting."""

import pytest
from entry_pages_helpers import (
    ENTER_URL,
    MINE_URL,
    SOURCE,
    doctors_indicator,
    edit_url,
    figure,
    states,
    upload,
)
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import WorkflowState

pytestmark = pytest.mark.django_db


@pytest.fixture
def doctors(health):
    return doctors_indicator(health)


def test_a_file_with_another_agencys_indicator_is_refused_whole(
    client, reporter, industry, province, grdp_growth, doctors, csv_file, tables
):
    before = tables()
    content = csv_file(
        [
            ("grdp_growth", "04", "2024", "5,1", "", SOURCE, ""),
            ("doctors_per_10k", "04", "2024", "11,2", "", SOURCE, ""),
        ]
    )

    response = upload(client, reporter, content, agency=industry.pk)

    assert response.status_code == 422
    assert tables() == before
    assertContains(
        response,
        "Bạn không được báo cáo chỉ số doctors_per_10k cho Tỉnh Cao Bằng (04): chỉ số này "
        "thuộc Sở Y tế.",
        status_code=422,
    )


def test_a_reporter_cannot_import_on_behalf_of_another_agency(
    client, reporter, health, province, grdp_growth, csv_file, tables
):
    before = tables()
    content = csv_file([("grdp_growth", "04", "2024", "5,1", "", SOURCE, "")])

    response = upload(client, reporter, content, agency=health.pk)

    assert response.status_code == 400
    assert tables() == before
    assertNotContains(response, "Sở Y tế</option>", status_code=400)


def test_the_entry_form_offers_only_the_agencys_indicators(
    client, reporter, province, grdp_growth, doctors
):
    client.force_login(reporter)

    response = client.get(ENTER_URL)

    assertContains(response, '<option value="grdp_growth">')
    assertNotContains(response, "doctors_per_10k")


def test_a_forged_indicator_in_the_entry_form_writes_nothing(
    client, reporter, province, grdp_growth, doctors, tables
):
    client.force_login(reporter)
    before = tables()

    response = client.post(
        ENTER_URL,
        {
            "indicator": "doctors_per_10k",
            "unit": "04",
            "period": "2024",
            "value": "11,2",
            "status": "estimate",
            "source": SOURCE,
        },
    )

    assert response.status_code == 400
    assert tables() == before


def test_another_agencys_draft_cannot_be_edited_or_submitted(
    client, other_reporter, province, grdp_growth, tables
):
    draft = figure(grdp_growth, province, "2024", "5.1")
    client.force_login(other_reporter)
    before = tables()

    edit_page = client.get(edit_url(draft))
    edited = client.post(
        edit_url(draft), {"version": draft.version, "value": "9", "status": "estimate"}
    )
    submitted = client.post(MINE_URL, {"ids": [draft.pk]})

    assert (edit_page.status_code, edited.status_code, submitted.status_code) == (404, 404, 404)
    assert tables() == before
    assertNotContains(client.get(MINE_URL), "grdp_growth")


def test_a_published_figure_of_another_agency_is_seen_but_not_touched(
    client, other_reporter, province, grdp_growth, tables
):
    approved = figure(grdp_growth, province, "2024", "5.1", WorkflowState.APPROVED)
    client.force_login(other_reporter)
    before = tables()

    edit_page = client.get(edit_url(approved))
    edited = client.post(
        edit_url(approved),
        {"version": approved.version, "value": "9", "status": "estimate", "source": SOURCE},
    )
    submitted = client.post(MINE_URL, {"ids": [approved.pk]})

    assertContains(edit_page, "Bạn không được sửa số liệu này")
    assertNotContains(edit_page, 'name="value"')
    assert edited.status_code == 403
    assertContains(
        submitted,
        "Bạn không được báo cáo chỉ số grdp_growth cho Tỉnh Cao Bằng (04)",
        status_code=403,
    )
    assert tables() == before
    assert states(approved) == [(WorkflowState.APPROVED, 1)]
