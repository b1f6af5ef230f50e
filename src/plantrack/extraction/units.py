"""Units of measure as planning decisions write them, normalised, with their scale (pure).

A unit is read as an optional magnitude word ("nghìn", "triệu", "tỷ", "nghìn tỷ"), a base
("đồng", "USD", "người", "ha", "%", …) and optional "/denominator" parts ("/người",
"/năm", "/vạn dân"). ``read_unit`` returns the normalised spelling and the multiplier to
base units: "triệu đồng/người" has scale 1e6, "1,2 nghìn tỷ đồng" is 1.2 × 1e12 VND.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Unit", "UNIT_PATTERN", "read_unit"]

# Magnitude words, longest first so "nghìn tỷ" wins over "nghìn".
MAGNITUDES: dict[str, Decimal] = {
    "nghìn tỷ": Decimal("1e12"),
    "ngàn tỷ": Decimal("1e12"),
    "nghìn tỉ": Decimal("1e12"),
    "triệu tỷ": Decimal("1e15"),
    "tỷ": Decimal("1e9"),
    "tỉ": Decimal("1e9"),
    "triệu": Decimal("1e6"),
    "nghìn": Decimal("1e3"),
    "ngàn": Decimal("1e3"),
    "vạn": Decimal("1e4"),
}
# How a magnitude is spelled in the normalised unit.
_MAGNITUDE_SPELLING = {"ngàn tỷ": "nghìn tỷ", "nghìn tỉ": "nghìn tỷ", "tỉ": "tỷ", "ngàn": "nghìn"}

# Base units: written form → normalised form. Counted things keep their noun.
BASES: dict[str, str] = {
    "điểm phần trăm": "điểm %",
    "điểm %": "điểm %",
    "điểm%": "điểm %",
    "‰": "‰",
    "%0": "‰",
    "phần nghìn": "‰",
    "%": "%",
    "phần trăm": "%",
    "đồng": "đồng",
    "VNĐ": "đồng",
    "VND": "đồng",
    "USD": "USD",
    "đô la Mỹ": "USD",
    "lượt khách": "lượt khách",
    "lượt người": "lượt khách",
    "lượt": "lượt",
    # "15 triệu khách du lịch" counts visitors, "15 triệu lượt khách" visits: not the same unit.
    "khách": "khách",
    "người": "người",
    "lao động": "lao động",
    "việc làm": "việc làm",
    "hộ": "hộ",
    "đảng viên": "đảng viên",
    "doanh nghiệp": "doanh nghiệp",
    "hợp tác xã": "hợp tác xã",
    "sản phẩm": "sản phẩm",
    "bác sĩ": "bác sĩ",
    "bác sỹ": "bác sĩ",
    "dược sĩ": "dược sĩ",
    "dược sỹ": "dược sĩ",
    "giường bệnh": "giường bệnh",
    "giường": "giường bệnh",
    "thuê bao": "thuê bao",
    "xã": "xã",
    "trường": "trường",
    "dự án": "dự án",
    "căn": "căn",  # "65.000 căn nhà ở xã hội"
    "km²": "km²",
    "km2": "km²",
    "m²": "m²",
    "m2": "m²",
    "km": "km",
    "ha": "ha",
    "héc-ta": "ha",
    "hécta": "ha",
    "tấn": "tấn",
    "m³": "m³",
    "m3": "m³",
    "MW": "MW",
    "kWh": "kWh",
    "điểm": "điểm",
    "tuổi": "tuổi",
    "năm tuổi": "tuổi",
    "lần": "lần",
    "hạng": "hạng",
}
# Denominators after a slash ("/người", "/vạn dân"), or after "trên" in "bác sĩ trên vạn dân".
DENOMINATORS: dict[str, str] = {
    "người/năm": "người/năm",
    "người/tháng": "người/tháng",
    "người": "người",
    "năm": "năm",
    "tháng": "tháng",
    "vạn dân": "vạn dân",
    "10.000 dân": "vạn dân",
    "1 vạn dân": "vạn dân",
    "nghìn dân": "nghìn dân",
    "1.000 dân": "nghìn dân",
    "100 dân": "100 dân",
    "km²": "km²",
    "km2": "km²",
    "ha": "ha",
    "GDP": "GDP",
    "GRDP": "GRDP",
}


@dataclass(frozen=True)
class Unit:
    """A unit as normalised (``text``), its multiplier to base units, and its base."""

    text: str
    scale: Decimal
    base: str

    @property
    def is_percent(self) -> bool:
        """Return True for "%", "%/năm", "điểm %" and "điểm %/năm"."""
        return self.base in ("%", "điểm %")

    @property
    def is_per_mille(self) -> bool:
        """Return True for "‰" and "‰/năm" (also written "%0": "giảm sinh 0,5%0")."""
        return self.base == "‰"


def _alternation(words) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


_MAGNITUDE_RE = _alternation(MAGNITUDES)
_BASE_RE = _alternation(BASES)
_DENOMINATOR_RE = _alternation(DENOMINATORS)
# The unit right after a number: "%/năm", "triệu đồng/người", "nghìn tỷ đồng",
# "bác sĩ/vạn dân", "% GRDP", "%GDP", "12,1% tổng GRDP", "điểm phần trăm mỗi năm",
# "0,2‰/năm". A unit word must end at a word boundary, so "hộ" does not match the start of
# "hội"; "%" and "‰" need none ("10%GDP"), but "%0" is per mille, not "%" then a digit.
UNIT_PATTERN = (
    rf"(?:(?P<magnitude>{_MAGNITUDE_RE})\s*)?"
    rf"(?P<base>{_BASE_RE})(?:(?<=[%‰])(?!\d)|(?![\w²³]))"
    rf"(?P<per>(?:\s*/\s*(?:{_DENOMINATOR_RE})(?![\w²³]))*)"
    r"(?P<share>(?<=%)\s*(?:(?:tổng|trong|của|từ|vào)\s+)?(?:GRDP|GDP)\b(?:\s+(?:của\s+)?tỉnh\b)?)?"
    r"(?P<yearly>\s+(?:mỗi|hằng|hàng|một)\s+năm\b|(?<=%)\s+năm\b(?!\s*\d))?"
)
_UNIT_RE = re.compile(UNIT_PATTERN, re.IGNORECASE)
_PER_RE = re.compile(rf"/\s*({_DENOMINATOR_RE})", re.IGNORECASE)


def _lookup(table: dict[str, str], written: str) -> str:
    wanted = re.sub(r"\s+", " ", written).casefold()
    for key, value in table.items():
        if key.casefold() == wanted:
            return value
    raise KeyError(written)


def read_unit(written: str) -> Unit | None:
    """Return the unit that ``written`` starts with, normalised, or None if none.

    "triệu đồng/người" → Unit("triệu đồng/người", 1e6, "đồng"); "% GRDP" → "%" (a share of
    GRDP); "%/năm" and "% mỗi năm" → "%/năm"; "điểm phần trăm/năm" → "điểm %/năm";
    "km2" → "km²"; "lượt người" → "lượt khách" ("khách" stays "khách": visitors, not visits).
    """
    match = _UNIT_RE.match(written)
    if match is None:
        return None
    return unit_from_match(match)


def unit_from_match(match: re.Match) -> Unit:
    """Return the Unit of a match of ``UNIT_PATTERN``."""
    magnitude_word = match.group("magnitude")
    scale = Decimal(1)
    parts = []
    if magnitude_word:
        key = re.sub(r"\s+", " ", magnitude_word).lower()
        scale = MAGNITUDES[key]
        parts.append(_MAGNITUDE_SPELLING.get(key, key))
    base = _lookup(BASES, match.group("base"))
    parts.append(base)
    text = " ".join(parts)
    for per in _PER_RE.findall(match.group("per") or ""):
        text += "/" + _lookup(DENOMINATORS, per)
    if match.group("yearly") and not text.endswith("/năm"):
        text += "/năm"
    return Unit(text=text, scale=scale, base=base)
