"""The indicator page runs the same number of queries whatever the number of figures."""

import pytest

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit

pytestmark = pytest.mark.django_db

# The indicator (with its owner), its targets, their judgements, the units with figures; the
# figures of the units shown and their agencies; the years with figures below the province.
ANONYMOUS_QUERIES = 7
# With figures below the province, the map reads its year's figures, their units and
# agencies, and one more: the other units of the map, or the old units each new one was
# formed from.
WITH_MAP_QUERIES = ANONYMOUS_QUERIES + 4


def test_indicator_query_count_is_the_same_for_one_figure_and_for_many(
    client, growth_target, grdp_growth, province, publish, django_assert_num_queries
):
    publish(grdp_growth, province, "2020", "4.76")
    with django_assert_num_queries(ANONYMOUS_QUERIES):
        client.get("/indicators/grdp_growth/")

    def add_districts(codes):
        for code in codes:
            district = AdminUnit.objects.create(
                code=code, name=f"Huyện {code}", level=UnitLevel.DISTRICT, parent=province
            )
            for year in range(2020, 2025):
                publish(grdp_growth, district, str(year), "5.5")
                publish(grdp_growth, district, str(year), "5.75")  # a revised vintage

    add_districts(["040"])
    with django_assert_num_queries(WITH_MAP_QUERIES):
        client.get("/indicators/grdp_growth/")
    add_districts(["042", "043"])
    with django_assert_num_queries(WITH_MAP_QUERIES):
        response = client.get("/indicators/grdp_growth/")
    assert response.content.decode().count('<tr class="superseded">') == 15
