"""Reporting periods written as text: ``2024``, ``2024Q3``, ``2024-07``, ``2024-03-31``.

Pure functions, no Django: the importer, the models and the engine share them.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class PeriodError(ValueError):
    """A period that cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class Period:
    """A reporting period: its kind, canonical text and first and last day."""

    kind: str  # "year", "quarter", "month" or "day" (a stock measured on a date)
    text: str
    start: datetime.date
    end: datetime.date

    @property
    def year(self) -> int:
        return self.start.year


def parse_period(text: str) -> Period:
    """Read a period; raise ``PeriodError`` naming the accepted forms when it is not one."""
    raw = (text or "").strip()
    if match := _YEAR.match(raw):
        year = _plausible_year(int(match[1]), raw)
        return Period("year", str(year), datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    if match := _QUARTER.match(raw):
        year, quarter = _plausible_year(int(match[1]), raw), int(match[2])
        first_month = 3 * quarter - 2
        last_month = first_month + 2
        return Period(
            "quarter",
            f"{year}Q{quarter}",
            datetime.date(year, first_month, 1),
            datetime.date(year, last_month, calendar.monthrange(year, last_month)[1]),
        )
    if match := _MONTH.match(raw):
        year, month = _plausible_year(int(match[1]), raw), int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError(f"Tháng không hợp lệ trong kỳ “{raw}”: {month}.")
        last_day = calendar.monthrange(year, month)[1]
        return Period(
            "month",
            f"{year}-{month:02d}",
            datetime.date(year, month, 1),
            datetime.date(year, month, last_day),
        )
    if match := _DAY.match(raw):
        _plausible_year(int(match[1]), raw)
        try:
            day = datetime.date.fromisoformat(raw)
        except ValueError as error:
            raise PeriodError(f"Ngày không hợp lệ trong kỳ “{raw}”.") from error
        return Period("day", raw, day, day)
    raise PeriodError(
        f"Kỳ “{raw}” không đúng dạng: dùng 2024 (năm), 2024Q3 (quý), 2024-07 (tháng) "
        "hoặc 2024-03-31 (số liệu tại một ngày)."
    )


def _plausible_year(year: int, raw: str) -> int:
    if not 1900 <= year <= 2100:
        raise PeriodError(f"Năm {year} trong kỳ “{raw}” nằm ngoài khoảng 1900–2100.")
    return year
