"""What the fifth held-out split of other provinces wrote, read right (issue 12): a ratio "so
với GDP", a list of shares named by the shares before it, an indicator that stops before the
next target's comma, "từ X%/năm" as a floor, words before a colon that only say how the values
go, a rank whose indicator stands before it, an aside in parentheses, a five-year total, "dược
sĩ", "có thêm", and a statistic of a past year. The sentences are variations of the corpus's
(tests/extraction/corpus/dev.txt)."""

from decimal import Decimal

from extraction_helpers import only, read_fields


def test_a_ratio_to_gdp_is_a_target_not_a_comparison():
    text = (
        "- Tỷ lệ thu ngân sách so với GRDP giai đoạn 2021 - 2025 đạt khoảng 12 - 13% và "
        "giai đoạn 2026 - 2030 đạt khoảng 14%."
    )

    assert read_fields(text) == [
        ("Tỷ lệ thu ngân sách so với GRDP", "~", 12, 13, "%", "level", (2021, 2025, 2025)),
        ("Tỷ lệ thu ngân sách so với GRDP", "~", 14, None, "%", "level", (2026, 2030, 2030)),
    ]  # fmt: skip


def test_a_list_without_names_takes_the_sectors_of_the_shares_before_it():
    text = (
        "Mục tiêu cơ cấu kinh tế năm 2025: công nghiệp - xây dựng đạt 40%; nông nghiệp đạt "
        "15%; dịch vụ đạt 45%. Năm 2030 đạt tương ứng: 44%; 10% và 46%."
    )

    names = [row[0] for row in read_fields(text)]

    assert names == ["công nghiệp - xây dựng", "nông nghiệp", "dịch vụ"] * 2
    assert [row[5] for row in read_fields(text)] == ["share"] * 6


def test_a_counted_noun_stops_at_the_comma_of_the_next_target():
    text = (
        "Phấn đấu đến năm 2030 đón 5.000.000 lượt khách, trong đó có 400.000 lượt khách quốc "
        "tế, đóng góp GRDP của ngành du lịch trong tổng GRDP của tỉnh đạt khoảng 12%."
    )

    rows = read_fields(text)

    assert rows[1][0] == "khách quốc tế"
    assert rows[2][:2] == ("đóng góp GRDP của ngành du lịch trong tổng GRDP của tỉnh", "~")
    assert rows[2][5] == "share"


def test_from_a_growth_rate_is_a_floor_and_a_part_of_a_fall_falls_too():
    text = (
        "Giai đoạn 2021 - 2025, tỷ lệ hộ nghèo giảm bình quân 1 - 1,5%/năm, riêng các xã "
        "đặc biệt khó khăn giảm bình quân 3%/năm; tốc độ tăng GRDP bình quân từ 7,5%/năm."
    )

    assert read_fields(text)[1:] == [
        ("các xã đặc biệt khó khăn", "=", -3, None, "điểm %/năm", "annual_change",
         (2021, 2025, 2025)),
        ("tốc độ tăng GRDP", ">=", Decimal("7.5"), None, "%/năm", "average_growth",
         (2021, 2025, 2025)),
    ]  # fmt: skip


def test_words_before_a_colon_that_say_how_the_values_go_are_not_the_indicator():
    text = (
        "Theo dự kiến, thu nhập bình quân đầu người sẽ tăng dần qua các năm: năm 2026 đạt 80 "
        "triệu đồng; năm 2027 đạt 90 triệu đồng."
    )

    assert [row[0] for row in read_fields(text)] == ["thu nhập bình quân đầu người"] * 2


def test_a_rank_with_its_indicator_before_it_lends_it_to_the_next_value():
    text = (
        "Đến năm 2030, GRDP bình quân đầu người phấn đấu vào nhóm 20 tỉnh, thành phố cao nhất "
        "cả nước, và đạt 150 triệu đồng/người/năm."
    )

    assert read_fields(text) == [
        ("GRDP bình quân đầu người", "<=", 20, None, "hạng", "rank", (None, None, 2030)),
        ("GRDP bình quân đầu người", "=", 150, None, "triệu đồng/người/năm", "level",
         (None, None, 2030)),
    ]  # fmt: skip


def test_the_whole_a_rank_is_among_and_the_last_of_a_list_of_counts_are_left_out():
    rank = only(
        "Mục tiêu đến năm 2030 thuộc nhóm 12 tỉnh, thành phố đứng đầu về quy mô công nghiệp "
        "của cả nước."
    )
    towns = read_fields(
        "Đến năm 2030, tỉnh sẽ có 1 đô thị loại II, 3 đô thị loại IV và các đô thị loại V."
    )

    assert rank.indicator_text == "quy mô công nghiệp"
    assert [row[0] for row in towns] == ["đô thị loại II", "đô thị loại IV"]


def test_an_aside_in_parentheses_belongs_to_the_value_before_it():
    text = (
        "Phấn đấu đến năm 2030, GRDP bình quân đầu người từ 200 đến 210 triệu đồng (tương "
        "đương 8.000 USD) và thu nhập bình quân đầu người khoảng 90 triệu đồng/năm."
    )

    assert read_fields(text)[1][0] == "thu nhập bình quân đầu người"


def test_a_five_year_total_raised_and_what_is_added_are_cumulative():
    text = (
        "Giai đoạn 2026 - 2030, tổng huy động vốn đầu tư toàn xã hội đạt 400 nghìn tỷ đồng; "
        "có thêm 10 xã đạt chuẩn nông thôn mới nâng cao; số dược sĩ/vạn dân đạt 4 dược sĩ."
    )

    assert read_fields(text) == [
        ("tổng huy động vốn đầu tư toàn xã hội", "=", 400, None, "nghìn tỷ đồng", "cumulative",
         (2026, 2030, 2030)),
        ("xã đạt chuẩn nông thôn mới nâng cao", "=", 10, None, "xã", "cumulative",
         (2026, 2030, 2030)),
        ("số dược sĩ/vạn dân", "=", 4, None, "dược sĩ", "level", (2026, 2030, 2030)),
    ]  # fmt: skip


def test_about_above_or_below_is_about_and_a_past_years_statistic_is_no_target():
    text = (
        "Phấn đấu kim ngạch xuất khẩu đến năm 2030 đạt khoảng trên dưới 2 tỷ USD. Theo số "
        "liệu thống kê, năm 2020 GRDP bình quân đầu người của tỉnh đạt 3.000 USD."
    )

    assert read_fields(text) == [
        ("kim ngạch xuất khẩu", "~", 2, None, "tỷ USD", "level", (None, None, 2030)),
    ]
