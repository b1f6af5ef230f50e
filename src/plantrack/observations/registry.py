"""Indicators and units named in a file, looked up by code or by name."""

from __future__ import annotations

from collections import defaultdict

from plantrack.geo.models import AdminUnit
from plantrack.plans.models import Indicator
from plantrack.tabular.text import normalise

# The words that name a unit's kind, dropped to match "Hưng Đạo" to "Xã Hưng Đạo".
UNIT_KIND_WORDS = ("tinh", "thanh_pho", "huyen", "thi_xa", "quan", "xa", "phuong", "thi_tran")


# Lengths of GSO codes (province, district, commune): a spreadsheet drops leading zeros.
UNIT_CODE_LENGTHS = (2, 3, 5)


class Registry:
    """Indicators and units looked up by code or by name, loaded once per import."""

    def __init__(self) -> None:
        indicators = list(Indicator.objects.all())
        self.indicators_by_code = {i.code.lower(): i for i in indicators}
        self.indicators_by_name: dict[str, list[Indicator]] = defaultdict(list)
        for indicator in indicators:
            for name in (indicator.name, indicator.name_en):
                if name:
                    self.indicators_by_name[normalise(name)].append(indicator)
        units = list(AdminUnit.objects.all())
        self.units_by_code: dict[str, list[AdminUnit]] = defaultdict(list)
        self.units_by_name: dict[str, list[AdminUnit]] = defaultdict(list)
        self.units_by_short_name: dict[str, list[AdminUnit]] = defaultdict(list)
        for unit in units:
            self.units_by_code[unit.code].append(unit)
            name = normalise(unit.name)
            self.units_by_name[name].append(unit)
            for word in UNIT_KIND_WORDS:
                if name.startswith(word + "_"):
                    self.units_by_short_name[name.removeprefix(word + "_")].append(unit)
                    break

    def indicator(self, text: str) -> tuple[Indicator | None, str | None]:
        key = str(text or "").strip()
        if not key:
            return None, "missing_indicator"
        found = self.indicators_by_code.get(key.lower())
        if found:
            return found, None
        named = self.indicators_by_name.get(normalise(key), [])
        if len(set(named)) == 1:
            return named[0], None
        return None, "ambiguous_indicator" if named else "unknown_indicator"

    def unit(self, text: str, period=None) -> tuple[AdminUnit | None, str | None]:
        """Return the unit named by code or name, preferring those that existed in ``period``.

        A code is matched as written, then with the leading zeros a spreadsheet drops (1273
        is 01273) when that gives one code. A name is matched without diacritics and case,
        with or without its kind ("Hưng Đạo", "xa hung dao"); it is ambiguous when units of
        different codes that existed in the period (or, if none did, at any time) carry it.
        Where several rows share a code (an old commune and the new one that took its
        code), the one valid at the end of the period is taken. With no period, any unit.
        """
        key = str(text or "").strip()
        if not key:
            return None, "missing_unit"
        candidates = self.units_by_code.get(key)
        if not candidates and key.isdigit():
            padded = {
                key.zfill(length) for length in UNIT_CODE_LENGTHS if length > len(key)
            } & self.units_by_code.keys()
            if len(padded) == 1:
                candidates = self.units_by_code[padded.pop()]
        by_name = False
        if not candidates:
            by_name = True
            name = normalise(key)
            candidates = self.units_by_name.get(name) or self.units_by_short_name.get(name, [])
        if not candidates:
            return None, "unknown_unit"
        alive = [u for u in candidates if period is None or unit_existed(u, period)]
        if by_name and len({(u.code, u.level) for u in alive or candidates}) > 1:
            return None, "ambiguous_unit"
        if period is not None:
            at_end = [u for u in alive if u.is_valid_on(period.end)]
            return (at_end or alive or candidates)[0], None
        return candidates[0], None


def unit_existed(unit: AdminUnit, period) -> bool:
    starts = unit.valid_from is None or unit.valid_from <= period.end
    ends = unit.valid_to is None or period.start <= unit.valid_to
    return starts and ends
