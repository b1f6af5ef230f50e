"""Match a candidate's indicator phrase to the indicators of the registry (pure).

Phrases are compared without diacritics, lower case, after a few rewrites that make two
spellings of one indicator alike ("GRDP bình quân/người" → "grdp binh quan dau nguoi";
"tổng sản phẩm trên địa bàn" → "grdp"). The score is a weighted Dice coefficient of the
two word sets: generic words ("tỷ lệ", "bình quân", "đầu người", "giá hiện hành") weigh
little, so "GRDP bình quân đầu người" and "thu nhập bình quân đầu người" stay apart (0.35)
while "GRDP bình quân/người" finds "GRDP bình quân đầu người (giá hiện hành)" (0.86).
Below ``MATCH_THRESHOLD`` the candidate proposes a new indicator instead.
"""

import re
from dataclasses import dataclass
from typing import NamedTuple

from plantrack.extraction.text import fold, slug_code

__all__ = ["MATCH_THRESHOLD", "IndicatorRef", "Match", "match_indicator", "similarity"]

MATCH_THRESHOLD = 0.6

# Rewrites on folded text (no diacritics), applied in order to both sides.
_REWRITES = [
    (r"\btong san pham tren dia ban\b", "grdp"),
    (r"\btong san pham trong nuoc\b", "gdp"),
    (r"\bbinh quan\s*/\s*nguoi\b", "binh quan dau nguoi"),
    (r"\b(grdp|gdp)\s*/\s*nguoi\b", r"\1 binh quan dau nguoi"),
    (r"\btren 1 van dan\b|\b/\s*van dan\b|\btren van dan\b", " van dan"),
    (r"\btang truong kinh te\b", "tang truong grdp"),
    (r"\bti le\b", "ty le"),
    (r"\bti trong\b", "ty trong"),
    (r"\bthu ngan sach nha nuoc\b", "thu ngan sach"),
]
# Words that say little about which indicator is meant.
_LIGHT = {
    "ty", "le", "toc", "do", "binh", "quan", "dau", "nguoi", "gia", "hien", "hanh", "so",
    "sanh", "cua", "tinh", "tren", "dia", "ban", "trong", "toan", "cac", "va", "nha",
    "nuoc", "nam", "dat", "muc", "chi", "chung", "theo", "khu", "vuc", "kinh", "te",
}  # fmt: skip
_LIGHT_WEIGHT = 0.2


class IndicatorRef(NamedTuple):
    """An indicator of the registry as the matcher sees it: its code and names."""

    code: str
    name: str
    name_en: str = ""


@dataclass(frozen=True)
class Match:
    """The best indicator for a phrase (``code``) with its score, or a proposal."""

    code: str | None
    confidence: float
    proposed_code: str
    proposed_name: str

    @property
    def is_new(self) -> bool:
        return self.code is None


def _words(phrase: str) -> set[str]:
    text = fold(phrase)
    text = re.sub(r"[()]", " ", text)
    for pattern, replacement in _REWRITES:
        text = re.sub(pattern, replacement, text)
    return {word for word in re.split(r"[\s/%]+", text) if word}


def _weight(word: str) -> float:
    return _LIGHT_WEIGHT if word in _LIGHT else 1.0


def similarity(first: str, second: str) -> float:
    """Return 0–1: the weighted Dice coefficient of the two phrases' words."""
    a, b = _words(first), _words(second)
    total = sum(map(_weight, a)) + sum(map(_weight, b))
    if not total:
        return 0.0
    return 2 * sum(_weight(word) for word in a & b) / total


def match_indicator(phrase: str, indicators: list[IndicatorRef]) -> Match:
    """Return the registry's indicator closest to ``phrase``, or a proposal for a new one.

    Ties go to the first indicator in ``indicators`` (give them in code order for a
    stable answer). The proposal's code is the phrase folded to ASCII with underscores;
    its name is the phrase with a capital first letter.
    """
    best_code, best_score = None, 0.0
    for indicator in indicators:
        score = max(similarity(phrase, indicator.name), similarity(phrase, indicator.code))
        if score > best_score:
            best_code, best_score = indicator.code, score
    name = phrase.strip()
    name = name[:1].upper() + name[1:]
    if best_score >= MATCH_THRESHOLD:
        return Match(best_code, round(best_score, 2), slug_code(phrase), name)
    return Match(None, round(best_score, 2), slug_code(phrase), name)
