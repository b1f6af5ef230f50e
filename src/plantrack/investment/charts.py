"""The data of a project page's charts: capital by year and by source, and the project's map.

Amounts are stored in đồng; the charts draw them in tỷ đồng (billions), the unit Vietnamese
reports use, and the tables beside them keep đồng. A figure that is not published stays
``None`` (a gap in the chart, "chưa công bố" in the table), never 0.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.investment.models import Project

BILLION = Decimal(1_000_000_000)


def _billions(amount: Decimal | None) -> float | None:
    return None if amount is None else float(amount / BILLION)


def capital_by_year(project: Project) -> dict | None:
    """Return the yearly capital chart's data, or None when no year has a figure.

    Uses ``project.finances`` (prefetched by the view, in year order).
    """
    finances = list(project.finances.all())
    if not any(
        value is not None for f in finances for value in (f.planned, f.allocated, f.disbursed)
    ):
        return None
    return {
        "unit": _("tỷ đồng"),
        "categories": [str(f.year) for f in finances],
        "series": [
            {
                "key": "planned",
                "name": _("Kế hoạch vốn"),
                "values": [_billions(f.planned) for f in finances],
            },
            {
                "key": "allocated",
                "name": _("Vốn đã giao"),
                "values": [_billions(f.allocated) for f in finances],
            },
            {
                "key": "disbursed",
                "name": _("Đã giải ngân"),
                "values": [_billions(f.disbursed) for f in finances],
            },
        ],
    }


def capital_by_source(project: Project) -> dict | None:
    """Return the capital-by-source chart's data, or None when no source has an amount."""
    sources = [s for s in project.capital_sources.all() if s.amount is not None]
    if not sources:
        return None
    return {
        "unit": _("tỷ đồng"),
        "categories": [str(s.get_kind_display()) for s in sources],
        "series": [
            {
                "key": "amount",
                "name": _("Số vốn theo nguồn"),
                "values": [_billions(s.amount) for s in sources],
            }
        ],
    }


def project_map(project: Project) -> dict:
    """Return what the project's map can show: the districts to draw and those where the
    project lies, and the locations that cannot be drawn, each with the reason.

    A location is drawn on its district's boundary: the unit itself when it is a district
    with a boundary, its district when it is a commune of the old (before 1 July 2025)
    layout. The communes and wards formed on 1 July 2025 have no shipped boundary and no
    district, so they are listed instead of drawn (an empty map would say nothing).
    Uses ``project.locations`` with ``unit__parent`` (prefetched by the view).
    """
    drawn: dict[str, str] = {}
    undrawn = []
    province_ids = set()
    for location in project.locations.all():
        unit = location.unit
        district = unit if unit.level == UnitLevel.DISTRICT else None
        if (
            unit.level == UnitLevel.COMMUNE
            and unit.parent
            and unit.parent.level == UnitLevel.DISTRICT
        ):
            district = unit.parent
        if district is not None and district.geometry:
            drawn[district.code] = district.name
            province_ids.add(district.parent_id)
            continue
        if unit.level == UnitLevel.PROVINCE:
            reason = _("cả tỉnh: không có một địa bàn riêng để tô trên bản đồ")
        elif district is None:
            reason = _(
                "đơn vị từ ngày 1/7/2025 (không còn cấp huyện): chưa có ranh giới xã mới để vẽ"
            )
        else:
            reason = _("chưa có ranh giới của huyện này")
        undrawn.append({"unit": unit, "reason": reason})
    features = []
    if drawn:
        districts = AdminUnit.objects.filter(
            level=UnitLevel.DISTRICT, parent_id__in=province_ids, geometry__isnull=False
        ).order_by("code")
        for district in districts:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": district.code, "label": district.name},
                    "geometry": district.geometry,
                }
            )
    return {
        "chart": {
            "geojson": {"type": "FeatureCollection", "features": features},
            "located": sorted(drawn),
            "labels": {"located": _("Địa bàn dự án"), "other": _("Huyện khác")},
        }
        if features
        else None,
        "drawn": sorted(drawn.items()),
        "undrawn": undrawn,
    }
