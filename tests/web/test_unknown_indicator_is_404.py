"""An unknown indicator code answers 404."""

import pytest

pytestmark = pytest.mark.django_db


def test_unknown_indicator_code_gives_404(client, grdp_growth):
    assert client.get("/indicators/khong_co/").status_code == 404


def test_known_indicator_code_gives_the_page(client, grdp_growth):
    assert client.get("/indicators/grdp_growth/").status_code == 200
