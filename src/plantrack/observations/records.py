"""The importer of a plan's appendix of records known by their code (tasks, projects).

Its import record is an ``ImportBatch`` like a file of figures'; what differs between tasks
and projects is their layout, their row checker and how one row is written.
"""

from __future__ import annotations

from typing import Any

from plantrack.accounts.permissions import Permissions
from plantrack.observations.models import ImportBatch
from plantrack.tabular.pipeline import Checked, Importer, ImportNotPermitted, Source
from plantrack.tabular.problems import ImportReport
from plantrack.tabular.readers import Layout, read_table


class AppendixImporter(Importer):
    """Planners and admins import an appendix; one import record a written file."""

    kind = ""  # ImportKind: the import record's
    columns: Layout  # the reader's layout
    refusal: Any = ""  # what anyone else is told

    def __init__(self, *, user, prefix: str | None = None, plan=None, locale=None) -> None:
        self.user = user
        self.prefix = prefix or None
        self.plan = plan
        self.locale = locale

    def permit(self) -> None:
        if self.user is None or not Permissions.of(self.user).all_seeing:
            raise ImportNotPermitted(str(self.refusal))

    def read(self, content: bytes, file_name: str) -> Source:
        table = read_table(content, file_name, self.columns)
        return Source(table.file_format, self.kind, table.rows, table.problems, extra=table)

    def check(self, source: Source, file_name: str) -> Checked:
        raise NotImplementedError

    def open_record(self, report: ImportReport, rows) -> ImportBatch:
        return ImportBatch.open(report, kind=self.kind, user=self.user, rows=len(rows))

    def write(self, rows, report: ImportReport) -> None:
        for row in rows:
            outcome = self.write_row(row, file_name=report.file_name)
            setattr(report, outcome, getattr(report, outcome) + 1)

    def write_row(self, row, *, file_name: str) -> str:
        """Create or update one record; return "created", "changed" or "unchanged"."""
        raise NotImplementedError
