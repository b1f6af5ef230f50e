"""Recording a value checks its period and that the unit existed then."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import REFORM_DATE, AdminUnit
from plantrack.observations.choices import FigureStatus
from plantrack.observations.models import Observation
from plantrack.observations.vintages import record_observation

pytestmark = pytest.mark.django_db


def record(indicator, unit, period):
    return record_observation(
        indicator=indicator,
        unit=unit,
        period=period,
        value=Decimal(1),
        status=FigureStatus.OFFICIAL,
        source="test",
    )


def test_a_post_reform_commune_cannot_report_for_2023(grdp_growth, province):
    commune = AdminUnit.objects.create(
        code="01273",
        name="Phường Thục Phán",
        level=UnitLevel.COMMUNE,
        parent=province,
        valid_from=REFORM_DATE,
    )
    with pytest.raises(ValidationError) as caught:
        record(grdp_growth, commune, "2023")
    assert "không tồn tại trong kỳ 2023" in str(caught.value.message_dict["unit"])
    assert not Observation.objects.exists()
    # 2025 overlaps the commune's life (from 1 July), so it may report for it.
    record(grdp_growth, commune, "2025")


def test_an_abolished_district_cannot_report_after_the_reform(grdp_growth, province):
    district = AdminUnit.objects.create(
        code="040",
        name="Thành phố Cao Bằng",
        level=UnitLevel.DISTRICT,
        parent=province,
        valid_to=datetime.date(2025, 6, 30),
    )
    with pytest.raises(ValidationError):
        record(grdp_growth, district, "2025Q3")
    record(grdp_growth, district, "2025Q2")


def test_a_malformed_period_is_refused_with_the_accepted_forms(grdp_growth, province):
    with pytest.raises(ValidationError, match="2024Q3"):
        record(grdp_growth, province, "Q3/2024")


def test_periods_are_stored_in_canonical_form(grdp_growth, province):
    observation, _ = record(grdp_growth, province, "2024q3")
    assert observation.period == "2024Q3"
