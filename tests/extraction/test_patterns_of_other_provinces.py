"""What other provinces write, read right (issue 12): structures with no target word,
ranks, counts, old target years and two years in one sentence, per mille, glued currency,
"% GDP", parts in parentheses, "name: value", indicators written after the value."""

from decimal import Decimal

from extraction_helpers import only, read_fields

from plantrack.extraction.extractor import extract_targets


def test_a_structure_with_no_target_word_after_a_target_sentence_gives_its_shares():
    text = (
        "Về kinh tế: Tốc độ tăng trưởng kinh tế bình quân giai đoạn 2021 - 2030 đạt khoảng "
        "8%/năm.\nCơ cấu kinh tế: Nông, lâm nghiệp - thủy sản chiếm khoảng 22 - 23%; công "
        "nghiệp - xây dựng chiếm khoảng 29,0%; Thuế sản phẩm, trừ trợ cấp sản phẩm khoảng 4 - 5%."
    )

    assert read_fields(text)[1:] == [
        ("Nông, lâm nghiệp - thủy sản", "~", 22, 23, "%", "share", (None, None, 2030)),
        ("công nghiệp - xây dựng", "~", Decimal("29.0"), None, "%", "share", (None, None, 2030)),
        ("Thuế sản phẩm, trừ trợ cấp sản phẩm", "~", 4, 5, "%", "share", (None, None, 2030)),
    ]


def test_a_results_structure_is_not_read_as_targets():
    text = (
        "Năm 2025, tốc độ tăng trưởng GRDP của tỉnh đạt 8,06%, đứng thứ ba trong vùng. Cơ cấu "
        "kinh tế tiếp tục chuyển dịch đúng hướng với nông - lâm nghiệp chiếm 20,28%, công "
        "nghiệp - xây dựng 28,33%."
    )

    assert extract_targets(text) == []


def test_a_rank_in_a_group_of_provinces_is_a_ceiling():
    text = (
        "Phấn đấu đến năm 2030, tỉnh Lạng Sơn có quy mô kinh tế và GRDP bình quân đầu người "
        "trong nhóm 5 tỉnh dẫn đầu của vùng trung du và miền núi phía Bắc."
    )

    assert read_fields(text) == [
        ("quy mô kinh tế và GRDP bình quân đầu người", "<=", 5, None, "hạng", "rank",
         (None, None, 2030)),
    ]  # fmt: skip


def test_a_rank_may_name_its_indicator_after_it():
    text = (
        "Đến năm 2030, Lào Cai phấn đấu xếp trong Top 10 tỉnh, thành phố có tổng sản phẩm "
        "trên địa bàn (GRDP)/người cao nhất cả nước."
    )

    assert read_fields(text) == [
        ("tổng sản phẩm trên địa bàn (GRDP)/người", "<=", 10, None, "hạng", "rank",
         (None, None, 2030)),
    ]  # fmt: skip


def test_counts_of_towns_give_one_candidate_each():
    text = "Đến năm 2030, tỉnh có 11 đô thị, trong đó 1 đô thị loại II và 2 đô thị loại IV."

    assert [(name, value, unit) for name, _, value, _, unit, _, _ in read_fields(text)] == [
        ("đô thị", 11, "đô thị"),
        ("đô thị loại II", 1, "đô thị"),
        ("đô thị loại IV", 2, "đô thị"),
    ]


def test_counts_in_the_scope_of_a_plan_are_no_targets():
    text = (
        "Phạm vi quy hoạch đến năm 2030 bao gồm toàn bộ tỉnh với 9 đơn vị hành chính: 3 "
        "thành phố và 6 huyện."
    )

    assert extract_targets(text) == []


def test_targets_for_two_past_years_in_one_sentence_take_each_its_year():
    text = (
        "Phấn đấu đến năm 2015 thu nhập bình quân đầu người đạt 1.000 USD/năm, đến năm 2020 "
        "đạt 1.800 USD/năm. Phấn đấu giảm tỷ lệ hộ nghèo, đến năm 2015 còn khoảng 28%, năm "
        "2020 còn khoảng 14,36%."
    )

    assert [(value, period) for _, _, value, _, _, _, period in read_fields(text)] == [
        (1000, (None, None, 2015)),
        (1800, (None, None, 2020)),
        (28, (None, None, 2015)),
        (Decimal("14.36"), (None, None, 2020)),
    ]


def test_a_year_after_den_without_nam_is_the_target_year():
    candidate = only("Đại hội thông qua một số chỉ tiêu đến 2015: tăng trưởng kinh tế đạt 14%/năm.")

    assert (candidate.kind, candidate.comparator, candidate.target_year) == (
        "average_growth", ">=", 2015
    )  # fmt: skip


def test_growth_in_two_periods_of_one_sentence():
    text = (
        "Phấn đấu tốc độ tăng trưởng kinh tế bình quân đạt 13%/năm giai đoạn 2011 - 2015 và "
        "14,5%/năm giai đoạn 2016 - 2020."
    )

    assert [(c, v, p) for _, c, v, _, _, _, p in read_fields(text)] == [
        (">=", 13, (2011, 2015, 2015)),
        (">=", Decimal("14.5"), (2016, 2020, 2020)),
    ]


