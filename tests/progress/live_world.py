"""A small world for the live re-judging tests: a province, two districts, four communes.

Indicators: ``revenue`` (adds up across units), ``population`` (adds up), ``per_capita``
(``revenue / population``, a formula), ``poverty`` (does not add up). Targets on
``revenue`` for the province and for the first district, on ``per_capita`` for the
province, and on ``poverty`` for the first commune.
"""

from decimal import Decimal

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.vintages import record_observation
from plantrack.plans.choices import Aggregation, Comparator, TargetKind
from plantrack.plans.models import Indicator, Target

SOURCE = "Số liệu thử nghiệm cho kiểm thử đánh giá tức thời"


def build_world(plan, province):
    districts = [
        AdminUnit.objects.create(
            code=f"04{d}", name=f"Huyện {d}", level=UnitLevel.DISTRICT, parent=province
        )
        for d in (1, 2)
    ]
    communes = [
        AdminUnit.objects.create(
            code=f"04{d.code[-1]}{c}", name=f"Xã {d.code}{c}", level=UnitLevel.COMMUNE, parent=d
        )
        for d in districts
        for c in (1, 2)
    ]
    revenue = Indicator.objects.create(code="revenue", name="Thu ngân sách", unit="tỷ đồng")
    population = Indicator.objects.create(code="population", name="Dân số", unit="người")
    per_capita = Indicator.objects.create(
        code="per_capita",
        name="Thu ngân sách bình quân đầu người",
        formula="revenue / population",
        aggregation=Aggregation.FORMULA,
    )
    poverty = Indicator.objects.create(
        code="poverty", name="Tỷ lệ hộ nghèo", aggregation=Aggregation.NONE
    )
    targets = {
        "revenue_province": target(plan, revenue, province, "2500"),
        "revenue_district": target(plan, revenue, districts[0], "1200"),
        "per_capita_province": target(plan, per_capita, province, "0.01"),
        "poverty_commune": target(plan, poverty, communes[0], "5", Comparator.LTE),
    }
    return {
        "province": province,
        "districts": districts,
        "communes": communes,
        "revenue": revenue,
        "population": population,
        "per_capita": per_capita,
        "poverty": poverty,
        "targets": targets,
    }


def target(plan, indicator, unit, value, comparator=Comparator.GTE) -> Target:
    return Target.objects.create(
        plan=plan,
        indicator=indicator,
        scope_unit=unit,
        kind=TargetKind.LEVEL,
        comparator=comparator,
        value=Decimal(value),
        target_year=2030,
        phrase=f"{indicator.name} của {unit.name} đạt {value}",
    )


def publish(indicator, unit, year, value):
    observation, _written = record_observation(
        indicator=indicator,
        unit=unit,
        period=str(year),
        value=Decimal(str(value)),
        status=FigureStatus.OFFICIAL,
        source=SOURCE,
        state=WorkflowState.APPROVED,
    )
    return observation
