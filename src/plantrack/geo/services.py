"""Load administrative units and their 2025 succession, and attach boundaries.

The units and the old→new mapping come from the ``vietnamadminunits`` package (MIT), which
carries all 63 provinces before 1 July 2025 and the 34 after, with every old commune's new
commune. Loading is idempotent: a second run changes nothing.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import metadata, resources
from pathlib import Path

from django.db import transaction
from vietnamadminunits.database import query as vau_query

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import REFORM_DATE, AdminUnit, UnitSuccession
from plantrack.loading import Outcome, Tally

LAST_LEGACY_DAY = REFORM_DATE - datetime.timedelta(days=1)


class UnitLoadError(ValueError):
    """The source data cannot be loaded as asked (unknown province, unmapped commune)."""


@dataclass
class UnitLoadReport:
    """What a load wrote: counts per kind of unit and for the successions."""

    province_code: str
    provinces: Tally = field(default_factory=Tally)
    legacy_districts: Tally = field(default_factory=Tally)
    legacy_communes: Tally = field(default_factory=Tally)
    communes: Tally = field(default_factory=Tally)
    successions: Tally = field(default_factory=Tally)

    @property
    def units(self) -> Tally:
        """Return the counts of every unit, of both eras, together."""
        return self.provinces + self.legacy_districts + self.legacy_communes + self.communes

    @property
    def changed_anything(self) -> bool:
        return self.units.changed_anything or self.successions.changed_anything


def _source() -> str:
    version = metadata.version("vietnamadminunits")
    return f"vietnamadminunits {version} (MIT), dữ liệu đơn vị hành chính và chuyển đổi 2025"


def _converter_data() -> dict:
    # The package's own old→new mapping; its converter module reads the same file.
    path = resources.files("vietnamadminunits") / "data" / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _sql_text(value: str) -> str:
    # vietnamadminunits.database.query takes plain SQL; codes are digits, but quote anyway.
    return "'" + value.replace("'", "''") + "'"


def _upsert(existing: dict, count: Tally, *, code, level, valid_from, **values) -> AdminUnit:
    """Create or update one unit keyed on (code, level, valid_from); count what happened."""
    unit = existing.get((code, level, valid_from))
    if unit is None:
        unit = AdminUnit.objects.create(code=code, level=level, valid_from=valid_from, **values)
        existing[(code, level, valid_from)] = unit
        count.count(Outcome.CREATED)
        return unit
    _update(unit, values, count)
    return unit


def _update(instance, values: dict, count: Tally) -> None:
    """Write only the fields whose value differs, and count the row updated or unchanged."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
        count.count(Outcome.UPDATED)
    else:
        count.count(Outcome.UNCHANGED)


def _described(row: dict, tier: str) -> dict:
    """Return a unit's name, kind and position from a source row (tier: province, district
    or ward, the package's column prefixes)."""
    name = row[tier]
    if tier == "province":
        kind = "Thành phố" if name.startswith("Thành phố") else "Tỉnh"
    else:
        kind = row[f"{tier}Type"] or ""
    return {
        "name": name,
        "kind": kind,
        "latitude": row[f"{tier}Lat"],
        "longitude": row[f"{tier}Lon"],
    }


