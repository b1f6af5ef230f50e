"""The unit picker of the one-figure form offers the units valid in the chosen period,
grouped (the province, the districts, each district's communes, the communes after the
2025 reform), not every old and new unit mixed; htmx asks for the units as soon as the
period is typed, and without JavaScript a button does."""

import pytest
from entry_pages_helpers import ENTER_URL
from test_export_support import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(province, industry):
    return build(province, industry)


def unit_select(response) -> str:
    html = response.content.decode()
    start = html.index('<select name="unit"')
    return html[start : html.index("</select>", start)]


def test_a_period_before_the_reform_offers_the_old_units_grouped(client, reporter, setting):
    client.force_login(reporter)

    select = unit_select(client.get(ENTER_URL, {"period": "2024"}))

    assert '<optgroup label="Tỉnh/thành phố">' in select
    assert '<optgroup label="Huyện/quận/thị xã/thành phố thuộc tỉnh (đến 30/06/2025)">' in select
    assert "Xã/phường/thị trấn/đặc khu thuộc Thành phố Cao Bằng (đến 30/06/2025)" in select
    assert "Phường Sông Hiến (01273)" in select
    assert "Phường Thục Phán" not in select and "Phường Nùng Trí Cao" not in select


def test_a_period_after_the_reform_offers_the_new_communes_only(client, reporter, setting):
    client.force_login(reporter)

    select = unit_select(client.get(ENTER_URL, {"period": "2026"}))

    assert "Tỉnh Cao Bằng (04)" in select
    assert "Xã/phường/thị trấn/đặc khu (từ 01/07/2025)" in select
    assert "Phường Thục Phán (01273)" in select
    assert "Huyện Bảo Lâm" not in select and "Phường Sông Hiến" not in select


def test_without_a_period_every_unit_is_offered_each_group_saying_when(client, reporter, setting):
    client.force_login(reporter)

    select = unit_select(client.get(ENTER_URL))

    assert select.index("Huyện Bảo Lâm") < select.index("Phường Thục Phán")
    assert "(đến 30/06/2025)" in select and "(từ 01/07/2025)" in select


def test_the_period_field_asks_for_its_units_and_the_page_keeps_what_was_typed(
    client, reporter, setting
):
    client.force_login(reporter)

    response = client.get(
        ENTER_URL, {"period": "2026", "indicator": "trade_turnover", "unit": "01279"}
    )

    html = response.content.decode()
    assert f'hx-get="{ENTER_URL}"' in html and 'hx-select="#id_unit"' in html
    assert 'value="2026"' in html
    assert '<option value="01279" selected>' in html
    assert '<option value="trade_turnover" selected>' in html
    assert 'formmethod="get"' in html  # the same, without JavaScript


def test_a_posted_period_keeps_the_units_of_that_period(client, reporter, setting):
    client.force_login(reporter)

    response = client.post(ENTER_URL, {"indicator": "trade_turnover", "period": "2024"})

    assert response.status_code == 400
    select = unit_select(response)
    assert "Phường Sông Hiến" in select and "Phường Thục Phán" not in select
