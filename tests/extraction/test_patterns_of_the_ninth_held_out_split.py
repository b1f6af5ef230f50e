"""What the ninth held-out split of other provinces wrote, read right (issue 12), and the
leftovers of the seventh and eighth splits fixed with it: a report of targets met "đã thực
hiện đạt và vượt hầu hết các chỉ tiêu", a term gone told before the period a text aims at,
a span of years before the value ("… 5 năm đạt"), a sector's growth as the subject of "với
tốc độ tăng trưởng … lên tới" and in parentheses after its name, "giảm/tăng tỷ trọng" before
a sector, "thu hút … khách du lịch", "Vốn đầu tư thực hiện" as a year's level, a subject and
its goal verb before the indicator, "tốc độ … bình quân hằng năm", "tăng tự nhiên", "đến cuối
năm", "phấn đấu đóng góp … vào GDP" and "65.000 căn nhà ở xã hội trở lên". The sentences are
variations of the corpus's (tests/extraction/corpus/dev.txt)."""

from decimal import Decimal

from extraction_helpers import read_fields


def test_targets_met_and_exceeded_open_a_passage_of_results():
    text = (
        "Nhiệm kỳ vừa qua, tỉnh đã thực hiện đạt và vượt hầu hết các chỉ tiêu Nghị quyết; "
        "trong đó, tốc độ tăng trưởng kinh tế bình quân giai đoạn 2016-2020 đạt 7,2%; GRDP "
        "bình quân đầu người đạt 2.900 USD/người/năm."
    )

    assert read_fields(text) == []


def test_a_term_gone_before_the_period_aimed_at_is_a_result():
    text = (
        "Nhiệm kỳ 2020-2025, tốc độ tăng trưởng GRDP của tỉnh bình quân đạt 7,1%/năm; năm 2025 "
        "dự kiến tăng 8,5%.\n"
        "Giai đoạn 2026-2030, tỉnh đặt mục tiêu tốc độ tăng trưởng GRDP đạt 10%-11%/năm."
    )

    assert read_fields(text) == [
        ("tốc độ tăng trưởng GRDP", "~", 10, 11, "%/năm", "average_growth", (2026, 2030, 2030)),
    ]  # fmt: skip


def test_a_span_of_years_is_the_predicates_and_an_amount_over_it_is_cumulative():
    text = (
        "Giai đoạn 2020-2025 phấn đấu đưa tốc độ tăng trưởng GRDP bình quân 5 năm đạt từ "
        "7-7,5%; kim ngạch xuất khẩu 5 năm đạt 4,8 tỷ USD; thu ngân sách 5 năm đạt 38.000 tỷ "
        "đồng."
    )

    assert read_fields(text) == [
        ("tốc độ tăng trưởng GRDP", "~", 7, Decimal("7.5"), "%/năm", "average_growth",
         (2020, 2025, 2025)),
        ("kim ngạch xuất khẩu", "=", Decimal("4.8"), None, "tỷ USD", "cumulative",
         (2020, 2025, 2025)),
        ("thu ngân sách", "=", 38000, None, "tỷ đồng", "cumulative", (2020, 2025, 2025)),
    ]  # fmt: skip


def test_sectors_named_as_subjects_in_parentheses_and_after_a_change_of_share():
    text = (
        "Kịch bản tăng trưởng giai đoạn 2026-2030 đặt mục tiêu GRDP bình quân trên 10%/năm, "
        "trong đó khu vực Công nghiệp - Xây dựng được kỳ vọng dẫn dắt với tốc độ tăng trưởng "
        "bình quân lên tới 15,2%/năm, tiếp theo là Dịch vụ (10,4%/năm). Cơ cấu kinh tế dự kiến "
        "chuyển dịch mạnh, giảm tỷ trọng nông nghiệp xuống còn 25,1% và tăng tỷ trọng công "
        "nghiệp - xây dựng lên 30,2%, dịch vụ lên 40,5% vào năm 2030."
    )

    rows = read_fields(text)

    assert [row[0] for row in rows] == [
        "GRDP",
        "khu vực Công nghiệp - Xây dựng",
        "Dịch vụ",
        "nông nghiệp",
        "công nghiệp - xây dựng",
        "dịch vụ",
    ]
    assert rows[1][1:] == ("=", Decimal("15.2"), None, "%/năm", "average_growth",
                           (2026, 2030, 2030))  # fmt: skip
    assert rows[2][1:] == ("=", Decimal("10.4"), None, "%/năm", "average_growth",
                           (2026, 2030, 2030))  # fmt: skip
    assert [row[5] for row in rows[3:]] == ["share", "share", "share"]


