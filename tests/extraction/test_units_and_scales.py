"""Units are normalised and carry their scale to base units."""

from decimal import Decimal

import pytest
from extraction_helpers import only

from plantrack.extraction.units import read_unit


@pytest.mark.parametrize(
    ("written", "unit", "scale"),
    [
        ("%", "%", "1"),
        ("%/năm", "%/năm", "1"),
        ("% / năm", "%/năm", "1"),
        ("% mỗi năm", "%/năm", "1"),
        ("điểm phần trăm", "điểm %", "1"),
        ("điểm phần trăm/năm", "điểm %/năm", "1"),
        ("điểm %/năm", "điểm %/năm", "1"),
        ("triệu đồng", "triệu đồng", "1e6"),
        ("triệu đồng/người", "triệu đồng/người", "1e6"),
        ("triệu đồng/người/năm", "triệu đồng/người/năm", "1e6"),
        ("tỷ đồng", "tỷ đồng", "1e9"),
        ("tỉ đồng", "tỷ đồng", "1e9"),
        ("nghìn tỷ đồng", "nghìn tỷ đồng", "1e12"),
        ("ngàn tỷ đồng", "nghìn tỷ đồng", "1e12"),
        ("USD", "USD", "1"),
        ("triệu USD", "triệu USD", "1e6"),
        ("tỷ USD", "tỷ USD", "1e9"),
        ("USD/người", "USD/người", "1"),
        ("người", "người", "1"),
        ("nghìn người", "nghìn người", "1e3"),
        ("bác sĩ/vạn dân", "bác sĩ/vạn dân", "1"),
        ("giường bệnh/vạn dân", "giường bệnh/vạn dân", "1"),
        ("km", "km", "1"),
        ("km2", "km²", "1"),
        ("km²", "km²", "1"),
        ("ha", "ha", "1"),
        ("lượt khách", "lượt khách", "1"),
        ("triệu lượt khách", "triệu lượt khách", "1e6"),
        ("lượt người", "lượt khách", "1"),
        ("nghìn tấn", "nghìn tấn", "1e3"),
        ("% GRDP", "%", "1"),
    ],
)
def test_a_unit_is_read_normalised_with_its_scale(written, unit, scale):
    read = read_unit(written)

    assert read is not None
    assert (read.text, read.scale) == (unit, Decimal(scale))


@pytest.mark.parametrize("written", ["tham luận", "năm", "hội nghị", "huyện"])
def test_words_that_are_not_units(written):
    assert read_unit(written) is None


def test_102_trieu_dong_is_102_million_dong():
    candidate = only("Đến năm 2030, GRDP bình quân/người khoảng 102 triệu đồng/người.")

    assert (candidate.value, candidate.unit, candidate.scale) == (102, "triệu đồng/người", 10**6)
    assert candidate.value * candidate.scale == 102_000_000


def test_1_2_nghin_ty_dong_is_1_2e12_dong():
    text = "Giai đoạn 2026 - 2030, tổng vốn đầu tư toàn xã hội khoảng 1,2 nghìn tỷ đồng."

    candidate = only(text)

    assert (candidate.value, candidate.unit) == (Decimal("1.2"), "nghìn tỷ đồng")
    assert candidate.value * candidate.scale == Decimal("1.2e12")
    assert candidate.kind == "cumulative"


def test_a_share_of_grdp_is_a_share_in_percent():
    candidate = only("Đến năm 2030, kinh tế số chiếm khoảng 20% GRDP.")

    assert (candidate.kind, candidate.unit, candidate.value) == ("share", "%", 20)
