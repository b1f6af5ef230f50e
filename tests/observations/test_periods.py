"""Reading reporting periods (pure, no database)."""

import datetime

import pytest

from plantrack.observations.periods import PeriodError, parse_period


@pytest.mark.parametrize(
    ("text", "kind", "canonical", "start", "end"),
    [
        ("2024", "year", "2024", (2024, 1, 1), (2024, 12, 31)),
        ("2024Q1", "quarter", "2024Q1", (2024, 1, 1), (2024, 3, 31)),
        ("2024q4", "quarter", "2024Q4", (2024, 10, 1), (2024, 12, 31)),
        ("2024-02", "month", "2024-02", (2024, 2, 1), (2024, 2, 29)),
        ("2023-02", "month", "2023-02", (2023, 2, 1), (2023, 2, 28)),
        (" 2024-03-31 ", "day", "2024-03-31", (2024, 3, 31), (2024, 3, 31)),
    ],
)
def test_periods_are_read(text, kind, canonical, start, end):
    period = parse_period(text)
    assert (period.kind, period.text) == (kind, canonical)
    assert (period.start, period.end) == (datetime.date(*start), datetime.date(*end))


@pytest.mark.parametrize("text", ["", "24", "2024Q5", "2024-13", "2024-02-30", "1850", "năm 2024"])
def test_bad_periods_are_refused(text):
    with pytest.raises(PeriodError):
        parse_period(text)
