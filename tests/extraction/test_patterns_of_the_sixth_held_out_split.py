"""What the sixth held-out split of other provinces wrote, read right (issue 12): "của tỉnh"
after a period, a range whose first number carries its own scale, a place with "có" before
a population rate, a one-year growth "từ X% trở lên so với năm 2020", "tăng thu" before what
is raised, a rank among those "tốt nhất", "tỷ trọng … đóng góp X% GRDP", and statements of
what is or was: "hiện đạt", figures beside "bình quân của người dân", a past period's
average. The sentences are variations of the corpus's (tests/extraction/corpus/dev.txt)."""

from decimal import Decimal

from extraction_helpers import read_fields


def test_whose_target_it_is_after_a_period_is_no_part_of_the_indicator():
    text = "Tốc độ tăng trưởng GRDP bình quân giai đoạn 2021-2030 của tỉnh đạt 8-9%/năm."

    assert read_fields(text) == [
        ("Tốc độ tăng trưởng GRDP", "~", 8, 9, "%/năm", "average_growth", (2021, 2030, 2030)),
    ]  # fmt: skip


def test_of_the_province_without_a_period_stays_in_the_indicator():
    text = "Phấn đấu đến năm 2030, tốc độ tăng GRDP của tỉnh đạt bình quân 7%/năm."

    assert read_fields(text)[0][0] == "tốc độ tăng GRDP của tỉnh"


def test_a_range_whose_first_number_carries_its_scale_is_one_range():
    text = (
        "Mục tiêu đến năm 2030: huy động vốn đầu tư toàn xã hội đạt từ 200 nghìn tỷ đến 250 "
        "nghìn tỷ đồng."
    )

    assert read_fields(text) == [
        ("huy động vốn đầu tư toàn xã hội", "~", 200, 250, "nghìn tỷ đồng", "cumulative",
         (None, 2030, 2030)),
    ]  # fmt: skip


def test_a_scale_without_a_second_number_of_that_scale_makes_no_range():
    text = (
        "Mục tiêu đến năm 2030: tổng thu ngân sách đạt 12 nghìn tỷ đến năm 2030 là 15 nghìn "
        "tỷ đồng."
    )

    assert [row[2:4] for row in read_fields(text)] == [(15, None)]


def test_a_place_that_has_a_population_rate_is_its_subject():
    text = "Về xã hội, đến 2030, Bạc Liêu có tốc độ tăng dân số bình quân 0,8 %/năm."

    assert read_fields(text) == [
        ("tốc độ tăng dân số", "=", Decimal("0.8"), None, "%/năm", "level", (None, None, 2030)),
    ]  # fmt: skip


def test_a_floor_of_growth_over_last_year_is_a_target():
    text = "Mục tiêu tổng quát\nPhấn đấu tốc độ tăng trưởng GRDP từ 9% trở lên so với năm 2021."

    assert read_fields(text) == [
        ("tốc độ tăng trưởng GRDP", ">=", 9, None, "%", "level", (None, None, None)),
    ]  # fmt: skip


def test_a_rise_over_last_year_is_still_a_result():
    text = "Phấn đấu năm 2024 thu ngân sách tăng 12% so với năm 2023."

    assert read_fields(text) == []


def test_raising_a_revenue_leaves_the_verb_out_of_the_indicator():
    text = "Giai đoạn 2021-2025 phấn đấu tăng thu nội địa tối thiểu 12%/năm."

    assert read_fields(text)[0][:5] == ("thu nội địa", ">=", 12, None, "%/năm")


def test_a_rank_among_the_best_names_what_it_ranks():
    text = (
        "Phấn đấu đến năm 2030, đưa tỉnh nằm trong nhóm 5 tỉnh, thành phố có các chỉ số về "
        "môi trường đầu tư tốt nhất vùng."
    )

    assert read_fields(text) == [
        ("các chỉ số về môi trường đầu tư", "<=", 5, None, "hạng", "rank", (None, None, 2030)),
    ]  # fmt: skip


def test_a_sector_that_contributes_a_share_of_grdp_is_a_share():
    text = "Mục tiêu đến năm 2030, tỷ trọng dịch vụ đóng góp 45% GRDP."

    assert read_fields(text) == [
        ("tỷ trọng dịch vụ", "=", 45, None, "%", "share", (None, None, 2030))
    ]


def test_what_is_now_is_no_target_even_in_a_passage_of_targets():
    text = (
        "Mục tiêu của tỉnh là đến năm 2030 trở thành địa phương phát triển khá.\n"
        "Cụ thể, thu nhập bình quân đầu người hiện đạt hơn 55 triệu đồng, gấp 10 lần so với "
        "năm 2005."
    )

    assert read_fields(text) == []


def test_an_average_of_the_peoples_income_is_no_target_cue():
    text = (
        "Về kinh tế năm 2019, tỉnh có mức tăng trưởng 9,5%, tổng thu nhập bình quân của "
        "người dân là trên 50 triệu đồng/người/năm, tỉ lệ hộ nghèo giảm còn 2,5%."
    )

    assert read_fields(text) == []


def test_a_period_that_ended_before_the_plan_began_tells_what_happened():
    text = (
        "Hội nghị thẩm định Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.\n"
        "Giai đoạn 2011 - 2020, tốc độ tăng trưởng kinh tế bình quân của tỉnh đạt 6,1%/năm."
    )

    assert read_fields(text) == []


def test_a_past_period_in_an_older_plan_is_still_a_target():
    text = (
        "Quy hoạch tổng thể phát triển kinh tế - xã hội tỉnh đến năm 2020, giai đoạn 2011 - "
        "2020.\nGiai đoạn 2011 - 2015, tốc độ tăng trưởng bình quân đạt 10%/năm."
    )

    assert [row[:2] for row in read_fields(text)] == [("tốc độ tăng trưởng", ">=")]
