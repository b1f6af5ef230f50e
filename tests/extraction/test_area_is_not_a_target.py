"""The province's natural area ("6.700,3 km2") is a fact of the decision, not a target."""

from plantrack.extraction.extractor import extract_targets

AREA_SENTENCE = (
    "Theo đó, phạm vi, ranh giới quy hoạch bao gồm toàn bộ diện tích tự nhiên tỉnh là "
    "6.700,3 km2, gồm 1 thành phố và 9 huyện."
)


def test_the_natural_area_of_the_seed_article_is_not_a_candidate(seed_text):
    candidates = extract_targets(seed_text)

    area = seed_text.index("6.700,3")
    assert not any(c.span[0] <= area < c.span[1] for c in candidates)
    assert [c.unit for c in candidates] == ["%/năm", "triệu đồng/người", "%/năm", "điểm %/năm"]


def test_the_area_is_not_a_target_even_inside_a_passage_of_targets():
    text = "Mục tiêu đến năm 2030: tỷ lệ đô thị hóa đạt 35%. " + AREA_SENTENCE

    assert [c.indicator_text for c in extract_targets(text)] == ["tỷ lệ đô thị hóa"]


def test_counts_without_a_unit_are_not_values():
    text = "Tại hội nghị có 7 tham luận; yêu cầu làm tốt 6 nhóm vấn đề mang tính cốt yếu."

    assert extract_targets(text) == []
