"""Lists come in pages: ``page`` and ``page_size``, the size capped so no request reads a
whole table."""

import pytest
from api_helpers import error

from plantrack.api.pagination import PageNumberPagination
from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes(province):
    return AdminUnit.objects.bulk_create(
        AdminUnit(code=f"{1000 + n:05d}", name=f"Xã {n}", level=UnitLevel.COMMUNE, parent=province)
        for n in range(60)
    )


def test_a_list_gives_fifty_rows_a_page_with_links(api, communes):
    first = api().get("/api/units/").json()
    second = api().get(first["next"]).json()

    assert (first["count"], len(first["results"]), first["previous"]) == (61, 50, None)
    assert first["next"].endswith("/api/units/?page=2")
    assert (len(second["results"]), second["next"]) == (11, None)
    seen = [row["id"] for row in first["results"] + second["results"]]
    assert len(set(seen)) == 61


def test_the_page_size_is_chosen_and_capped(api, communes, monkeypatch):
    monkeypatch.setattr(PageNumberPagination, "max_page_size", 20)

    small = api().get("/api/units/?page_size=7").json()
    huge = api().get("/api/units/?page_size=100000").json()

    assert len(small["results"]) == 7
    assert len(huge["results"]) == 20


def test_a_page_past_the_end_is_404(api, communes):
    response = api().get("/api/units/?page=9")

    assert response.status_code == 404
    assert error(response)["code"] == "not_found"
