"""The confidence of a candidate is its score mapped to the share right observed on text
never tuned on (extractor._CALIBRATION_POINTS; docs/extraction.md, "How sure it is"), and a
higher score stays a higher confidence, so the review screen's order does not change."""

from plantrack.extraction.extractor import _CALIBRATION_POINTS, _calibrated


def test_each_band_middle_gets_the_share_right_observed_there():
    assert [_calibrated(score) for score, _ in _CALIBRATION_POINTS] == [
        share for _, share in _CALIBRATION_POINTS
    ]


def test_a_higher_score_is_never_a_lower_confidence():
    scores = [step / 100 for step in range(10, 96)]
    confidences = [_calibrated(score) for score in scores]

    assert confidences == sorted(confidences)
    assert all(0 < confidence <= 1 for confidence in confidences)
