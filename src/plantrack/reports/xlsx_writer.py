"""The report's appendices as a workbook (openpyxl through ``tabular.writers``, so a text
that looks like a formula is never run): targets, figures by year, tasks, projects, and
every figure with its vintage and source."""

from __future__ import annotations

from typing import BinaryIO

from plantrack.reports.content import ReportContent
from plantrack.tabular.writers import ExportFormat, Sheet, write_table


def report_sheets(content: ReportContent) -> list[Sheet]:
    """Return the appendices as sheets: the XLSX writes them all, the package's CSVs some."""
    o = content.outline
    extra = o.raw("extra_columns")
    sheets = o.raw("sheets")
    columns = o.columns("results.columns")
    targets = Sheet(
        title=sheets["targets"],
        headers=[
            columns[0],
            extra["section"],
            columns[1],
            extra["indicator"],
            extra["unit"],
            *columns[2:],
            extra["status_code"],
            extra["explanation"],
            extra["figures"],
            extra["others"],
        ],
        rows=[
            [
                line.number,
                line.section,
                line.phrase,
                line.indicator,
                line.unit,
                line.baseline,
                line.goal,
                line.latest,
                line.latest_status,
                line.status_label,
                line.actual_vs_required,
                line.remaining,
                line.status,
                line.explanation,
                " ".join(f"[{n}]" for n in line.refs),
                "; ".join(f"{plan}: {phrase}" for plan, phrase in line.others),
            ]
            for line in content.targets
        ],
        widths=(5, 22, 50, 24, 10, 12, 18, 16, 12, 16, 18, 22, 18, 60, 16, 40),
    )
    years = Sheet(
        title=sheets["years"],
        headers=[columns[0], o.text("results.years_first_column"), *map(str, content.years)],
        rows=[
            [line.number, line.phrase, *(line.by_year.get(y, "") for y in content.years)]
            for line in content.targets
        ],
        widths=(5, 50, *(12,) * len(content.years)),
    )
    tasks = Sheet(
        title=sheets["tasks"],
        headers=[
            extra[k]
            for k in (
                "task_code",
                "task_title",
                "task_agency",
                "task_deadline",
                "task_status",
                "task_overdue",
                "task_illustrative",
            )
        ],
        rows=[
            [
                t.code,
                t.title,
                t.agency,
                t.deadline,
                t.status,
                "x" if t.overdue else "",
                t.illustrative,
            ]
            for t in content.tasks
        ],
        widths=(12, 60, 28, 12, 16, 8, 12),
    )
    project_columns = o.columns("projects.columns")
    projects = Sheet(
        title=sheets["projects"],
        headers=[extra["project_group"], extra["project_source"], *project_columns],
        rows=[
            [
                group.title,
                source,
                p.code,
                p.name,
                p.status,
                p.planned,
                p.allocated,
                p.disbursed,
                p.rate,
                p.note,
            ]
            for group in content.project_groups
            for source, lines, _totals in group.by_source
            for p in lines
        ],
        widths=(30, 24, 12, 50, 18, 12, 12, 12, 12, 40),
    )
    appendix = o.columns("appendix.columns")
    figures = Sheet(
        title=sheets["figures"],
        headers=[
            *appendix[:6],
            extra["title"],
            extra["issuer"],
            extra["date"],
            extra["link"],
            extra["observation"],
            extra["version"],
        ],
        rows=[
            [
                f.number,
                f.indicator,
                f.period,
                f"{f.value} {f.unit}".strip(),
                f.status_word,
                f.vintage,
                f.source.title,
                f.source.issuer,
                f.source.date,
                f.source.link,
                f.observation_id,
                f.version,
            ]
            for f in content.figures
        ],
        widths=(6, 30, 10, 14, 14, 30, 50, 30, 12, 50, 10, 8),
    )
    return [targets, years, tasks, projects, figures]


def write_xlsx(content: ReportContent, out: BinaryIO) -> None:
    """Write the appendices workbook to ``out``."""
    write_table(report_sheets(content), ExportFormat.XLSX, out)
