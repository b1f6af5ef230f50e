"""What the fourth held-out split of other provinces wrote, read right (issue 12): a period
before a colon, a yearly fall without "/năm" and its part, a share "trong đó … chiếm", an
indicator with "và" inside it, "dự kiến sẽ", and what is planted or built named after the
value. The sentences are variations of the corpus's (tests/extraction/corpus/dev.txt)."""

from decimal import Decimal

from extraction_helpers import only, read_fields


def test_a_period_before_a_colon_is_the_targets_not_its_name():
    candidate = only("Mục tiêu về kinh tế: GRDP bình quân đầu người đến năm 2030: 250 triệu đồng.")

    assert candidate.indicator_text == "GRDP bình quân đầu người"
    assert candidate.target_year == 2030


def test_a_fall_each_year_without_per_year_is_an_annual_change_and_so_is_its_part():
    text = (
        "Giai đoạn 2021 - 2030, tỷ lệ hộ nghèo giảm hàng năm 1% - 1,5%, trong đó hộ nghèo "
        "người dân tộc thiểu số 2% - 3%/năm; 80% số xã đạt chuẩn nông thôn mới."
    )

    assert read_fields(text) == [
        ("tỷ lệ hộ nghèo", "~", Decimal("-1.5"), -1, "điểm %/năm", "annual_change",
         (2021, 2030, 2030)),
        ("hộ nghèo người dân tộc thiểu số", "~", -3, -2, "điểm %/năm", "annual_change",
         (2021, 2030, 2030)),
        ("số xã đạt chuẩn nông thôn mới", "=", 80, None, "%", "level", (2021, 2030, 2030)),
    ]  # fmt: skip


def test_a_part_that_takes_a_percentage_of_the_whole_before_it_is_a_share():
    text = (
        "Đến năm 2025, lượng khách du lịch tăng bình quân 10%/năm; trong đó, khách quốc tế "
        "chiếm khoảng 15%."
    )

    assert read_fields(text)[1][0] == "khách quốc tế"
    assert read_fields(text)[1][5] == "share"


def test_and_between_two_verbs_stays_inside_an_indicator_written_after_the_value():
    candidate = only(
        "Đến năm 2025, có ít nhất 90% chất thải rắn y tế được thu gom và xử lý đạt quy chuẩn."
    )

    assert candidate.indicator_text == "chất thải rắn y tế được thu gom và xử lý đạt quy chuẩn"


def test_expected_will_is_not_part_of_the_indicator():
    candidate = only("GRDP bình quân đầu người dự kiến sẽ đạt 200 triệu đồng vào năm 2030.")

    assert candidate.indicator_text == "GRDP bình quân đầu người"


def test_what_is_planted_or_built_is_named_after_the_value():
    text = (
        "Các chỉ tiêu chủ yếu năm 2026: trồng mới được 1.500 ha cây ăn quả, 300 ha cây dược "
        "liệu và 200 ha chè; trồng mới 2.000 ha rừng; xây dựng mới và nâng cấp 50 km đường "
        "giao thông nông thôn."
    )

    assert [
        (name, value, unit, kind) for name, _, value, _, unit, kind, _ in read_fields(text)
    ] == [
        ("cây ăn quả", 1500, "ha", "cumulative"),
        ("cây dược liệu", 300, "ha", "cumulative"),
        ("chè", 200, "ha", "cumulative"),
        ("rừng", 2000, "ha", "cumulative"),
        ("đường giao thông nông thôn", 50, "km", "cumulative"),
    ]


def test_an_area_after_an_indicator_of_its_own_keeps_that_indicator():
    candidate = only("Đến năm 2030, diện tích trồng cây ăn quả đạt 5.000 ha tập trung.")

    assert candidate.indicator_text == "diện tích trồng cây ăn quả"
