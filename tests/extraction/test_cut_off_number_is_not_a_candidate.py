"""A number cut off at the end of a text is not a candidate."""

import pytest

from plantrack.extraction.extractor import extract_targets


@pytest.mark.parametrize(
    "ending",
    [
        "tổng vốn đầu tư toàn xã hội đạt 1,2 nghìn",
        "thu nhập bình quân đầu người từ 75-80 triệu đồng/người/",
        "tỷ lệ che phủ rừng đạt 55",
        "tỷ lệ che phủ rừng đạt 55,",
    ],
)
def test_the_cut_off_value_at_the_end_is_dropped_and_the_others_kept(ending):
    text = f"Mục tiêu đến năm 2030: tỷ lệ đô thị hóa đạt 35%; {ending}"

    assert [(c.indicator_text, c.value) for c in extract_targets(text)] == [
        ("tỷ lệ đô thị hóa", 35)
    ]


def test_a_complete_last_target_without_a_full_stop_is_kept():
    text = "Mục tiêu đến năm 2030: tỷ lệ đô thị hóa đạt 35%"

    assert [c.value for c in extract_targets(text)] == [35]