def test_visitors_attracted_are_named_after_the_value_in_their_own_unit():
    text = (
        "Đại hội đề ra 20 chỉ tiêu, trong đó đến năm 2030 thu hút 12 triệu khách du lịch, "
        "doanh thu du lịch 50.000 tỷ đồng."
    )

    assert read_fields(text)[0] == (
        "khách du lịch", "=", 12, None, "triệu khách", "level", (None, None, 2030),
    )  # fmt: skip


def test_investment_made_in_a_year_is_a_level_a_total_is_cumulative():
    text = (
        "Tỉnh đặt mục tiêu đến năm 2030: Vốn đầu tư thực hiện trên địa bàn theo giá hiện hành "
        "150.000 tỷ đồng; tổng vốn đầu tư toàn xã hội giai đoạn 2026-2030 đạt 700.000 tỷ đồng."
    )

    assert [(row[0], row[5], row[6]) for row in read_fields(text)] == [
        ("Vốn đầu tư thực hiện trên địa bàn theo giá hiện hành", "level", (None, None, 2030)),
        ("tổng vốn đầu tư toàn xã hội", "cumulative", (2026, 2030, 2030)),
    ]


def test_a_subject_and_its_goal_verb_are_no_part_of_the_indicator():
    plan = (
        "Theo Quy hoạch tỉnh được Hội đồng nhân dân thông qua ngày 12/3, Nam Sơn xác định giai "
        "đoạn 2026-2030 phải đạt tốc độ tăng trưởng kinh tế (GRDP) bình quân từ 10%/năm trở "
        "lên."
    )
    city = "Năm 2024, Thành phố Nam Sơn phấn đấu đạt mức tăng trưởng GRDP từ 9,5% trở lên."

    assert [row[0] for row in read_fields(plan)] == ["tốc độ tăng trưởng kinh tế (GRDP)"]
    assert [row[0] for row in read_fields(city)] == ["mức tăng trưởng GRDP"]


def test_a_speed_a_year_the_natural_growth_and_the_end_of_a_year():
    growth = (
        "Giai đoạn 2021-2025, phấn đấu tốc độ GRDP bình quân hằng năm khoảng 8%; GRDP bình "
        "quân đầu người đến cuối năm 2025 khoảng 8.000 USD."
    )
    population = (
        "Tốc độ tăng dân số bình quân giai đoạn 2021-2030 đạt 2,5%/năm; trong đó tăng tự nhiên "
        "khoảng 1,2 - 1,3%/năm."
    )

    assert read_fields(growth) == [
        ("tốc độ GRDP", "~", 8, None, "%/năm", "average_growth", (2021, 2025, 2025)),
        ("GRDP bình quân đầu người", "~", 8000, None, "USD", "level", (None, None, 2025)),
    ]  # fmt: skip
    assert read_fields(population)[1][0] == "tăng tự nhiên"
    assert read_fields(population)[1][5] == "level"


def test_a_contribution_aimed_at_is_a_share():
    text = "Đến năm 2030, Nam Sơn phấn đấu đóng góp khoảng 3,5% vào GDP cả nước."

    assert read_fields(text) == [
        ("đóng góp", "~", Decimal("3.5"), None, "%", "share", (None, None, 2030)),
    ]  # fmt: skip


def test_dwellings_completed_over_the_period_are_cumulative():
    text = (
        "Giai đoạn 2025 - 2030, tốc độ tăng trưởng kinh tế đạt 10%/năm. Về xã hội, đến năm "
        "2030, tỷ lệ đô thị hóa đạt 50%; hoàn thành 20.000 căn nhà ở xã hội trở lên."
    )

    assert read_fields(text)[-1] == (
        "nhà ở xã hội", ">=", 20000, None, "căn", "cumulative", (2025, 2030, 2030),
    )  # fmt: skip