def test_per_mille_a_year():
    candidate = only("Đến năm 2030, mức giảm sinh bình quân 0,2‰/năm.")

    assert (candidate.value, candidate.unit, candidate.kind) == (
        Decimal("0.2"), "‰/năm", "annual_change"
    )  # fmt: skip


def test_per_mille_written_percent_zero_with_the_fall_before_the_indicator():
    candidate = only("Đến năm 2015: Giảm tỷ suất sinh bình quân hàng năm 0,5%0.")

    assert (candidate.indicator_text, candidate.value, candidate.unit, candidate.kind) == (
        "tỷ suất sinh", Decimal("-0.5"), "‰/năm", "annual_change"
    )  # fmt: skip


def test_a_currency_glued_to_its_number():
    candidate = only("Phấn đấu đến năm 2015 thu nhập bình quân đầu người đạt 1.600USD.")

    assert (candidate.value, candidate.unit, candidate.target_year) == (1600, "USD", 2015)


def test_a_share_of_gdp_with_or_without_a_space():
    for written in ("10% GDP", "10%GDP"):
        candidate = only(f"Giai đoạn 2021 - 2025, tỷ lệ huy động vào ngân sách đạt {written}.")

        assert (candidate.value, candidate.unit, candidate.kind) == (10, "%", "share"), written


def test_a_part_in_parentheses_is_a_target_of_its_own():
    text = (
        "Cơ cấu kinh tế đến năm 2030: ngành công nghiệp - xây dựng chiếm khoảng 42,4% (trong "
        "đó công nghiệp chiếm khoảng 12,1%); ngành dịch vụ chiếm khoảng 41,2%."
    )

    assert [(name, value, kind) for name, _, value, _, _, kind, _ in read_fields(text)] == [
        ("ngành công nghiệp - xây dựng", Decimal("42.4"), "share"),
        ("công nghiệp", Decimal("12.1"), "share"),
        ("ngành dịch vụ", Decimal("41.2"), "share"),
    ]


def test_a_conversion_in_parentheses_is_still_no_value():
    candidate = only(
        "Đến năm 2030, GRDP bình quân/người đạt 102 triệu đồng (tương đương 4.000 USD)."
    )

    assert candidate.value == 102


def test_a_name_before_a_colon_names_the_value():
    text = "Các chỉ tiêu chủ yếu\nCơ cấu kinh tế (GRDP): du lịch, dịch vụ: 55%; công nghiệp: 37%."

    assert [(name, value, kind) for name, _, value, _, _, kind, _ in read_fields(text)] == [
        ("du lịch, dịch vụ", 55, "share"),
        ("công nghiệp", 37, "share"),
    ]


def test_an_indicator_written_after_a_percentage():
    text = (
        "Năm 2030, tỉnh phấn đấu 82% trường học đạt chuẩn quốc gia; mỗi năm giảm trung bình 2 - "
        "3% hộ nghèo."
    )

    assert read_fields(text) == [
        ("trường học đạt chuẩn quốc gia", "=", 82, None, "%", "level", (None, None, 2030)),
        ("hộ nghèo", "~", -3, -2, "điểm %/năm", "annual_change", (None, 2030, 2030)),
    ]


def test_a_population_growth_rate_is_a_level():
    candidate = only("Giai đoạn 2021 - 2030, tỷ lệ tăng dân số tự nhiên ở mức 0,98%/năm.")

    assert (candidate.kind, candidate.unit, candidate.value) == ("level", "%/năm", Decimal("0.98"))


def test_sector_growth_after_an_average_is_an_average_growth_too():
    text = (
        "Giai đoạn 2021 - 2025, tổng sản phẩm bình quân hàng năm tăng 7,0 - 7,5%; trong đó "
        "dịch vụ tăng 7,1 - 7,5%."
    )

    assert [(name, kind, unit) for name, _, _, _, unit, kind, _ in read_fields(text)] == [
        ("tổng sản phẩm", "average_growth", "%/năm"),
        ("dịch vụ", "average_growth", "%/năm"),
    ]


def test_a_subject_and_a_goal_verb_are_not_part_of_the_indicator():
    candidate = only(
        "Về kinh tế, quy hoạch đặt mục tiêu tốc độ tăng trưởng kinh tế (GRDP) bình quân giai "
        "đoạn 2021 - 2030 đạt trên 7,5%."
    )

    assert candidate.indicator_text == "tốc độ tăng trưởng kinh tế (GRDP)"


def test_results_words_of_other_provinces_are_not_targets():
    for text in (
        "Kim ngạch xuất khẩu đạt 1,6 tỷ USD và hoàn thành 100% kế hoạch giao.",
        "Sản lượng lương thực có hạt đạt 285.920 tấn, vượt 4,16% kế hoạch.",
        "Quy mô kinh tế tăng trưởng nhanh, năm 2024 đạt 354,6 nghìn tỷ đồng, đứng thứ 6 cả "
        "nước và dự kiến năm 2025 đạt 390 nghìn tỷ đồng.",
    ):
        assert extract_targets(text) == [], text
