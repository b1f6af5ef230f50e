"""Statements of results achieved are not targets ("năm 2024 tăng trưởng ước đạt 6,74%")."""

import pytest

from plantrack.extraction.extractor import extract_targets

RESULTS = [
    "Năm 2024 tăng trưởng ước đạt 6,74%.",
    "Năm 2024, tăng trưởng kinh tế ước đạt 6,74%, cao hơn năm 2023 3,01 điểm %.",
    "Trong quý I/2025, tổng sản phẩm trên địa bàn tỉnh (GRDP) ước tính tăng 6,01%, xếp thứ "
    "55/63 tỉnh, thành phố cả nước.",
    "Cụ thể, khu vực nông, lâm nghiệp và thủy sản tăng 1,96%, đóng góp 0,32 điểm % vào mức "
    "tăng chung.",
    "Năm 2023, thu ngân sách đạt 2.009,8 tỷ đồng, bằng 70,8% dự toán.",
    "Tỷ lệ hộ nghèo đa chiều cuối năm 2024 còn 20,04%, giảm 4,49 điểm % so với năm 2023.",
    "GRDP bình quân đầu người tăng từ 13,2 triệu đồng/người năm 2010 lên 30,01 triệu "
    "đồng/người năm 2019.",
]


@pytest.mark.parametrize("text", RESULTS)
def test_a_statement_of_results_gives_no_candidate(text):
    assert extract_targets(text) == []


def test_a_results_passage_inside_a_plan_gives_no_candidate_but_its_targets_do():
    text = (
        "Mục tiêu năm 2025: tăng trưởng kinh tế đạt 8%.\n"
        "Kết quả thực hiện năm 2023: thu ngân sách đạt 2.009,8 tỷ đồng; kim ngạch xuất nhập "
        "khẩu đạt 661 triệu USD.\n"
    )

    assert [(c.indicator_text, c.value) for c in extract_targets(text)] == [
        ("tăng trưởng kinh tế", 8)
    ]
