"""Check rows read from a file against the registry, before anything is written.

``check_file`` reads a file's ``SourceRow`` objects one at a time, turns each into a
``CheckedRow`` (indicator, unit, period, value, …) or ``Problem`` objects, one for every
thing wrong, each saying where and what in the active language, and keeps the rows that
passed on disk as compact records (``CheckedFile``), with one int a row for the checks over
all rows; ``check_rows`` does the same for a few rows and returns them as ``CheckedRow``
objects (a figure entered on a page). The checks: the indicator and unit exist (by code, or by name
without diacritics and case), the period exists and matches the indicator's frequency, the
unit existed during the period, the value is a number in the indicator's allowed range
(percentages 0–100), the user may report it, the file gives it once; then, over all rows,
jumps against the unit's own history (a warning that needs a comment) and the consistency
rules between indicators (sector shares adding up to about 100 %).

Every problem has a machine-readable ``code``; docs/data-collection.md lists them with their
messages. A unit is looked up among the units that existed during the row's period, so a
name shared by an old and a new commune is not ambiguous for a year only one of them lived.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus
from plantrack.observations.importing import ReadResult
from plantrack.observations.models import ConsistencyRule, Observation
from plantrack.observations.periods import Period, PeriodError, parse_period
from plantrack.observations.registry import Registry, unit_existed
from plantrack.plans.choices import Frequency, ValueType
from plantrack.plans.models import Indicator
from plantrack.tabular.bulk import plain
from plantrack.tabular.formatting import number_text
from plantrack.tabular.numbers import LOCALES, number_locale, read_number
from plantrack.tabular.problems import Problem, number_message
from plantrack.tabular.readers import SourceRow
from plantrack.tabular.spool import Spool
from plantrack.tabular.text import normalise

# The period kinds each frequency accepts. A figure as at a day (disbursement by 31 March)
# fits any frequency: the demo holds one for an annual indicator, and exports re-import.
FREQUENCY_PERIODS: dict[str, set[str]] = {
    Frequency.ANNUAL: {"year", "day"},
    Frequency.QUARTERLY: {"quarter", "day"},
    Frequency.MONTHLY: {"month", "day"},
}
# The longest breakdown the column holds (``Observation.breakdown``), checked per row.
BREAKDOWN_MAX_LENGTH = Observation._meta.get_field("breakdown").max_length or 100

STATUS_WORDS = {
    FigureStatus.ESTIMATE: {"estimate", "uoc", "uoc_tinh", "uoc_thuc_hien", "uoc_th"},
    FigureStatus.PRELIMINARY: {"preliminary", "so_bo"},
    FigureStatus.OFFICIAL: {"official", "chinh_thuc"},
    FigureStatus.DERIVED: {"derived", "tinh_toan", "tinh_tu_so_lieu_cong_bo"},
}


@dataclass(slots=True)
class CheckedRow:
    """A row that passed its own checks: what will be written, and where it came from."""

    source: SourceRow
    indicator: Indicator
    unit: AdminUnit
    period: str
    value: Decimal
    status: str
    breakdown: str
    source_text: str
    comment: str
    # False when the row leaves the status empty: estimate for a new figure, and any status
    # for telling whether the figure is already known (services._already_known).
    status_given: bool = True
    # (indicator id, unit id, period, breakdown): what identifies the figure, for the checks
    # over all rows and services._write_rows.
    key: tuple = ()


def outlier_threshold() -> Decimal:
    """Return the relative jump beyond which a value needs a comment (settings, default 50 %)."""
    return Decimal(str(settings.PLANTRACK_OUTLIER_THRESHOLD))


def outlier_points() -> Decimal:
    """Return the change in points beyond which a growth rate needs a comment (default 10).

    A growth rate moves in points, not in proportion: 2,24 % → 6,74 % is an ordinary year
    (the proportion, 200 %, would flag every rate near zero).
    """
    return Decimal(str(settings.PLANTRACK_OUTLIER_POINTS))


def choose_locale(
    read: ReadResult, declared: str | None, filename: str = ""
) -> tuple[str | None, list[Problem]]:
    """Return the locale for the file's ambiguous numbers, and any problem with it.

    The locale the caller declares wins, then the file's own (a JSON "locale", the
    template's); otherwise the style its unambiguous numbers show ("6,74" Vietnamese,
    "6.74" English). A file without a declared locale whose numbers show both styles
    cannot be read safely: its rows of the less frequent style are reported as
    ``mixed_number_formats``, and no locale is chosen. None when nothing decides.
    """
    declared = declared or None  # an empty form field declares nothing
    if declared is not None and declared not in LOCALES:
        return None, [
            Problem(
                code="unknown_locale",
                message=_(
                    "Kiểu số “%(value)s” không hợp lệ: dùng “vi” (1.234,5) hoặc “en” (1,234.5)."
                )
                % {"value": declared},
                file=filename,
                value=str(declared),
            )
        ]
    if declared:
        return declared, []
    if read.declared_locale in LOCALES:
        return read.declared_locale, []
    seen: dict[str, list[SourceRow]] = defaultdict(list)
    for row in read.rows:
        raw = row.cells.get("value")
        if isinstance(raw, str):
            locale = number_locale(raw)
            if locale:
                seen[locale].append(row)
    if len(seen) == 2:
        minority = min(LOCALES, key=lambda key: (len(seen[key]), key))
        return None, [
            _problem(
                "mixed_number_formats",
                _(
                    "Số “%(value)s” viết theo kiểu %(style)s, khác các số khác của tệp: hãy "
                    "dùng một kiểu (1.234,5 hoặc 1,234.5), hoặc khai báo kiểu số của tệp."
                )
                % {
                    "value": row.cells.get("value"),
                    "style": "1,234.5" if minority == "en" else "1.234,5",
                },
                read,
                row,
                "value",
                filename,
            )
            for row in seen[minority]
        ]
    return (next(iter(seen)) if seen else None), []


# A value carries at most six decimals (``read_number``, the column's decimal places): the
# checks over all rows keep it as a whole number of millionths, with the row's place among
# those that passed (its index in the spool) in the low bits, one int a row.
_MICRO = 6
_ORDINAL_BITS = 32
_ORDINAL_MASK = (1 << _ORDINAL_BITS) - 1

# How many rows are read for the number style before the checks start (``_first_style``).
STYLE_LOOKAHEAD_ROWS = 1000


def _value_of(micro: int) -> Decimal:
    return Decimal(micro).scaleb(-_MICRO)


@dataclass
class CheckedFile:
    """What the checks made of a file of figures: the rows that passed, waiting on disk, and
    every problem.

    ``rows`` holds one record a row that passed, in file order: (indicator id, unit id,
    period, breakdown, value as text, status, status given, source, comment; then where it
    was: sheet, row, the value's column, the value as written). ``problems`` are the rows'
    own and the checks over all rows (duplicates, jumps, consistency), in that order;
    ``locale_problems`` come before them (the number style), ``refused`` after them (what
    the caller's ``row_check`` refused). ``indicators`` and ``units`` are those of the rows,
    by id; ``count`` is how many rows were read.
    """

    rows: Spool
    problems: list[Problem]
    locale_problems: list[Problem]
    refused: list[Problem]
    locale: str | None
    count: int
    indicators: dict[int, Indicator]
    units: dict[int, AdminUnit]
    periods: set[str]

    def close(self) -> None:
        """Drop the rows on disk (the import pipeline calls it when the import ends)."""
        self.rows.close()

    def keys(self) -> tuple[set[int], set[int], set[str]]:
        """Return the (indicator ids, unit ids, periods) of the rows."""
        return set(self.indicators), set(self.units), self.periods


def check_file(
    read: ReadResult,
    filename: str,
    *,
    declared: str | None,
    permissions,
    row_check: Callable[[CheckedRow], Problem | None] | None = None,
    chunk_size: int | None = None,
) -> CheckedFile:
    """Check every row of ``read`` as it is read; return the rows that passed and the problems.

    The file's rows are read, not held: each row that passes its checks goes to a spool on
    disk (``tabular.spool``) as a compact record, and what the checks over all rows need is
    kept as one int a row (the value and the row's place, by indicator, unit, breakdown and
    period). ``row_check`` is asked of each row that passed (the importer's right to
    approve). The number style is the caller's (``declared``) or the file's when it declares
    one, else the one its numbers show, as ``choose_locale`` decides: the rows are checked in
    the style of the first numbers that show one, and checked again only when the whole file
    then shows another (or both, ``mixed_number_formats``) and a number was read in it.
    """
    chunk_size = chunk_size or settings.PLANTRACK_IMPORT_CHUNK_ROWS
    locale, locale_problems, decided = _declared_locale(read, declared, filename)

    def check(locale: str | None, *, counting: bool, minority: str | None = None) -> _FilePass:
        checked = _FilePass(read, filename, permissions, row_check, chunk_size)
        # Every row is checked and the passing ones spooled to disk as they go; none is kept
        # here (itertools' "consume" recipe).
        deque(checked.rows(locale, counting=counting, minority=minority), maxlen=0)
        return checked

    if decided:
        checked = check(locale, counting=False)
    else:
        guess = _first_style(read)
        checked = check(guess, counting=True)
        locale, minority = _chosen_style(checked.styles)
        if minority is not None or (locale != guess and checked.sensitive):
            checked.spool.close()
            checked = check(locale, counting=True, minority=minority)
    return checked.finish(locale, locale_problems)


def check_rows(read: ReadResult, filename: str, *, locale: str | None, permissions):
    """Return (checked rows, problems) for every row of ``read``, in the given ``locale``.

    For a few rows (a figure entered on a page or by the API, ``workflow.check_figure``):
    every ``CheckedRow`` is kept. A file goes through ``check_file``.
    """
    rows: list[CheckedRow] = []
    checked = _FilePass(read, filename, permissions, None, settings.PLANTRACK_IMPORT_CHUNK_ROWS)
    rows.extend(checked.rows(locale, counting=False))
    found = checked.finish(locale, [])
    found.rows.close()
    return rows, found.problems


def _declared_locale(
    read: ReadResult, declared: str | None, filename: str
) -> tuple[str | None, list[Problem], bool]:
    """Return (the declared locale, its problem, whether one is declared): the caller's,
    else the file's own (a JSON "locale", the template's)."""
    declared = declared or None  # an empty form field declares nothing
    if declared is not None and declared not in LOCALES:
        return None, [_unknown_locale(declared, filename)], True
    if declared:
        return declared, [], True
    if read.declared_locale in LOCALES:
        return read.declared_locale, [], True
    return None, [], False


def _first_style(read: ReadResult) -> str | None:
    """Return the style ("vi", "en") of the first text number that shows one, among the
    first ``STYLE_LOOKAHEAD_ROWS`` rows; None if none does."""
    rows = iter(read.rows)
    try:
        for row in itertools.islice(rows, STYLE_LOOKAHEAD_ROWS):
            raw = row.cells.get("value")
            if isinstance(raw, str) and (style := number_locale(raw)):
                return style
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()  # a generator: its workbook is closed now
    return None


def _chosen_style(styles: dict[str, int]) -> tuple[str | None, str | None]:
    """Return (the locale, the minority style) from how many numbers show each style:
    ``choose_locale``'s rule (both styles: no locale, and the rarer one is refused)."""
    shown = [style for style in LOCALES if styles.get(style)]
    if len(shown) == 2:
        return None, min(LOCALES, key=lambda key: (styles.get(key, 0), key))
    return (shown[0] if shown else None), None


def _mixed_style(raw: object, style: str, row: SourceRow, filename: str) -> Problem:
    return _problem(
        "mixed_number_formats",
        _(
            "Số “%(value)s” viết theo kiểu %(style)s, khác các số khác của tệp: hãy "
            "dùng một kiểu (1.234,5 hoặc 1,234.5), hoặc khai báo kiểu số của tệp."
        )
        % {"value": raw, "style": "1,234.5" if style == "en" else "1.234,5"},
        None,
        row,
        "value",
        filename,
    )


def _unknown_locale(declared: str, filename: str) -> Problem:
    return Problem(
        code="unknown_locale",
        message=_("Kiểu số “%(value)s” không hợp lệ: dùng “vi” (1.234,5) hoặc “en” (1,234.5).")
        % {"value": declared},
        file=filename,
        value=str(declared),
    )


class _FilePass:
    """One reading of a file's rows with every check, and what the checks over all rows need.

    A file repeats a few periods, indicators, units and statuses over many rows (a million
    in bench/import.py): each is looked up once per file and remembered, and a message is
    written only for a row that fails, so a good row costs little more than reading its
    number.
    """

    def __init__(self, read, filename, permissions, row_check, chunk_size: int) -> None:
        self.read = read
        self.filename = filename
        self.permissions = permissions
        self.row_check = row_check
        self.spool = Spool(chunk_size)
        self.problems: list[Problem] = []
        self.locale_problems: list[Problem] = []
        self.refused: list[Problem] = []
        # (indicator id, unit id, breakdown, length of the period: its kind) → period →
        # the value in millionths << _ORDINAL_BITS | the row's place in the spool.
        self.series: defaultdict[tuple, dict[str, int]] = defaultdict(dict)
        self.duplicates: list[tuple[Problem, int]] = []  # (problem, the first row's place)
        self.indicators: dict[int, Indicator] = {}
        self.units: dict[int, AdminUnit] = {}
        self.latest = ""  # the latest period of the rows that passed
        self.count = 0
        self.styles: defaultdict[str, int] = defaultdict(int)
        self.sensitive = False  # whether a text number was read that shows no style

    def rows(self, locale: str | None, *, counting: bool, minority: str | None = None):
        """Yield a ``CheckedRow`` for each row that passes its checks, in file order."""
        read, filename, permissions = self.read, self.filename, self.permissions
        spool, series, styles = self.spool, self.series, self.styles
        registry = Registry()
        # What one file repeats, looked up once: period text → Period (None if invalid);
        # indicator text → (Indicator, error, id); (unit text, period) → (unit, error,
        # existed, id); status text → (status, error, given, as plain text); indicator id →
        # (period kinds, range); and (indicator id, unit id) → may report.
        periods: dict[str, Period | None] = {}
        indicators: dict[str, tuple[Indicator | None, str | None, int | None]] = {}
        units: dict[
            tuple[str, str | None], tuple[AdminUnit | None, str | None, bool, int | None]
        ] = {}
        statuses: dict[str, tuple[str, str | None, bool, str]] = {}
        rules: dict[int | None, tuple[set[str], tuple[Decimal | None, Decimal | None, bool]]] = {}
        reportable: dict[tuple[int | None, int | None], bool] = {}
        row_check, refused = self.row_check, self.refused
        for row in read.rows:
            self.count += 1
            get = row.cells.get
            failures: list[tuple[str, str, str]] = []  # (code, message, column), in check order

            # A text cell (the usual one) is stripped here: what _text and _period_text do.
            raw_period = get("period")
            period_text = (
                raw_period.strip() if type(raw_period) is str else _period_text(raw_period)
            )
            try:
                period = periods[period_text]
            except KeyError:
                try:
                    period = parse_period(period_text)
                except PeriodError:
                    period = None
                periods[period_text] = period
            if period is None:
                failures.append(("invalid_period", _period_message(period_text), "period"))

            raw = get("indicator")
            indicator_text = raw.strip() if type(raw) is str else _text(raw)
            found_indicator = indicators.get(indicator_text)
            if found_indicator is None:
                indicator, error = registry.indicator(indicator_text)
                found_indicator = indicators[indicator_text] = (
                    indicator,
                    error,
                    getattr(indicator, "pk", None),
                )
            indicator, error, indicator_id = found_indicator
            if error:
                failures.append((error, _indicator_message(error, raw), "indicator"))

            raw = get("unit")
            unit_text = raw.strip() if type(raw) is str else _text(raw)
            unit_key = (unit_text, None if period is None else period.text)
            found_unit = units.get(unit_key)
            if found_unit is None:
                unit, error = registry.unit(unit_key[0], period)
                existed = unit is None or period is None or unit_existed(unit, period)
                found_unit = units[unit_key] = (unit, error, existed, getattr(unit, "pk", None))
            unit, error, existed, unit_id = found_unit
            if error:
                failures.append((error, _unit_message(error, raw), "unit"))

            raw_value = get("value")
            if counting and type(raw_value) is str:
                style = number_locale(raw_value)
                if style is None:
                    self.sensitive = True  # read in the locale of this pass
                else:
                    styles[style] += 1
                    if style == minority:
                        self.locale_problems.append(_mixed_style(raw_value, style, row, filename))
            value, error = read_number(raw_value, locale)
            if error:
                failures.append((error, number_message(error, raw_value), "value"))

            raw_status = get("status")
            status_key = str(raw_status or "")
            found_status = statuses.get(status_key)
            if found_status is None:
                status, error = _status(raw_status)
                given = bool(normalise(raw_status))
                # The record keeps the status as plain text: marshal (the spool) takes no
                # str subclass, and the SQLite driver binds one (an enum member) through its
                # adapter look-up, a tenth of the insert's time (bench/import.py).
                found_status = statuses[status_key] = (status, error, given, plain(status))
            status, error, status_given, plain_status = found_status
            if error:
                failures.append((error, _status_message(raw_status), "status"))

            if indicator is not None:
                rule = rules.get(indicator_id)
                if rule is None:
                    kinds = FREQUENCY_PERIODS.get(indicator.frequency, set())
                    rule = rules[indicator_id] = (kinds, _range_bounds(indicator))
                kinds, (low, high, rank) = rule
                if period is not None and period.kind not in kinds:
                    failures.append(
                        (
                            "period_frequency",
                            _(
                                "Kỳ “%(period)s” không khớp kỳ báo cáo %(frequency)s của chỉ số "
                                "%(code)s."
                            )
                            % {
                                "period": period.text,
                                "frequency": indicator.get_frequency_display().lower(),
                                "code": indicator.code,
                            },
                            "period",
                        )
                    )
            if not existed and unit is not None and period is not None:  # (both known when not)
                failures.append(
                    (
                        "unit_not_valid_in_period",
                        _(
                            "Đơn vị %(unit)s không tồn tại trong kỳ %(period)s (hiệu lực "
                            "%(start)s – %(end)s)."
                        )
                        % {
                            "unit": unit,
                            "period": period.text,
                            "start": _date(unit.valid_from),
                            "end": _date(unit.valid_to),
                        },
                        "unit",
                    )
                )
            if (
                indicator is not None
                and value is not None
                and (
                    (low is not None and value < low)
                    or (high is not None and value > high)
                    or (rank and (value != value.to_integral() or value < 1))
                )
            ):
                out_of_range = range_message(indicator, value)
                if out_of_range is not None:  # always: the bounds above are range_message's
                    failures.append(("out_of_range", out_of_range, "value"))
            if indicator is not None and unit is not None:
                pair = (indicator_id, unit_id)
                allowed = reportable.get(pair)
                if allowed is None:
                    allowed = reportable[pair] = permissions.may_report(indicator, unit_id)
                if not allowed:
                    failures.append(
                        (
                            "not_permitted",
                            _(
                                "Bạn không được báo cáo chỉ số %(code)s cho %(unit)s: chỉ số này "
                                "thuộc %(owner)s."
                            )
                            % {
                                "code": indicator.code,
                                "unit": unit,
                                "owner": indicator.owner or _("cơ quan khác"),
                            },
                            "indicator",
                        )
                    )
            raw = get("breakdown")
            breakdown = raw.strip() if type(raw) is str else _text(raw)
            if len(breakdown) > BREAKDOWN_MAX_LENGTH:
                # PostgreSQL would refuse the row at the write (StringDataRightTruncation) and
                # SQLite store it past the limit: refuse it here, alike on both.
                failures.append(
                    (
                        "too_long",
                        _("Phân tổ dài %(length)s ký tự, quá %(limit)s ký tự cho phép.")
                        % {"length": len(breakdown), "limit": BREAKDOWN_MAX_LENGTH},
                        "breakdown",
                    )
                )
            if not failures and period is not None:  # (a row without a period has failed)
                text = period.text
                key = (indicator_id, unit_id, text, breakdown)
                own = series[(indicator_id, unit_id, breakdown, len(text))]
                first = own.get(text)
                if first is not None:
                    # Named once every row is read: the first row waits on disk.
                    duplicate = _problem("duplicate_row", "", None, row, "value", filename)
                    self.problems.append(duplicate)
                    self.duplicates.append((duplicate, first & _ORDINAL_MASK))
                    continue
            # A row without an indicator, a unit, a period or a value has failed.
            if failures or indicator is None or unit is None or period is None or value is None:
                self.problems.extend(
                    _problem(code, message, None, row, column, filename=filename)
                    for code, message, column in failures
                )
                continue
            ordinal = len(spool)
            own[text] = int(value.scaleb(_MICRO)) << _ORDINAL_BITS | ordinal
            source_text, comment = _text(get("source")), _text(get("comment"))
            spool.append(
                (
                    indicator_id,
                    unit_id,
                    text,
                    breakdown,
                    str(value),
                    plain_status,
                    status_given,
                    source_text,
                    comment,
                    row.sheet,
                    row.row,
                    row.columns.get("value", "value"),
                    "" if raw_value is None else str(raw_value),
                )
            )
            self.indicators[indicator.pk] = indicator
            self.units[unit.pk] = unit
            if text > self.latest:
                self.latest = text
            checked = CheckedRow(
                source=row,
                indicator=indicator,
                unit=unit,
                period=text,
                value=value,
                status=status,
                breakdown=breakdown,
                source_text=source_text,
                comment=comment,
                status_given=status_given,
                key=key,
            )
            if row_check is not None and (refusal := row_check(checked)) is not None:
                refused.append(refusal)
            yield checked

    def finish(self, locale: str | None, locale_problems: list[Problem]) -> CheckedFile:
        """Run the checks over all rows and return what the file holds; drop the rest."""
        if self.duplicates:
            firsts = self.spool.pick(first for _problem, first in self.duplicates)
            for duplicate, first in self.duplicates:
                duplicate.message = _("Giá trị này đã có ở dòng %(row)s của tệp.") % {
                    "row": firsts[first][10]
                }
        problems = self.problems + self._jumps() + self._consistency()
        checked = CheckedFile(
            rows=self.spool,
            problems=problems,
            locale_problems=[*locale_problems, *self.locale_problems],
            refused=self.refused,
            locale=locale,
            count=self.count,
            indicators=self.indicators,
            units=self.units,
            periods=set().union(*self.series.values()),
        )
        self.series.clear()  # what the checks over all rows kept: not needed to write
        return checked

    def _located(self, code: str, message: str, record: tuple) -> Problem:
        """A problem of a row that passed, said where its value was (``_problem``'s place)."""
        sheet, row, column, raw = record[9:13]
        return Problem(
            code=code,
            message=message,
            file=self.filename,
            sheet=sheet,
            row=row,
            column=column,
            value=raw,
        )

    def _history(self) -> dict[tuple, dict[str, int]]:
        """Return the stored current figures of the file's series, in millionths, up to the
        file's latest period (periods of one kind compare as text in time order, so no
        stored period after it can be a row's own or previous one)."""
        history: dict[tuple, dict[str, int]] = defaultdict(dict)
        series = self.series
        rows = Observation.objects.current().filter(
            indicator_id__in={key[0] for key in series},
            unit_id__in={key[1] for key in series},
            period__lte=self.latest,
        )
        for indicator_id, unit_id, breakdown, period, value in rows.values_list(
            "indicator_id", "unit_id", "breakdown", "period", "value"
        ).iterator(chunk_size=self.spool.chunk_size):
            key = (indicator_id, unit_id, breakdown, len(period))
            if key in series:
                history[key][period] = int(value.scaleb(_MICRO))
        return history

    def _jumps(self) -> list[Problem]:
        """Flag where a value jumps beyond the threshold from the unit's previous value.

        The previous value is the latest earlier period of the same kind (year, quarter, …)
        for the same indicator, unit and breakdown, from the file or else the current stored
        figure. A jump is relative (``PLANTRACK_OUTLIER_THRESHOLD``, 0.5 = 50 %), or in
        points for a growth rate (``PLANTRACK_OUTLIER_POINTS``); from a previous zero, only
        a rate is judged. With a comment on the row it is a warning, without one an error
        (``needs_comment``). The values compare in millionths: a ratio and a difference are
        the same in any unit.
        """
        if not self.series:
            return []
        threshold = outlier_threshold()
        # A jump is beyond the threshold when |value - previous| × d > n × |previous|, for
        # the threshold n / d: whole numbers, exact, and no division a row.
        above, below = threshold.as_integer_ratio()
        points = outlier_points().scaleb(_MICRO)  # in millionths, as the values
        history = self._history()
        # (row's place, rate or not, the change in points or the jump, the value and the
        # previous one in millionths, the previous one's period)
        found: list[tuple[int, bool, Decimal, int, int, str]] = []
        for key, own in self.series.items():
            stored = history.get(key)
            file_values = {period: entry >> _ORDINAL_BITS for period, entry in own.items()}
            # The file's own earlier periods are history too, and replace the stored value.
            merged = {**stored, **file_values} if stored else file_values
            series = sorted(merged)
            rate = self.indicators[key[0]].value_type == ValueType.RATE
            for period, entry in own.items():
                value = entry >> _ORDINAL_BITS
                # A value the database already holds for its own period was judged when it
                # came in: a file that sends it again is not asked to explain it.
                if series[0] == period or (stored is not None and stored.get(period) == value):
                    continue  # (or the first period of its series: nothing to compare with)
                before = series[bisect.bisect_left(series, period) - 1]
                previous = merged[before]
                if rate:
                    change = abs(value - previous)
                    if change <= points:
                        continue
                    change_points = _value_of(change)
                    found.append(
                        (entry & _ORDINAL_MASK, True, change_points, value, previous, before)
                    )
                else:
                    if previous == 0:
                        continue
                    if abs(value - previous) * below <= above * abs(previous):
                        continue
                    jump = Decimal(abs(value - previous)) / Decimal(abs(previous))
                    found.append((entry & _ORDINAL_MASK, False, jump, value, previous, before))
        if not found:
            return []
        found.sort()  # in file order, as the rows were checked
        records = self.spool.pick(place for place, *_rest in found)
        problems = []
        for place, rate, amount, value, previous, before in found:
            record = records[place]
            commented = bool(record[8])
            if rate:
                values: dict[str, str | int] = {
                    "jump": number_text(amount),
                    "threshold": number_text(outlier_points()),
                }
                if commented:
                    message = _(
                        "Tốc độ %(value)s %% thay đổi %(jump)s điểm phần trăm so với "
                        "%(previous)s %% của kỳ %(period)s (ngưỡng %(threshold)s điểm); đã có "
                        "ghi chú giải thích."
                    )
                else:
                    message = _(
                        "Tốc độ %(value)s %% thay đổi %(jump)s điểm phần trăm so với "
                        "%(previous)s %% của kỳ %(period)s (ngưỡng %(threshold)s điểm): hãy "
                        "ghi chú giải thích ở cột ghi chú."
                    )
            else:
                values = {"jump": round(amount * 100), "threshold": round(threshold * 100)}
                if commented:
                    message = _(
                        "Giá trị %(value)s thay đổi %(jump)s %% so với %(previous)s của kỳ "
                        "%(period)s (ngưỡng %(threshold)s %%); đã có ghi chú giải thích."
                    )
                else:
                    message = _(
                        "Giá trị %(value)s thay đổi %(jump)s %% so với %(previous)s của kỳ "
                        "%(period)s (ngưỡng %(threshold)s %%): hãy ghi chú giải thích ở cột "
                        "ghi chú."
                    )
            values |= {
                "value": number_text(_value_of(value)),
                "previous": number_text(_value_of(previous)),
                "period": before,
            }
            problem = self._located("needs_comment", message % values, record)
            problem.severity = "warning" if commented else "error"
            problems.append(problem)
        return problems

    def _consistency(self) -> list[Problem]:
        """Check the consistency rules on every unit and period the file touches."""
        if not self.series:
            return []
        rules = list(ConsistencyRule.objects.prefetch_related("indicators"))
        found: list[tuple[int, str]] = []  # (row's place, message), in the order found
        for rule in rules:
            members = {indicator.pk: indicator for indicator in rule.indicators.all()}
            # (indicator, unit, period, breakdown) → the entry, for the file's rows of the rule
            from_file = {
                (key[0], key[1], period, key[2]): entry
                for key, own in self.series.items()
                if key[0] in members
                for period, entry in own.items()
            }
            touched = {(unit_id, period, breakdown) for _i, unit_id, period, breakdown in from_file}
            if not touched:
                continue
            stored = {
                (i, u, p, b): v
                for i, u, p, b, v in Observation.objects.current()
                .filter(
                    indicator_id__in=members,
                    unit_id__in={key[0] for key in touched},
                    period__in={key[1] for key in touched},
                )
                .values_list("indicator_id", "unit_id", "period", "breakdown", "value")
            }
            for unit_id, period, breakdown in sorted(touched):
                values, places = [], []
                for indicator_id in members:
                    key = (indicator_id, unit_id, period, breakdown)
                    if key in from_file:
                        values.append(_value_of(from_file[key] >> _ORDINAL_BITS))
                        places.append(from_file[key] & _ORDINAL_MASK)
                    elif key in stored:
                        values.append(stored[key])
                if len(values) < len(members):
                    continue  # a rule is checked once every part is known
                total = sum(values)
                if abs(total - rule.total) <= rule.tolerance:
                    continue
                message = _(
                    "%(rule)s: tổng các chỉ số %(codes)s cho %(unit)s kỳ %(period)s là "
                    "%(total)s, lệch quá %(tolerance)s so với %(expected)s."
                ) % {
                    "rule": rule.name,
                    "codes": ", ".join(sorted(i.code for i in members.values())),
                    "unit": self.units[unit_id],
                    "period": period,
                    "total": number_text(total),
                    "tolerance": number_text(rule.tolerance),
                    "expected": number_text(rule.total),
                }
                found.extend((place, message) for place in places)
        if not found:
            return []
        records = self.spool.pick(place for place, _message in found)
        return [
            self._located("inconsistent_total", message, records[place]) for place, message in found
        ]


# --- small helpers --------------------------------------------------------------------------


def _problem(code, message, read, row, column, filename="") -> Problem:
    raw = row.cells.get(column) if row is not None else None
    return Problem(
        code=code,
        message=message,
        file=filename,
        sheet=row.sheet if row is not None else "",
        row=row.row if row is not None else None,
        column=row.columns.get(column, column) if row is not None else column,
        value="" if raw is None else str(raw),
    )


def _date(day: datetime.date | None) -> str:
    """Format a date for a message in the active language (1/7/2025 in Vietnamese); "…"."""
    return "…" if day is None else date_format(day, "SHORT_DATE_FORMAT")


def _text(raw) -> str:
    if raw.__class__ is str:  # the usual cell, first
        return raw.strip()
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def _period_text(raw) -> str:
    """Return a period cell as text; an Excel date cell is the day it holds (2024-03-31)."""
    if isinstance(raw, datetime.datetime) and raw.time() == datetime.time.min:
        return raw.date().isoformat()
    if isinstance(raw, datetime.date) and not isinstance(raw, datetime.datetime):
        return raw.isoformat()
    return _text(raw)


def _status(raw) -> tuple[str, str | None]:
    key = normalise(raw)
    if not key:
        return FigureStatus.ESTIMATE, None
    for status, words in STATUS_WORDS.items():
        if key in words:
            return status, None
    return FigureStatus.ESTIMATE, "unknown_status"


def range_message(indicator: Indicator, value: Decimal) -> str | None:
    """Return why ``value`` is outside the indicator's allowed range, or None if it is not.

    The range is the indicator's ``min_value``–``max_value``; a percentage is also kept
    within 0–100, and a rank must be a whole number from 1. The importer and
    ``services.edit_observation`` both call it.
    """
    low, high, rank = _range_bounds(indicator)
    if rank and (value != value.to_integral() or value < 1):
        return _("Thứ hạng phải là số nguyên dương, không phải %(value)s.") % {
            "value": number_text(value)
        }
    if (low is not None and value < low) or (high is not None and value > high):
        return _("Giá trị %(value)s nằm ngoài khoảng cho phép %(low)s – %(high)s của %(code)s.") % {
            "value": number_text(value),
            "low": "…" if low is None else number_text(low),
            "high": "…" if high is None else number_text(high),
            "code": indicator.code,
        }
    return None


def _range_bounds(indicator: Indicator) -> tuple[Decimal | None, Decimal | None, bool]:
    """Return the indicator's (lowest, highest, whether a rank): ``range_message``'s rule."""
    low, high = indicator.min_value, indicator.max_value
    if indicator.value_type == ValueType.PERCENT:
        low = max(low, Decimal(0)) if low is not None else Decimal(0)
        high = min(high, Decimal(100)) if high is not None else Decimal(100)
    return low, high, indicator.value_type == ValueType.RANK


def _indicator_message(code: str, raw) -> str:
    if code == "missing_indicator":
        return _("Thiếu mã chỉ số.")
    if code == "ambiguous_indicator":
        return _("Tên chỉ số “%(value)s” khớp nhiều chỉ số: hãy dùng mã chỉ số.") % {"value": raw}
    return _("Không có chỉ số “%(value)s” (theo mã hay tên).") % {"value": raw}


def _unit_message(code: str, raw) -> str:
    if code == "missing_unit":
        return _("Thiếu mã đơn vị hành chính.")
    if code == "ambiguous_unit":
        return _(
            "Tên đơn vị “%(value)s” khớp nhiều đơn vị hành chính: hãy dùng mã đơn vị (mã thống kê)."
        ) % {"value": raw}
    return _("Không có đơn vị hành chính “%(value)s” (theo mã hay tên).") % {"value": raw}


def _period_message(raw) -> str:
    return _(
        "Kỳ “%(value)s” không hợp lệ: dùng 2024 (năm, 1900–2100), 2024Q3 (quý), 2024-07 "
        "(tháng) hoặc 2024-03-31 (số liệu tại một ngày)."
    ) % {"value": raw}


def _status_message(raw) -> str:
    return _(
        "Tình trạng số liệu “%(value)s” không hợp lệ: dùng ước thực hiện, sơ bộ hoặc chính thức "
        "(estimate, preliminary, official)."
    ) % {"value": raw}
