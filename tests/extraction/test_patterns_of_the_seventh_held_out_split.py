"""What the seventh held-out split of other provinces wrote, read right (issue 12): reports
on targets met ("hoàn thành 19/25 chỉ tiêu", "đã hoàn thành thắng lợi các chỉ tiêu", "đạt
277% kế hoạch năm", "(kế hoạch tăng 8,5 - 8,7%)") whose figures are results, "so năm 2015"
as a comparison, a named place after a period, "có bằng cấp", a list of shares headed by its
own year, a part in parentheses after "trong đó", "tăng từ X%/năm" as a floor, "ước đạt" in
a plan, "dân số trung bình", "tăng từ 7 - 7,5% so với năm 2021" as a one-year target. The
sentences are variations of the corpus's (tests/extraction/corpus/dev.txt)."""

from decimal import Decimal

from extraction_helpers import read_fields


def test_a_report_of_targets_met_gives_no_candidate():
    text = (
        "Nhiệm kỳ qua tỉnh Lạc Sơn hoàn thành 18/24 chỉ tiêu chủ yếu đề ra. Kinh tế tăng "
        "trưởng khá; tổng sản phẩm trong tỉnh tăng bình quân 9,5%/năm.\n"
        "Thu ngân sách đạt 2.100 tỉ đồng; thu nhập bình quân đầu người tăng gấp 2,1 lần.\n"
        "Tỉnh đã tạo việc làm mới cho 60.000 lao động; tỷ lệ hộ nghèo xuống còn 4,2%."
    )

    assert read_fields(text) == []


def test_targets_met_with_honours_open_a_passage_of_results():
    text = (
        "Trong giai đoạn 2016 - 2020, tỉnh đã hoàn thành thắng lợi các chỉ tiêu Nghị quyết "
        "Đại hội; GRDP tăng bình quân 7%/năm. Tỷ trọng dịch vụ chiếm 40%.\n"
        "Đến năm 2020, thu nhập bình quân đầu người đạt trên 50 triệu đồng."
    )

    assert read_fields(text) == []


def test_a_share_of_the_plan_met_is_a_result():
    text = (
        "Năm 2023, toàn tỉnh thu hút được 40 dự án FDI, với số vốn đăng ký hơn 600 triệu "
        "USD, đạt 250% kế hoạch năm. Lần đầu tiên tỉnh lọt top 10 địa phương thu hút vốn FDI."
    )

    assert read_fields(text) == []


def test_a_figure_beside_its_plan_is_a_result_and_the_plan_after_it_a_target():
    text = (
        "Trong năm 2021, GRDP tăng 3,1% (kế hoạch tăng 8 - 8,5%); GRDP bình quân đầu người "
        "đạt hơn 150 triệu đồng.\n"
        "Nghị quyết về Kế hoạch năm 2022 đặt mục tiêu: thu nhập bình quân đầu người đạt "
        "khoảng 170 triệu đồng/năm."
    )

    assert read_fields(text) == [
        ("thu nhập bình quân đầu người", "~", 170, None, "triệu đồng/năm", "level",
         (None, None, 2022)),
    ]  # fmt: skip


def test_completing_the_targets_ahead_is_no_report():
    text = "Phấn đấu hoàn thành các chỉ tiêu nhiệm kỳ; đến năm 2025 tỷ lệ đô thị hóa đạt 45%."

    assert [row[0] for row in read_fields(text)] == ["tỷ lệ đô thị hóa"]


def test_so_without_voi_compares_with_a_year_gone():
    text = (
        "5 năm qua, Đồng Nai đã đạt nhiều kết quả quan trọng. Kinh tế tăng trưởng cao, GRDP "
        "bình quân đầu người đến năm 2020 khoảng 5.000 USD, gấp 1,6 lần so năm 2015."
    )

    assert read_fields(text) == []


def test_a_named_place_after_a_period_is_no_part_of_the_indicator():
    text = (
        "Tốc độ tăng trưởng kinh tế bình quân thời kỳ 2021-2030 của Bình Dương đạt khoảng 10%/năm."
    )

    assert read_fields(text)[0][0] == "Tốc độ tăng trưởng kinh tế"


