"""Ranges are one target with an upper value; "tương ứng 20 - 30 - 50%" is three shares."""

from decimal import Decimal

import pytest
from extraction_helpers import only

from plantrack.extraction.extractor import extract_targets


@pytest.mark.parametrize(
    "written",
    ["9–10%/năm", "9 - 10%/năm", "9-10%/năm", "từ 9 đến 10%/năm", "9% - 10%/năm", "9 – 10 %/năm"],
)
def test_a_range_is_about_with_an_upper_value(written):
    text = f"Giai đoạn 2026 - 2030, tốc độ tăng trưởng kinh tế bình quân đạt {written}."

    candidate = only(text)

    assert (candidate.comparator, candidate.value, candidate.upper_value) == ("~", 9, 10)
    assert (candidate.kind, candidate.unit) == ("average_growth", "%/năm")


def test_a_range_of_amounts_keeps_its_unit_and_scale():
    candidate = only("GDP bình quân đầu người đến năm 2025 đạt khoảng 4.700-5.000 USD.")

    assert (candidate.value, candidate.upper_value, candidate.unit) == (4700, 5000, "USD")


def test_a_decreasing_range_is_ordered_on_the_signed_values():
    candidate = only("Giai đoạn 2021 - 2025, tỷ lệ hộ nghèo giảm bình quân từ 3 - 4%/năm.")

    assert (candidate.value, candidate.upper_value) == (Decimal("-4"), Decimal("-3"))
    assert (candidate.kind, candidate.unit) == ("annual_change", "điểm %/năm")


def test_three_shares_written_respectively_are_three_shares_not_a_range():
    text = (
        "Đến năm 2030, cơ cấu kinh tế các ngành nông nghiệp, công nghiệp - xây dựng và dịch "
        "vụ tương ứng 20 - 30 - 50%."
    )

    candidates = extract_targets(text)

    assert [(c.indicator_text, c.value, c.upper_value) for c in candidates] == [
        ("nông nghiệp", 20, None),
        ("công nghiệp - xây dựng", 30, None),
        ("dịch vụ", 50, None),
    ]
    assert {(c.kind, c.unit, c.comparator, c.target_year) for c in candidates} == {
        ("share", "%", "=", 2030)
    }


def test_shares_listed_with_their_own_percent_signs():
    text = (
        "Cơ cấu kinh tế theo các ngành công nghiệp - xây dựng, dịch vụ, nông - lâm nghiệp "
        "đến năm 2020 dự báo là 23%, 57,5% và 19,5%."
    )

    assert [(c.indicator_text, c.value, c.kind) for c in extract_targets(text)] == [
        ("công nghiệp - xây dựng", 23, "share"),
        ("dịch vụ", Decimal("57.5"), "share"),
        ("nông - lâm nghiệp", Decimal("19.5"), "share"),
    ]
