import datetime
from decimal import Decimal

import pytest

from plantrack.observations.choices import FigureStatus, RevisionAction
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


def _vintages():
    return Observation.objects.filter(indicator__code="grdp_growth", period="2023", unit__code="04")


def test_revised_figure_is_current_and_supersedes_the_estimate(demo):
    current = _vintages().get(is_current=True)
    estimate = _vintages().get(is_current=False)

    assert (current.value, current.status) == (Decimal("3.73"), FigureStatus.DERIVED)
    assert (estimate.value, estimate.status) == (Decimal("2.24"), FigureStatus.ESTIMATE)
    assert current.supersedes == estimate


def test_each_vintage_has_the_end_of_its_month_of_publication(demo):
    current = _vintages().get(is_current=True)
    estimate = _vintages().get(is_current=False)

    assert estimate.published_on == datetime.date(2023, 12, 31)
    assert current.published_on == datetime.date(2024, 12, 31)
    assert "ngày cuối của tháng công bố" in current.comment
    assert "ngày cuối của tháng công bố" in estimate.comment


def test_superseded_estimate_keeps_its_revision_history(demo):
    estimate = _vintages().get(is_current=False)

    actions = list(estimate.revisions.values_list("action", flat=True))

    assert actions == [RevisionAction.CREATED, RevisionAction.SUPERSEDED]
