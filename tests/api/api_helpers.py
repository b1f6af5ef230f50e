"""Helpers of the API tests: record a figure, read a list or an error."""

from decimal import Decimal

from plantrack.observations.choices import FigureStatus
from plantrack.observations.vintages import record_observation

SOURCE = "http://thongkecaobang.gso.gov.vn/bao-cao-tinh-hinh-kinh-te-xa-hoi-nam-2024"


def figure(indicator, unit, period, value, state, *, agency=None, status=FigureStatus.ESTIMATE):
    observation, _written = record_observation(
        indicator=indicator,
        unit=unit,
        period=period,
        value=Decimal(value),
        status=status,
        source=SOURCE,
        state=state,
        agency=agency if agency is not None else indicator.owner,
    )
    return observation


def results(response) -> list[dict]:
    """Return the rows of a paginated list response."""
    assert response.status_code == 200, response.content
    return response.json()["results"]


def error(response) -> dict:
    """Return the error body of a response: {"code", "message", "details"}."""
    return response.json()["error"]
