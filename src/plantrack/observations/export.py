"""Export observations: CSV and XLSX in the importer's long layout, and SDMX-CSV open data.

- *long* (CSV, XLSX): one row per figure with exactly the importer's columns ``indicator``
  (code), ``unit`` (the administrative unit's code), ``period``, ``value``, ``breakdown``,
  ``status`` (``estimate``, ``preliminary``, ``official``, ``derived``), ``source`` and
  ``comment``, so an exported file imports again as is. CSV is UTF-8 with a BOM (Excel then
  reads the Vietnamese letters right), comma-separated, numbers written with a dot and no
  grouping (``-2.5``, ``6700.3``); a number whose decimals are exactly three digits gets a
  fourth zero (``1.2340``), so the importer cannot read it as Vietnamese thousands.
- *SDMX-CSV*: the published data only (approved, current), one row per figure, with the
  columns of ``SDMX_COLUMNS`` (DATAFLOW ``PLANTRACK:OBSERVATIONS(1.0)``; ``TIME_PERIOD`` in
  SDMX form, ``2024-Q3``; ``BREAKDOWN`` ``_T`` for a total; ``OBS_STATUS`` from
  ``SDMX_STATUS``). UTF-8 without BOM, for programs.

Formula injection: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return could run as a formula when the file is opened in a spreadsheet. In CSV such a text
is written with a single quote in front (``'=HYPERLINK(…)``); in XLSX it is a text cell
carrying Excel's quote-prefix flag (what Excel stores when one types ``'=…``): the text is
unchanged and never evaluated. Numbers are never touched: a negative growth rate stays a
number (a numeric cell in XLSX). docs/data-collection.md, "Export and open data", says what
happens to a quoted cell on re-import.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.plans.models import Indicator, Target
from plantrack.tabular.writers import ExportError, ExportFormat, neutralise, number_text, text_cell

LONG_COLUMNS = ("indicator", "unit", "period", "value", "breakdown", "status", "source", "comment")
SDMX_COLUMNS = (
    "DATAFLOW",
    "REF_AREA",
    "INDICATOR",
    "BREAKDOWN",
    "TIME_PERIOD",
    "OBS_VALUE",
    "UNIT_MEASURE",
    "OBS_STATUS",
    "SOURCE",
)
DATAFLOW = "PLANTRACK:OBSERVATIONS(1.0)"
# SDMX code list CL_OBS_STATUS: A normal value, P provisional, E estimated. A figure PlanTrack
# derived from published ones (a growth rate from two levels) is computed, not published as
# such: E, the code SDMX gives to values obtained "through additional calculations".
SDMX_STATUS = {
    FigureStatus.ESTIMATE: "E",
    FigureStatus.PRELIMINARY: "P",
    FigureStatus.OFFICIAL: "A",
    FigureStatus.DERIVED: "E",
}
SDMX_TOTAL = "_T"  # SDMX's code for "no breakdown"
SHEET_TITLE = "Số liệu"

_FIELDS = (
    "indicator__code",
    "unit__code",
    "period",
    "value",
    "breakdown",
    "status",
    "source",
    "comment",
    "indicator__unit",
)


# --- what to export ---------------------------------------------------------------------------


def select_observations(
    observations,
    *,
    plans,
    plan: str | None = None,
    indicator: str | None = None,
    unit: str | None = None,
):
    """Return the current figures of ``observations`` for a plan, an indicator and a unit.

    ``observations`` and ``plans`` are what the user may see (``for_user``), so a plan the
    user may not see is unknown, as it would be if it did not exist. ``plan`` keeps the
    indicators the plan's targets measure; ``unit`` is a unit code (every unit that ever had
    it). Raise ``ExportError`` for a code that names nothing.
    """
    selected = observations.current()
    if plan:
        found = plans.filter(code=plan).first()
        if found is None:
            raise ExportError(
                _("Không có quy hoạch, kế hoạch mã “%(code)s”.") % {"code": plan}, "unknown_plan"
            )
        measured = Target.objects.filter(plan=found, indicator__isnull=False).values("indicator_id")
        selected = selected.filter(indicator_id__in=measured)
    if indicator:
        found = Indicator.objects.filter(code__iexact=indicator.strip()).first()
        if found is None:
            raise ExportError(
                _("Không có chỉ số mã “%(code)s”.") % {"code": indicator}, "unknown_indicator"
            )
        selected = selected.filter(indicator=found)
    if unit:
        if not AdminUnit.objects.filter(code=unit.strip()).exists():
            raise ExportError(
                _("Không có đơn vị hành chính mã “%(code)s”.") % {"code": unit}, "unknown_unit"
            )
        selected = selected.filter(unit__code=unit.strip())
    return selected


def published(observations):
    """Return the published figures of ``observations``: approved and current."""
    return observations.filter(state=WorkflowState.APPROVED, is_current=True)


# --- writing ------------------------------------------------------------------------------------


def export_observations(observations, file_format: str, out) -> int:
    """Write ``observations`` to the binary stream ``out`` in ``file_format``; return how many
    figures were written. The SDMX-CSV file keeps the published ones only."""
    writers = {
        ExportFormat.CSV: write_csv,
        ExportFormat.XLSX: write_xlsx,
        ExportFormat.SDMX_CSV: write_sdmx_csv,
    }
    return writers[ExportFormat(file_format)](observations, out)


def export_bytes(observations, file_format: str) -> bytes:
    """Return the export of ``observations`` in ``file_format`` as bytes."""
    buffer = io.BytesIO()
    export_observations(observations, file_format, buffer)
    return buffer.getvalue()


def write_csv(observations, out) -> int:
    """Write the long layout as CSV (UTF-8 with BOM) to the binary stream ``out``."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(LONG_COLUMNS)
        count = 0
        for row in _rows(observations):
            writer.writerow(
                [
                    neutralise(row.indicator),
                    neutralise(row.unit),
                    neutralise(row.period),
                    number_text(row.value, unambiguous=True),
                    neutralise(row.breakdown),
                    row.status,
                    neutralise(row.source),
                    neutralise(row.comment),
                ]
            )
            count += 1
    finally:
        text.detach()  # leave ``out`` open for the caller
    return count