def _area(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


@transaction.atomic
def load_units(province_code: str) -> UnitLoadReport:
    """Load a province's units before and after 1 July 2025 and the mapping between them.

    ``province_code`` is the GSO code of a province as it is after the 2025 reform (Cao
    Bằng: ``04``). The provinces merged into it are loaded too, with their districts and
    communes valid until 30 June 2025. A province that was not merged is one unit valid
    throughout. Raise ``UnitLoadError`` for an unknown code or an old commune the source
    does not map, and write nothing then.
    """
    code = province_code.strip()
    new_rows = vau_query(
        f"SELECT * FROM admin_units WHERE provinceCode = {_sql_text(code)} ORDER BY wardCode"  # noqa: S608
    )
    if not new_rows:
        raise UnitLoadError(f"Không có tỉnh, thành phố mã “{code}” trong danh mục sau 1/7/2025.")
    converter = _converter_data()
    new_key = new_rows[0]["provinceKey"]
    legacy_keys = converter["DICT_PROVINCE"][new_key]
    keys_sql = ", ".join(_sql_text(key) for key in legacy_keys)
    legacy_rows = vau_query(
        f"SELECT * FROM admin_units_legacy WHERE provinceKey IN ({keys_sql}) "  # noqa: S608
        "ORDER BY provinceCode, districtCode, wardCode"
    )

    report = UnitLoadReport(province_code=code)
    source = _source()
    existing = {(u.code, u.level, u.valid_from): u for u in AdminUnit.objects.all()}
    legacy_province_codes = sorted({row["provinceCode"] for row in legacy_rows})
    continuous = legacy_province_codes == [code]

    first = new_rows[0]
    new_province = _upsert(
        existing,
        report.provinces,
        code=code,
        level=UnitLevel.PROVINCE,
        valid_from=None if continuous else REFORM_DATE,
        parent=None,
        valid_to=None,
        source=source,
        **_described(first, "province"),
    )

    # Old provinces, districts and communes, valid until 30 June 2025.
    legacy_provinces: dict[str, AdminUnit] = {}
    districts: dict[str, AdminUnit] = {}
    old_communes: dict[str, AdminUnit] = {}  # by "provinceKey_districtKey_wardKey"
    for row in legacy_rows:
        pcode = row["provinceCode"]
        if pcode not in legacy_provinces:
            legacy_provinces[pcode] = (
                new_province
                if continuous
                else _upsert(
                    existing,
                    report.provinces,
                    code=pcode,
                    level=UnitLevel.PROVINCE,
                    valid_from=None,
                    parent=None,
                    valid_to=LAST_LEGACY_DAY,
                    source=source,
                    **_described(row, "province"),
                )
            )
        dcode = row["districtCode"]
        if dcode not in districts:
            districts[dcode] = _upsert(
                existing,
                report.legacy_districts,
                code=dcode,
                level=UnitLevel.DISTRICT,
                valid_from=None,
                parent=legacy_provinces[pcode],
                valid_to=LAST_LEGACY_DAY,
                source=source,
                **_described(row, "district"),
            )
        if not row["wardCode"]:
            continue  # island districts (e.g. Bạch Long Vĩ) had no communes
        old_communes[f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"] = _upsert(
            existing,
            report.legacy_communes,
            code=row["wardCode"],
            level=UnitLevel.COMMUNE,
            valid_from=None,
            parent=districts[dcode],
            valid_to=LAST_LEGACY_DAY,
            source=source,
            **_described(row, "ward"),
        )

    # New communes and wards, valid from 1 July 2025, directly under the province.
    new_communes: dict[str, AdminUnit] = {}  # by wardKey
    for row in new_rows:
        new_communes[row["wardKey"]] = _upsert(
            existing,
            report.communes,
            code=row["wardCode"],
            level=UnitLevel.COMMUNE,
            valid_from=REFORM_DATE,
            parent=new_province,
            valid_to=None,
            area_km2=_area(row["wardAreaKm2"]),
            source=source,
            **_described(row, "ward"),
        )

    links = _succession_links(converter, new_key, old_communes, new_communes)
    if not continuous:
        for old_province in legacy_provinces.values():
            links[(old_province, new_province)] = (Decimal(1), True)
    existing_links = {
        (s.predecessor_id, s.successor_id): s
        for s in UnitSuccession.objects.filter(successor__in=[new_province, *new_communes.values()])
    }
    for (old, new), (weight, is_default) in links.items():
        _upsert_succession(existing_links, report.successions, old, new, weight, is_default, source)
    return report


def _succession_links(converter, new_key, old_communes, new_communes) -> dict:
    """Return {(old commune, new commune): (weight, is_default)} for every old commune."""
    links: dict[tuple[AdminUnit, AdminUnit], tuple[Decimal, bool]] = {}
    whole = converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_key, {})
    for new_ward_key, old_keys in whole.items():
        for old_key in old_keys:
            if old_key in old_communes:
                links[(old_communes[old_key], new_communes[new_ward_key])] = (Decimal(1), True)
    divided = converter["DICT_PROVINCE_WARD_DIVIDED"].get(new_key, {})
    for old_key, parts in divided.items():
        if old_key not in old_communes:
            continue
        # The source does not say how a split commune's people or area were shared out:
        # an equal share per new commune is the documented assumption (docs/data-formats.md).
        # The last part takes the rounding remainder so the weights add up to exactly 1.
        share = (Decimal(1) / len(parts)).quantize(Decimal("0.00001"))
        for index, part in enumerate(parts):
            weight = share if index < len(parts) - 1 else Decimal(1) - share * (len(parts) - 1)
            new_unit = new_communes[part["newWardKey"]]
            links[(old_communes[old_key], new_unit)] = (weight, bool(part["isDefaultNewWard"]))
    mapped = {old for old, _new in links}
    unmapped = [unit for unit in old_communes.values() if unit not in mapped]
    if unmapped:
        names = ", ".join(str(unit) for unit in unmapped[:10])
        raise UnitLoadError(f"{len(unmapped)} xã cũ không có đơn vị kế thừa trong nguồn: {names}")
    return links


def _upsert_succession(existing, count, old, new, weight, is_default, source) -> None:
    values = {
        "effective_date": REFORM_DATE,
        "weight": weight,
        "is_default": is_default,
        "source": source,
    }
    succession = existing.get((old.pk, new.pk))
    if succession is None:
        UnitSuccession.objects.create(predecessor=old, successor=new, **values)
        count.count(Outcome.CREATED)
        return
    _update(succession, values, count)


@transaction.atomic
def attach_boundaries(path: Path, level: UnitLevel = UnitLevel.DISTRICT) -> int:
    """Set the geometry of the units named by a GeoJSON FeatureCollection; return how many.

    Each feature's ``properties.code`` is a GSO code. A code matching no loaded unit of
    ``level`` is an error, so a wrong file cannot half-apply.
    """
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    features = collection.get("features") or []
    codes = [feature["properties"]["code"] for feature in features]
    units = {u.code: u for u in AdminUnit.objects.filter(level=level, code__in=codes)}
    missing = sorted(set(codes) - set(units))
    if missing:
        raise UnitLoadError(f"{path}: không có đơn vị cấp {level} mã {', '.join(missing)}.")
    for feature in features:
        unit = units[feature["properties"]["code"]]
        if unit.geometry != feature["geometry"]:
            unit.geometry = feature["geometry"]
            unit.save(update_fields=["geometry"])
    return len(features)
