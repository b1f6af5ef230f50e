"""A sentence that lists several targets gives one candidate for each."""

from decimal import Decimal

from extraction_helpers import phrase_of

from plantrack.extraction.extractor import extract_targets


def test_targets_separated_by_semicolons():
    text = (
        "Đến năm 2030: tỷ lệ trường học đạt chuẩn quốc gia đạt 60%; tỷ lệ xã đạt chuẩn quốc "
        "gia về y tế đạt 95%; số bác sĩ đạt 15 bác sĩ/vạn dân."
    )

    candidates = extract_targets(text)

    assert [(c.indicator_text, c.value, c.unit) for c in candidates] == [
        ("tỷ lệ trường học đạt chuẩn quốc gia", 60, "%"),
        ("tỷ lệ xã đạt chuẩn quốc gia về y tế", 95, "%"),
        ("số bác sĩ", 15, "bác sĩ/vạn dân"),
    ]
    assert all(c.target_year == 2030 for c in candidates)


def test_targets_separated_by_commas_and_va():
    text = (
        "Các chỉ tiêu năm 2025: tỷ lệ che phủ rừng đạt 55%, tỷ lệ dân số tham gia bảo hiểm "
        "y tế đạt trên 98% và tỷ lệ đô thị hóa đạt khoảng 25%."
    )

    candidates = extract_targets(text)

    assert [(c.indicator_text, c.comparator, c.value) for c in candidates] == [
        ("tỷ lệ che phủ rừng", "=", 55),
        ("tỷ lệ dân số tham gia bảo hiểm y tế", ">", 98),
        ("tỷ lệ đô thị hóa", "~", 25),
    ]
    assert phrase_of(text, candidates[1]) == "tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 98%"


def test_a_value_without_its_own_indicator_takes_the_previous_one():
    text = (
        "Mục tiêu phấn đấu tốc độ tăng trưởng kinh tế (GDP) bình quân đạt khoảng 14,2%/năm "
        "giai đoạn 2016 - 2020 và khoảng 13,4%/năm giai đoạn 2021 - 2025."
    )

    first, second = extract_targets(text)

    assert first.indicator_text == second.indicator_text == "tốc độ tăng trưởng kinh tế (GDP)"
    assert (first.value, first.period_start, first.period_end) == (Decimal("14.2"), 2016, 2020)
    assert (second.value, second.period_start, second.period_end) == (Decimal("13.4"), 2021, 2025)
    assert phrase_of(text, second) == "khoảng 13,4%/năm giai đoạn 2021 - 2025"
