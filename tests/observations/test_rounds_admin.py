"""The admin shows a round with its owed figures; a closed round, the agencies' on-time
record, cannot be deleted."""

import datetime

import pytest
from django.urls import reverse
from rounds_helpers import open_year_round

from plantrack.observations.rounds import close_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_round(planner, province, industry, grdp_growth):
    return open_year_round(planner, [(industry, [grdp_growth])])


def test_a_rounds_admin_page_lists_its_owed_figures(admin_client, year_round):
    response = admin_client.get(
        reverse("admin:observations_reportinground_change", args=[year_round.pk])
    )

    assert response.status_code == 200
    assert "Tốc độ tăng trưởng GRDP (giá so sánh)" in response.content.decode()


def test_an_open_round_can_be_deleted_a_closed_one_cannot(admin_client, planner, year_round):
    delete = reverse("admin:observations_reportinground_delete", args=[year_round.pk])
    assert admin_client.get(delete).status_code == 200

    close_round(year_round, user=planner, as_of=datetime.date(2025, 12, 20))

    assert admin_client.get(delete).status_code == 403


def test_owed_figures_list_in_the_admin(admin_client, year_round):
    response = admin_client.get(reverse("admin:observations_roundobligation_changelist"))

    assert response.status_code == 200
