"""An indicator's figures by district or commune for one year: a map, or a table saying why not.

The year chooses the geography (units are temporal): figures of a year before the 2025
reform sit on the districts and old communes, later ones on the new communes. Where every
unit of the year's figures has a boundary, the page draws a choropleth from the stored
GeoJSON (no tile server). Where some have none (the communes formed on 1 July 2025 have no
shipped boundaries), it shows a table instead, each unit with the old units it was formed
from, and says why there is no map.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.translation import gettext

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit, UnitSuccession
from plantrack.observations.models import Observation
from plantrack.tabular.formatting import unit_text

# Levels below the province a map may show, finest last.
_LEVELS = (UnitLevel.DISTRICT, UnitLevel.COMMUNE)


@dataclass
class MapArea:
    """One unit of the map: its figure for the year, and the old units it came from."""

    unit: AdminUnit
    observation: Observation | None
    formed_from: list[AdminUnit] = field(default_factory=list)


@dataclass
class IndicatorMap:
    """An indicator's figures by unit for one year (``drawn``: as a choropleth)."""

    year: int
    years: list[int]
    level: str
    areas: list[MapArea]
    drawn: bool
    reason: str

    @cached_property
    def common_source(self) -> str:
        """The one source of every figure on the map, or "" when they differ (a column)."""
        sources = {area.observation.source for area in self.areas if area.observation}
        return sources.pop() if len(sources) == 1 else ""

    @property
    def level_label(self) -> str:
        return str(UnitLevel(self.level).label)

    def data(self, unit: str) -> dict[str, Any]:
        """Return the choropleth's data (json_script): the same figures as the table."""
        features = [
            {
                "type": "Feature",
                "properties": {"name": area.unit.name, "code": area.unit.code},
                "geometry": area.unit.geometry,
            }
            for area in self.areas
        ]
        return {
            "kind": "choropleth",
            "map": f"units-{self.level}-{self.year}",
            "unit": unit_text(unit),
            "geojson": {"type": "FeatureCollection", "features": features},
            "values": [
                {
                    "name": area.unit.name,
                    "value": float(area.observation.value) if area.observation else None,
                }
                for area in self.areas
            ],
            "labels": {"no_data": gettext("Chưa có số liệu"), "year": str(self.year)},
        }


# The levels a map may show, as the figures' query names them.
MAP_LEVELS = tuple(str(level) for level in _LEVELS)


def sub_provincial_years(indicator, user) -> list[int]:
    """Return the years with a yearly total figure of ``indicator`` below the province that
    ``user`` may see, oldest first (one query)."""
    periods = (
        Observation.objects.for_user(user)
        .filter(indicator=indicator, unit__level__in=MAP_LEVELS, breakdown="")
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted({int(period) for period in periods if len(period) == 4 and period.isdigit()})


def map_year(years: list[int], asked: int | None) -> int | None:
    """Return the year a map shows: the one asked for when it has figures, else the latest
    (None when no year has figures below the province)."""
    if not years:
        return None
    return asked if asked in years else years[-1]


def indicator_map(series, year: int, years: list[int]) -> IndicatorMap | None:
    """Return the map of the figures in ``series`` (``web.services.indicator_series``, those
    below the province) for ``year``, one of ``years`` (``sub_provincial_years``); None when
    ``series`` holds no yearly total of that year below the province."""
    period = str(year)
    figures: dict[str, dict[int, tuple[AdminUnit, Observation]]] = {level: {} for level in _LEVELS}
    for unit_series in series:
        unit = unit_series.unit
        if unit.level not in _LEVELS:
            continue
        for group in unit_series.periods:
            if group.period != period or group.breakdown:
                continue
            current = next((obs for obs in group.vintages if obs.is_current), None)
            if current is not None:
                figures[unit.level][unit.pk] = (unit, current)
    # The coarsest level with figures that year is the map's (districts before communes).
    level = next((level for level in _LEVELS if figures[level]), None)
    if level is None:
        return None
    found = figures[level]
    units = [unit for unit, _observation in found.values()]
    drawn = all(unit.geometry for unit in units)
    if drawn:
        # Every unit of that level and time with a boundary, so a unit without a figure
        # shows as such instead of a hole in the map.
        day = min(
            (unit.valid_to for unit in units if unit.valid_to),
            default=datetime.date(year, 12, 31),
        )
        others = (
            AdminUnit.objects.filter(level=level, geometry__isnull=False)
            .exclude(pk__in=found)
            .valid_on(day)
        )
        parents = {unit.parent_id for unit in units}
        units += [unit for unit in others if unit.parent_id in parents]
    formed_from = {} if drawn else _predecessors(units)
    areas = [
        MapArea(
            unit=unit,
            observation=found[unit.pk][1] if unit.pk in found else None,
            formed_from=formed_from.get(unit.pk, []),
        )
        for unit in sorted(units, key=lambda unit: unit.name)
    ]
    reason = ""
    if not drawn:
        reason = gettext(
            "Chưa có ranh giới của các đơn vị này (các xã, phường hình thành từ 01/07/2025 chưa "
            "có bản đồ ranh giới được công bố để sử dụng), nên số liệu được trình bày bằng bảng, "
            "kèm các đơn vị cũ hợp thành mỗi đơn vị."
        )
    return IndicatorMap(year, years, level, areas, drawn, reason)


def _predecessors(units: list[AdminUnit]) -> dict[int, list[AdminUnit]]:
    links = (
        UnitSuccession.objects.filter(successor__in=units)
        .select_related("predecessor")
        .order_by("predecessor__name")
    )
    found: dict[int, list[AdminUnit]] = {}
    for link in links:
        found.setdefault(link.successor_id, []).append(link.predecessor)
    return found
