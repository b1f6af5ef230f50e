"""Shared pieces of the data-entry page tests (tests/observations/test_entry_pages_*.py).

The personas come from tests/conftest.py: Phương (planner of Sở Tài chính), Công (reporter
of Sở Công Thương = ``industry``, which owns ``grdp_growth``), An (its approver) and Yến
(reporter of Sở Y tế = ``health``). Here: an indicator Sở Y tế owns, figures in a given
workflow state, and the form posts of the pages. ``csv_file`` and ``tables`` come from
tests/observations/conftest.py.
"""

from decimal import Decimal

from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.models import Observation
from plantrack.observations.vintages import record_observation
from plantrack.plans.choices import Direction
from plantrack.plans.models import Indicator

SOURCE = "Báo cáo tình hình kinh tế - xã hội năm 2024 của UBND tỉnh Cao Bằng"
IMPORT_URL = "/observations/import/"
MINE_URL = "/observations/mine/"
ENTER_URL = "/observations/mine/new/"
APPROVALS_URL = "/observations/approvals/"


def edit_url(observation: Observation) -> str:
    return f"/observations/mine/{observation.pk}/edit/"


def doctors_indicator(health) -> Indicator:
    """Return an indicator Sở Y tế owns: doctors per 10,000 people."""
    return Indicator.objects.create(
        code="doctors_per_10k",
        name="Số bác sĩ trên 1 vạn dân",
        name_en="Doctors per 10,000 people",
        unit="bác sĩ/vạn dân",
        direction=Direction.INCREASE,
        owner=health,
    )


def figure(
    indicator,
    unit,
    period: str,
    value: str,
    state: WorkflowState = WorkflowState.DRAFT,
    *,
    status: FigureStatus = FigureStatus.ESTIMATE,
    source: str = SOURCE,
) -> Observation:
    """Record a figure of the indicator's owner agency in ``state``."""
    observation, _written = record_observation(
        indicator=indicator,
        unit=unit,
        period=period,
        value=Decimal(value),
        status=status,
        source=source,
        state=state,
        agency=indicator.owner,
    )
    return observation


def upload(client, user, content: bytes, name: str = "so-lieu-2024.csv", **fields):
    """Sign ``user`` in and post ``content`` to the upload page as a file named ``name``."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(user)
    data = {"file": SimpleUploadedFile(name, content), "locale": ""} | fields
    return client.post(IMPORT_URL, data)


def states(*observations) -> list[tuple[str, int]]:
    """Return each figure's workflow state and version, as stored now."""
    stored = Observation.objects.in_bulk([o.pk for o in observations])
    return [(stored[o.pk].state, stored[o.pk].version) for o in observations]
