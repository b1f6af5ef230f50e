"""Shared pieces of the data-entry grid tests (tests/observations/test_grid_*.py).

The personas come from tests/conftest.py: Phương (planner), Công (reporter of Sở Công
Thương, ``industry``, which owns ``grdp_growth``), An (its approver), Yến (reporter of Sở Y
tế). ``open_grid_round`` opens a yearly round through the rounds service asking the
industry department for ``grdp_growth`` (and any other indicators) for the province.
"""

import datetime

from django.utils import timezone

from plantrack.observations.models import RoundObligation
from plantrack.observations.rounds import Owed, open_round

SOURCE = "Báo cáo tình hình kinh tế - xã hội năm 2025 của UBND tỉnh Cao Bằng"
HTMX = {"HTTP_HX_REQUEST": "true"}


def grid_url(agency) -> str:
    return f"/observations/grid/{agency.code}/"


def review_url(agency) -> str:
    return f"/observations/grid/{agency.code}/review/"


def open_grid_round(planner, agency, indicators, *, period="2025", deadline=None, units=()):
    """Open a round (open now: the deadline is a month ahead unless given)."""
    return open_round(
        title=f"Số liệu năm {period}",
        period=period,
        deadline=deadline or timezone.localdate() + datetime.timedelta(days=30),
        owed=[Owed(agency=agency, indicators=indicators, units=units)],
        user=planner,
    )


def cell_key(reporting_round, indicator, unit) -> int:
    """Return the id the grid names a cell's fields by: its owed figure's."""
    return RoundObligation.objects.get(round=reporting_round, indicator=indicator, unit=unit).pk


def cell_post(key: int, typed: str, *, was: str = "", version: str = "", **fields) -> dict:
    """Return the post of one cell saved by htmx (``save`` names the cell)."""
    return {
        "save": str(key),
        f"cell-{key}": typed,
        f"was-{key}": was,
        f"version-{key}": version,
        "status": "estimate",
        "source": SOURCE,
    } | fields