def write_xlsx(observations, out) -> int:
    """Write the long layout as an XLSX workbook (one sheet, numbers as numeric cells)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for letter, width in zip("ABCDEFGH", (28, 10, 10, 16, 18, 13, 50, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in LONG_COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in _rows(observations):
        sheet.append(
            [
                text_cell(sheet, row.indicator, WriteOnlyCell),
                text_cell(sheet, row.unit, WriteOnlyCell),
                text_cell(sheet, row.period, WriteOnlyCell),
                row.value,
                text_cell(sheet, row.breakdown, WriteOnlyCell),
                row.status,
                text_cell(sheet, row.source, WriteOnlyCell),
                text_cell(sheet, row.comment, WriteOnlyCell),
            ]
        )
        count += 1
    workbook.save(out)
    return count


def write_sdmx_csv(observations, out) -> int:
    """Write the published figures of ``observations`` as flat SDMX-CSV (UTF-8, no BOM)."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(SDMX_COLUMNS)
        count = 0
        for row in _rows(published(observations)):
            writer.writerow(
                [
                    DATAFLOW,
                    neutralise(row.unit),
                    neutralise(row.indicator),
                    neutralise(row.breakdown) or SDMX_TOTAL,
                    sdmx_period(row.period),
                    number_text(row.value),
                    neutralise(row.measure),
                    SDMX_STATUS.get(row.status, ""),
                    neutralise(row.source),
                ]
            )
            count += 1
    finally:
        text.detach()
    return count


# --- cells ------------------------------------------------------------------------------------


def sdmx_period(period: str) -> str:
    """Return a period in SDMX form: 2024, 2024-Q3, 2024-07, 2024-03-31."""
    if len(period) == 6 and period[4] in "Qq":
        return f"{period[:4]}-Q{period[5]}"
    return period


@dataclass(frozen=True)
class _Row:
    indicator: str
    unit: str
    period: str
    value: Decimal
    breakdown: str
    status: str
    source: str
    comment: str
    measure: str


def _rows(observations):
    """Yield the rows to write, in a stable order, from one query read in chunks."""
    ordered = observations.order_by(
        "indicator__code", "unit__code", "unit__valid_from", "period", "breakdown", "pk"
    ).values_list(*_FIELDS)
    for values in ordered.iterator(chunk_size=2000):
        yield _Row(*values)
