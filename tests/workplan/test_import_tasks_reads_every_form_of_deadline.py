"""The deadline reader of the task importer: every form an appendix writes maps to the last
day of its period (pure, no database)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantrack.workplan.importing import DeadlineError, parse_deadline

D = datetime.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quý II/2025", (None, D(2025, 6, 30))),
        ("quý 2/2025", (None, D(2025, 6, 30))),
        ("Quý IV năm 2025", (None, D(2025, 12, 31))),
        ("Q1/2026", (None, D(2026, 3, 31))),
        ("2025Q3", (None, D(2025, 9, 30))),
        ("Tháng 6/2025", (None, D(2025, 6, 30))),
        ("tháng 2 năm 2024", (None, D(2024, 2, 29))),
        ("02/2025", (None, D(2025, 2, 28))),
        ("2025-11", (None, D(2025, 11, 30))),
        ("30/6/2025", (None, D(2025, 6, 30))),
        ("Trước ngày 15/10/2025", (None, D(2025, 10, 15))),
        ("chậm nhất ngày 1.12.2025", (None, D(2025, 12, 1))),
        ("2025-06-30", (None, D(2025, 6, 30))),
        ("2025", (None, D(2025, 12, 31))),
        ("Năm 2025", (None, D(2025, 12, 31))),
        (2025, (None, D(2025, 12, 31))),
        ("6 tháng đầu năm 2025", (None, D(2025, 6, 30))),
        ("6 tháng cuối năm 2025", (None, D(2025, 12, 31))),
        ("2026-2030", (D(2026, 1, 1), D(2030, 12, 31))),
        ("Giai đoạn 2026 – 2030", (D(2026, 1, 1), D(2030, 12, 31))),
        ("từ năm 2025 đến năm 2027", (D(2025, 1, 1), D(2027, 12, 31))),
        ("Thường xuyên", (None, None)),
        ("Hằng năm", (None, None)),
        ("", (None, None)),
        (None, (None, None)),
        (datetime.datetime.combine(D(2025, 3, 1), datetime.time()), (None, D(2025, 3, 1))),
        (D(2025, 3, 2), (None, D(2025, 3, 2))),
    ],
)
def test_a_deadline_is_the_last_day_of_its_period(text, expected):
    assert parse_deadline(text) == expected


@pytest.mark.parametrize(
    "text", ["Quý V/2025", "31/6/2025", "Tháng 13/2025", "2030-2026", "sớm", "1/2/3", "3025"]
)
def test_anything_else_is_refused(text):
    with pytest.raises(DeadlineError):
        parse_deadline(text)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_a_day_written_the_vietnamese_way_reads_back(day):
    assert parse_deadline(f"{day.day}/{day.month}/{day.year}") == (None, day)


@given(st.integers(1900, 2100), st.integers(1, 4))
def test_a_quarter_ends_on_its_last_day(year, quarter):
    roman = ["I", "II", "III", "IV"][quarter - 1]
    _start, deadline = parse_deadline(f"Quý {roman}/{year}")
    assert deadline.month == 3 * quarter
    assert (deadline + datetime.timedelta(days=1)).day == 1
