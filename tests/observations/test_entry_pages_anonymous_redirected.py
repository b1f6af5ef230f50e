"""Anonymous visitors are sent to log in from every data-entry page, and change nothing;
the navigation offers “Nhập số liệu” to signed-in users only."""

import pytest
from entry_pages_helpers import APPROVALS_URL, ENTER_URL, IMPORT_URL, MINE_URL, edit_url, figure
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import WorkflowState

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(province, grdp_growth):
    return figure(grdp_growth, province, "2024", "5.1", WorkflowState.SUBMITTED)


def pages(observation) -> list[str]:
    return [
        IMPORT_URL,
        MINE_URL,
        ENTER_URL,
        edit_url(observation),
        APPROVALS_URL,
        "/observations/imports/1/",
    ]


def test_every_page_sends_an_anonymous_visitor_to_log_in(client, submitted):
    for url in pages(submitted):
        response = client.get(url)

        assert response.status_code == 302, url
        assert response["Location"] == f"/login/?next={url}"


def test_an_anonymous_post_changes_nothing(client, submitted, tables):
    before = tables()

    for url in pages(submitted):
        response = client.post(url, {"ids": [submitted.pk], "action": "approve"})

        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/")
    assert tables() == before


def test_the_navigation_links_signed_in_users_to_the_upload_page(client, reporter):
    assertNotContains(client.get("/"), f'href="{IMPORT_URL}"')

    client.force_login(reporter)

    assertContains(client.get("/"), f'<a href="{IMPORT_URL}">Nhập số liệu</a>', html=True)


def test_a_signed_in_user_of_no_agency_gets_404_for_the_agency_pages(
    client, django_user_model, submitted
):
    outsider = django_user_model.objects.create_user(username="khach", password="pw-khach")
    client.force_login(outsider)

    assert client.get(IMPORT_URL).status_code == 200
    for url in (MINE_URL, ENTER_URL, edit_url(submitted), APPROVALS_URL):
        assert client.get(url).status_code == 404, url
