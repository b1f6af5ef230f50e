"""What is wrong with an input, said where, and what an import found and did.

``Problem`` is one thing wrong (file, sheet, row, column, value, and a message in the active
language); ``ImportReport`` is an import's outcome, the same for figures, tasks and projects,
and what the web upload, the API and the commands show. ``sort_problems`` orders problems as
the file reads.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass
class Problem:
    """One thing wrong with the input, said where: file, sheet, row, column, value."""

    code: str
    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    severity: str = "error"  # or "warning"

    def where(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(_("trang “%(sheet)s”") % {"sheet": self.sheet})
        if self.row is not None:
            parts.append(_("dòng %(row)s") % {"row": self.row})
        if self.column:
            parts.append(_("cột %(column)s") % {"column": self.column})
        return ", ".join(part for part in parts if part)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass
class ImportReport:
    """What an import found and did: its problems, and how many values were new, changed or
    unchanged. ``written`` is True only when every row was written.

    What it shows (``as_dict``, the web page, the commands) is the first
    ``PLANTRACK_IMPORT_MAX_PROBLEMS`` problems and how many there are of each code: a large
    bad file has a problem a row, and its report would be larger than the file.
    """

    file_name: str
    checksum: str
    file_format: str
    layout: str
    locale: str | None
    rows: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    batch: Any = None  # the import record written (observations.ImportBatch), if any

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def shown_problems(self) -> list[Problem]:
        """The problems a report lists: the first ``PLANTRACK_IMPORT_MAX_PROBLEMS``."""
        return self.problems[: settings.PLANTRACK_IMPORT_MAX_PROBLEMS]

    @property
    def shown_errors(self) -> list[Problem]:
        return [p for p in self.shown_problems if p.severity == "error"]

    @property
    def shown_warnings(self) -> list[Problem]:
        return [p for p in self.shown_problems if p.severity == "warning"]

    @property
    def unshown(self) -> int:
        """How many problems the report counts but does not list."""
        return max(len(self.problems) - settings.PLANTRACK_IMPORT_MAX_PROBLEMS, 0)

    def problem_counts(self) -> dict[str, int]:
        """Code → how many problems of that code, every problem counted, most frequent first."""
        return dict(Counter(problem.code for problem in self.problems).most_common())

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "checksum": self.checksum,
            "format": self.file_format,
            "layout": self.layout,
            "locale": self.locale,
            "rows": self.rows,
            "created": self.created,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "dry_run": self.dry_run,
            "written": self.written,
            "batch": self.batch.pk if self.batch else None,
            "problems": [problem.as_dict() for problem in self.shown_problems],
            "problems_total": len(self.problems),
            "problem_counts": self.problem_counts(),
        }


def sort_problems(problems: list[Problem]) -> None:
    """Order problems as the file reads: the whole file's first, then sheet by sheet, row by
    row (stable, so a row's problems keep the order of the checks)."""
    problems.sort(key=lambda problem: (problem.row is not None, problem.sheet, problem.row or 0))


def number_message(code: str, raw: object) -> str:
    if code == "missing_value":
        return _("Thiếu giá trị.")
    if code == "too_large":
        return _("Số “%(value)s” quá lớn: giá trị được lưu tối đa 18 chữ số phần nguyên.") % {
            "value": raw
        }
    if code == "ambiguous_number":
        return _(
            "Số “%(value)s” đọc được hai cách (1.234 là một nghìn hai trăm ba mươi tư theo kiểu "
            "Việt Nam, một phẩy hai ba bốn theo kiểu Anh): hãy khai báo kiểu số của tệp."
        ) % {"value": raw}
    return _("“%(value)s” không phải là một số.") % {"value": raw}
