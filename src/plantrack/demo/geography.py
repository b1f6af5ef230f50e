"""Two real figures by administrative unit, so the indicator pages' maps have data.

Both are counted from the official unit lists the geo loader has just loaded (the
vietnamadminunits package, which carries the General Statistics Office's list of units and
the 2025 arrangement), never made up:

- the number of communes, wards and towns of each district at the end of 2024, before the
  2025 reform abolished districts (drawn as a choropleth on the districts' boundaries);
- the natural area of each of the 56 communes formed on 1 July 2025 (no boundaries of the
  new communes are shipped, so their page shows a table with each commune's predecessors).
"""

import datetime
from collections import Counter
from decimal import Decimal

from plantrack.accounts.models import Agency
from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import REFORM_DATE, AdminUnit
from plantrack.loading import Outcome, Tally
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.vintages import record_observation
from plantrack.plans.choices import Aggregation, Direction, Frequency, ValueType
from plantrack.plans.models import Indicator

UNIT_LIST_SOURCE = (
    "Danh mục đơn vị hành chính Việt Nam, Tổng cục Thống kê "
    "(https://danhmuchanhchinh.gso.gov.vn/), theo gói vietnamadminunits 1.0.4 (https://pypi.org/project/vietnamadminunits/)"
)
ARRANGEMENT_SOURCE = (
    "Nghị quyết của Ủy ban Thường vụ Quốc hội về việc sắp xếp các đơn vị hành chính cấp xã "
    "của tỉnh Cao Bằng năm 2025, hiệu lực từ 01/07/2025; diện tích theo gói vietnamadminunits "
    "1.0.4 (https://pypi.org/project/vietnamadminunits/)"
)
LEGACY_YEAR_END = datetime.date(2024, 12, 31)
# The indicators this module creates (the demo's tests tell them from the facts').
INDICATOR_CODES = ("commune_units_per_district", "commune_area_2025")


def load_unit_figures(
    province: AdminUnit,
    agencies: dict[str, Agency],
    reason: str,
    indicators: Tally,
    figures: Tally,
) -> None:
    """Create the two indicators and record their figures, approved, with their sources."""
    home_affairs = agencies["SNV"]
    communes = _indicator(
        indicators,
        code="commune_units_per_district",
        name="Số đơn vị hành chính cấp xã của huyện",
        name_en="Communes, wards and towns per district",
        unit="đơn vị",
        decimals=0,
        definition=(
            "Số xã, phường, thị trấn thuộc mỗi huyện, thành phố tại ngày 31/12/2024, trước khi "
            "bỏ cấp huyện ngày 01/07/2025; đếm từ danh mục đơn vị hành chính."
        ),
        source=UNIT_LIST_SOURCE,
        owner=home_affairs,
    )
    area = _indicator(
        indicators,
        code="commune_area_2025",
        name="Diện tích tự nhiên của xã, phường (sau sắp xếp 2025)",
        name_en="Natural area of each commune or ward (after the 2025 arrangement)",
        unit="km²",
        decimals=2,
        definition="Diện tích tự nhiên của từng xã, phường hình thành từ ngày 01/07/2025.",
        source=ARRANGEMENT_SOURCE,
        owner=home_affairs,
    )
    legacy = AdminUnit.objects.filter(level=UnitLevel.COMMUNE, parent__parent=province).valid_on(
        LEGACY_YEAR_END
    )
    per_district = Counter(legacy.values_list("parent_id", flat=True))
    districts = AdminUnit.objects.filter(
        level=UnitLevel.DISTRICT, parent=province, pk__in=per_district
    )
    rows = [
        (
            communes,
            district,
            "2024",
            Decimal(per_district[district.pk]),
            UNIT_LIST_SOURCE,
            LEGACY_YEAR_END,
        )
        for district in districts
    ]
    new_communes = AdminUnit.objects.filter(
        level=UnitLevel.COMMUNE, parent=province, area_km2__isnull=False
    ).valid_on(REFORM_DATE)
    rows += [
        (area, commune, "2025", commune.area_km2, ARRANGEMENT_SOURCE, REFORM_DATE)
        for commune in new_communes
    ]
    for indicator, unit, period, value, source, published_on in rows:
        _observation, created = record_observation(
            indicator=indicator,
            unit=unit,
            period=period,
            value=value,
            status=FigureStatus.OFFICIAL,
            state=WorkflowState.APPROVED,
            agency=None,
            source=source,
            published_on=published_on,
            reason=reason,
        )
        figures.count(Outcome.CREATED if created else Outcome.UNCHANGED)


def _indicator(tally: Tally, *, code: str, **fields) -> Indicator:
    fields["definition"] += (
        f" Cơ quan chủ trì (phân công minh họa): {fields['owner'].name}, cơ quan quản lý "
        "danh mục đơn vị hành chính; không có văn bản công bố phân công chỉ số này."
    )
    fields |= {
        "frequency": Frequency.ANNUAL,
        "value_type": ValueType.NUMBER,
        "direction": Direction.NONE,
        "aggregation": Aggregation.SUM,
        # Sở Nội vụ keeps the unit lists; no published assignment names it for these.
        "owner_is_illustrative": True,
    }
    indicator, created = Indicator.objects.get_or_create(code=code, defaults=fields)
    tally.count(Outcome.CREATED if created else Outcome.UNCHANGED)
    return indicator
