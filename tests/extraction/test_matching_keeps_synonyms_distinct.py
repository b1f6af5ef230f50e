"""Candidates are matched to the registry's indicators without diacritics, with a
confidence; near-synonyms of different indicators stay apart; unknown ones are proposed."""

import json
from pathlib import Path

import pytest

import plantrack
from plantrack.extraction.matching import IndicatorRef, match_indicator, similarity

FACTS = Path(plantrack.__file__).parent / "demo" / "data" / "caobang-facts.json"
REGISTRY = [
    IndicatorRef(code, fact["name_vi"])
    for code, fact in sorted(json.loads(FACTS.read_text(encoding="utf-8"))["indicators"].items())
]


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("tốc độ tăng trưởng kinh tế (GRDP)", "grdp_growth"),
        ("GRDP bình quân/người", "grdp_per_capita"),
        ("Tổng sản phẩm trên địa bàn bình quân đầu người", "grdp_per_capita"),
        ("Thu ngân sách", "budget_revenue"),
        ("Tỷ lệ hộ nghèo đa chiều", "poverty_rate_multidimensional"),
        ("TY LE HO NGHEO DA CHIEU", "poverty_rate_multidimensional"),
        ("tỷ lệ đô thị hóa", "urbanization_rate"),
        ("Số lượt khách du lịch", "tourist_arrivals"),
        ("doanh thu du lịch", "tourism_revenue"),
    ],
)
def test_a_phrase_finds_its_indicator(phrase, code):
    match = match_indicator(phrase, REGISTRY)

    assert match.code == code
    assert 0.6 <= match.confidence <= 1


def test_grdp_per_capita_and_income_per_capita_stay_distinct():
    match = match_indicator("thu nhập bình quân đầu người", REGISTRY)

    assert match.is_new
    assert match.proposed_code == "thu_nhap_binh_quan_dau_nguoi"
    assert match.proposed_name == "Thu nhập bình quân đầu người"
    assert similarity("GRDP bình quân đầu người", "thu nhập bình quân đầu người") < 0.5


def test_gdp_is_not_grdp():
    assert match_indicator("GDP bình quân đầu người", REGISTRY).is_new


def test_an_exact_name_is_certain_and_a_partial_one_less_so():
    exact = match_indicator("Tỷ lệ hộ nghèo đa chiều", REGISTRY)
    partial = match_indicator("tỷ lệ hộ nghèo", REGISTRY)

    assert exact.confidence == 1
    assert partial.code == exact.code
    assert partial.confidence < exact.confidence


def test_an_unknown_indicator_is_proposed_as_new():
    match = match_indicator("tỷ lệ che phủ rừng", REGISTRY)

    assert (match.code, match.proposed_code) == (None, "ty_le_che_phu_rung")
