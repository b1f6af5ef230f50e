"""The seed article's specific-targets paragraph gives its four targets, exactly.

GRDP growth 9,72 %/year over 2021–2030; GRDP per capita about 102 million VND in 2030;
budget revenue growing over 12 %/year; multidimensional poverty falling over 4,0 points a
year in 2021–2025 (DESIGN.md, README; caobang-facts.json "targets").
"""

import json
import os
import subprocess
import sys

from extraction_helpers import SEED_PATH

from plantrack.extraction.extractor import _calibrated, extract_targets

EXPECTED = [
    {
        "indicator_text": "tốc độ tăng trưởng kinh tế (GRDP)",
        "indicator": "tốc độ tăng trưởng kinh tế (grdp)",
        "comparator": ">=",
        "value": 9.72,
        "upper_value": None,
        "unit": "%/năm",
        "scale": 1,
        "kind": "average_growth",
        "period_start": 2021,
        "period_end": 2030,
        "target_year": 2030,
        "scope": None,
    },
    {
        "indicator_text": "GRDP bình quân/người",
        "indicator": "grdp bình quân/người",
        "comparator": "~",
        "value": 102,
        "upper_value": None,
        "unit": "triệu đồng/người",
        "scale": 1000000,
        "kind": "level",
        "period_start": None,
        "period_end": None,
        "target_year": 2030,
        "scope": None,
    },
    {
        "indicator_text": "Thu ngân sách",
        "indicator": "thu ngân sách",
        "comparator": ">",
        "value": 12,
        "upper_value": None,
        "unit": "%/năm",
        "scale": 1,
        "kind": "average_growth",
        "period_start": 2021,
        "period_end": 2030,
        "target_year": 2030,
        "scope": None,
    },
    {
        "indicator_text": "Tỷ lệ hộ nghèo đa chiều",
        "indicator": "tỷ lệ hộ nghèo đa chiều",
        "comparator": "<=",
        "value": -4.0,
        "upper_value": None,
        "unit": "điểm %/năm",
        "scale": 1,
        "kind": "annual_change",
        "period_start": 2021,
        "period_end": 2025,
        "target_year": 2025,
        "scope": None,
    },
]
PHRASES = [
    "tốc độ tăng trưởng kinh tế (GRDP) bình quân thời kỳ 2021 - 2030 đạt 9,72%/năm",
    "GRDP bình quân/người khoảng 102 triệu đồng/người (giá hiện hành)",
    "Thu ngân sách tăng bình quân trên 12%/năm",
    "Tỷ lệ hộ nghèo đa chiều giai đoạn 2021 - 2025 giảm bình quân trên 4,0%/năm",
]


def _command_records() -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "plantrack", "extract", str(SEED_PATH), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DEBUG": "1"},
    )
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_command_prints_exactly_the_four_targets_of_the_seed_article(seed_text):
    records = _command_records()

    assert [{k: v for k, v in r.items() if k not in ("span", "confidence")} for r in records] == (
        EXPECTED
    )
    assert [seed_text[slice(*record["span"])] for record in records] == PHRASES
    assert all(record["confidence"] >= _calibrated(0.9) for record in records)  # a score ≥ 0.9


def test_the_extractor_reads_the_poverty_target_as_points_a_year_falling(seed_text):
    poverty = extract_targets(seed_text)[3]

    assert str(poverty.value) == "-4.0"
    assert (poverty.kind, poverty.comparator, poverty.unit) == (
        "annual_change",
        "<=",
        "điểm %/năm",
    )


def test_per_capita_value_times_scale_is_102_million_dong(seed_text):
    per_capita = extract_targets(seed_text)[1]

    assert per_capita.value * per_capita.scale == 102_000_000
