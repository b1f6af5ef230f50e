"""What the eighth held-out split of other provinces wrote, read right (issue 12): the upper
number of a conversion after a comma ("tương đương 14.800-15.400 USD"), a share that "tiếp
tục tăng, đến năm 2020 chiếm …" in a report, a relative figure "gấp 1,3 lần năm 2020", and
what the rest of a year must bring ("mục tiêu 10,3% giai đoạn còn lại") or a target restated
"như đã đề ra". The sentences are variations of the corpus's (tests/extraction/corpus/dev.txt)."""

from extraction_helpers import read_fields


def test_a_conversion_after_a_comma_gives_no_candidate_of_its_own():
    text = (
        "Đến năm 2030, GRDP bình quân đầu người theo giá hiện hành đạt 300-320 triệu đồng, "
        "tương đương 11.500-12.300 USD."
    )

    assert read_fields(text) == [
        ("GRDP bình quân đầu người theo giá hiện hành", "~", 300, 320, "triệu đồng", "level",
         (None, None, 2030)),
    ]  # fmt: skip


def test_a_share_that_went_on_rising_is_a_result():
    text = (
        "Trong nhiệm kỳ 2015 - 2020, kinh tế tỉnh tăng trưởng khá. Tỷ trọng kinh tế tỉnh "
        "trong kinh tế cả vùng tiếp tục tăng, đến năm 2020 chiếm gần 18% GRDP cả vùng."
    )

    assert read_fields(text) == []


def test_a_multiple_of_a_year_gone_is_no_target():
    text = (
        "Trong giai đoạn 2020 - 2025, tỉnh đặt mục tiêu tăng trưởng bình quân khoảng 8%/năm. "
        "GRDP bình quân đầu người năm 2025 đạt trên 6.000 USD/người, gấp 1,4 lần năm 2020."
    )

    assert [row[0] for row in read_fields(text)] == ["tăng trưởng", "GRDP bình quân đầu người"]


def test_the_rest_of_a_year_and_a_target_restated_are_no_targets():
    text = (
        "6 tháng đầu năm, tỉnh tăng trưởng 5,9%. Do đó, mục tiêu 9,8% giai đoạn còn lại đảm "
        "bảo tăng trưởng GRDP cả năm từ 8% như đã đề ra."
    )

    assert read_fields(text) == []