def test_a_named_place_before_a_period_is_no_part_of_the_indicator():
    text = "Mục tiêu: tốc độ tăng trưởng GDP của Ninh Thuận giai đoạn 2016 - 2020 đạt 11%/năm."

    assert read_fields(text)[0][0] == "tốc độ tăng trưởng GDP"


def test_with_a_degree_keeps_its_verb():
    text = "Mục tiêu đến năm 2030: tỷ lệ lao động qua đào tạo đạt 85%, trong đó có bằng cấp là 38%."

    assert [row[0] for row in read_fields(text)] == ["tỷ lệ lao động qua đào tạo", "có bằng cấp"]


def test_shares_under_their_own_year_do_not_take_the_sentences_range():
    text = (
        "GRDP tăng trưởng bình quân thời kỳ 2021-2030 khoảng 8%/năm; cơ cấu kinh tế đến năm "
        "2030: công nghiệp-xây dựng khoảng 55%; dịch vụ 30%; nông, lâm nghiệp, thủy sản 7%;"
    )

    assert [(row[0], row[6]) for row in read_fields(text)] == [
        ("GRDP tăng trưởng", (2021, 2030, 2030)),
        ("công nghiệp-xây dựng", (None, None, 2030)),
        ("dịch vụ", (None, None, 2030)),
        ("nông, lâm nghiệp, thủy sản", (None, None, 2030)),
    ]


def test_a_part_in_parentheses_after_trong_do_is_a_target():
    text = (
        "Cơ cấu kinh tế đến năm 2030: công nghiệp-xây dựng khoảng 50% (trong đó công nghiệp "
        "chế biến, chế tạo trong GRDP khoảng 35-38%); dịch vụ 35%."
    )

    assert [row[0] for row in read_fields(text)] == [
        "công nghiệp-xây dựng",
        "công nghiệp chế biến, chế tạo trong GRDP",
        "dịch vụ",
    ]


def test_growth_from_a_rate_a_year_is_a_floor():
    text = "Mục tiêu giai đoạn 2021-2025:\n- Giá trị sản xuất công nghiệp tăng từ 8,5%/năm."

    assert read_fields(text) == [
        ("Giá trị sản xuất công nghiệp", ">=", Decimal("8.5"), None, "%/năm", "average_growth",
         (2021, 2025, 2025)),
    ]  # fmt: skip


def test_growth_from_one_value_to_another_is_still_a_result():
    text = "Mục tiêu đã đặt ra; tỷ lệ đô thị hóa tăng từ 30% năm 2015 lên 35% năm 2020."

    assert read_fields(text) == []


def test_an_estimate_aimed_at_is_a_target():
    text = (
        "Theo quy hoạch, mục tiêu giai đoạn 2026-2030 tăng trưởng bình quân trên 9%/năm; "
        "phấn đấu đến 2030 tổng thu ngân sách ước đạt 50.000 tỷ đồng."
    )

    assert read_fields(text)[1] == (
        "tổng thu ngân sách", "~", 50000, None, "tỷ đồng", "level", (None, None, 2030),
    )  # fmt: skip


def test_an_estimate_of_what_happened_is_still_a_result():
    text = "Năm 2024, tổng thu ngân sách ước đạt 45.000 tỷ đồng."

    assert read_fields(text) == []


def test_the_average_population_is_its_indicator():
    text = "Thành phố cũng đặt mục tiêu dân số trung bình hơn 3 triệu người."

    assert read_fields(text)[0][0] == "dân số trung bình"


def test_a_range_of_growth_over_last_year_is_a_target():
    text = (
        "Nghị quyết về Kế hoạch năm 2022 đặt mục tiêu: Tổng sản phẩm trong tỉnh (GRDP) tăng "
        "từ 7 - 7,5% so với năm 2021."
    )

    assert read_fields(text) == [
        ("Tổng sản phẩm trong tỉnh (GRDP)", "~", 7, Decimal("7.5"), "%", "level",
         (None, None, 2022)),
    ]  # fmt: skip


def test_one_figure_of_growth_over_last_year_is_still_a_result():
    text = "Mục tiêu đã đạt: năm 2021 tổng sản phẩm trong tỉnh tăng 2,6% so với năm 2020."

    assert read_fields(text) == []
