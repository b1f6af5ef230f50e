"""A target's period comes from its phrase, else its sentence, else the text before it."""

from extraction_helpers import SEED_TARGETS_PARAGRAPH, only

from plantrack.extraction.extractor import extract_targets

OBJECTIVE = (
    "Mục tiêu tổng quát quy hoạch phấn đấu đến năm 2030, Cao Bằng trở thành tỉnh phát triển."
)
TITLE = "Quy hoạch tỉnh Cao Bằng thời kỳ 2021 - 2030, tầm nhìn đến năm 2050."


def test_the_seed_paragraph_takes_2030_and_2021_2030_from_the_text_before_it():
    text = "\n".join([TITLE, OBJECTIVE, SEED_TARGETS_PARAGRAPH])

    years = [(c.period_start, c.period_end, c.target_year) for c in extract_targets(text)]

    assert years == [(2021, 2030, 2030), (None, None, 2030), (2021, 2030, 2030), (2021, 2025, 2025)]


def test_the_vision_year_is_never_a_target_year():
    text = "Quy hoạch tỉnh tầm nhìn đến năm 2050.\nMục tiêu: tỷ lệ đô thị hóa đạt 35%."

    assert only(text).target_year is None


def test_a_period_in_the_phrase_wins_over_the_context():
    text = "Kế hoạch 5 năm 2026 - 2030.\nTỷ lệ che phủ rừng đến năm 2028 đạt 56%."

    candidate = only(text)

    assert (candidate.period_start, candidate.period_end, candidate.target_year) == (
        None,
        None,
        2028,
    )


def test_a_period_at_the_start_of_the_sentence_covers_every_target_in_it():
    text = (
        "Giai đoạn 2021 - 2025, thu ngân sách tăng bình quân 10%/năm; tỷ lệ hộ nghèo giảm "
        "bình quân 3%/năm."
    )

    years = {(c.period_start, c.period_end, c.target_year) for c in extract_targets(text)}

    assert years == {(2021, 2025, 2025)}


def test_a_period_written_after_the_value_belongs_to_it():
    candidate = only("Mục tiêu: kim ngạch xuất khẩu tăng bình quân 10%/năm giai đoạn 2026 - 2030.")

    assert (candidate.period_start, candidate.period_end) == (2026, 2030)


def test_a_later_heading_replaces_the_earlier_context():
    text = (
        "Mục tiêu đến năm 2025:\nTỷ lệ đô thị hóa đạt 25%.\n"
        "Mục tiêu đến năm 2030:\nTỷ lệ đô thị hóa đạt 35%."
    )

    assert [c.target_year for c in extract_targets(text)] == [2025, 2030]
