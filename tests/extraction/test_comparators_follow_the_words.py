"""Comparators follow the decision's words (docs/extraction.md, "Comparators")."""

import pytest
from extraction_helpers import only


@pytest.mark.parametrize(
    ("predicate", "comparator"),
    [
        ("đạt", "="),
        ("là", "="),
        ("chiếm", "="),
        ("đạt trên", ">"),
        ("đạt hơn", ">"),
        ("đạt ít nhất", ">="),
        ("tối thiểu", ">="),
        ("không thấp hơn", ">="),
        ("dưới", "<"),
        ("không quá", "<="),
        ("tối đa", "<="),
        ("khoảng", "~"),
        ("xấp xỉ", "~"),
    ],
)
def test_a_level_takes_the_comparator_of_its_words(predicate, comparator):
    candidate = only(f"Đến năm 2030, tỷ lệ đô thị hóa {predicate} 35%.")

    assert (candidate.comparator, candidate.value, candidate.kind) == (comparator, 35, "level")


def test_tro_len_is_at_least():
    candidate = only("Đến năm 2030, chỉ số PCI đạt 68 điểm trở lên.")

    assert (candidate.comparator, candidate.unit) == (">=", "điểm")


def test_reaching_a_growth_rate_is_a_floor():
    candidate = only("Giai đoạn 2021 - 2030, tốc độ tăng trưởng GRDP bình quân đạt 9,72%/năm.")

    assert (candidate.kind, candidate.comparator) == ("average_growth", ">=")


@pytest.mark.parametrize(
    ("predicate", "comparator"),
    [("trên", "<="), ("ít nhất", "<="), ("", "="), ("khoảng", "~"), ("không quá", ">=")],
)
def test_a_fall_bounds_the_signed_change(predicate, comparator):
    text = f"Giai đoạn 2021 - 2025, tỷ lệ hộ nghèo giảm bình quân {predicate} 4%/năm."

    candidate = only(" ".join(text.split()))

    assert (candidate.kind, candidate.value, candidate.comparator) == (
        "annual_change",
        -4,
        comparator,
    )


def test_falling_to_a_level_is_a_level_not_a_change():
    candidate = only("Đến năm 2030, tỷ lệ hộ nghèo đa chiều giảm xuống còn dưới 10%.")

    assert (candidate.kind, candidate.comparator, candidate.value) == ("level", "<", 10)


def test_a_falling_amount_is_a_negative_average_growth():
    text = "Giai đoạn 2021 - 2030, tiêu hao năng lượng trên một đơn vị GRDP giảm bình quân 1%/năm."

    candidate = only(text)

    assert (candidate.kind, candidate.value, candidate.unit) == ("average_growth", -1, "%/năm")
