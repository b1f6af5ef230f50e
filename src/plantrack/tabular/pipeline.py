"""The one import pipeline: figures, tasks and projects go through ``run_import``.

The runner owns what every import does alike: who may import, reading, the report and its
problem order, the all-or-nothing transaction, the dry run, and the import record. What
differs is an ``Importer``: its reader (``read``), its row checker (``check``) and its
writer (``write``), with the record it keeps (``open_record``). The web upload, the API and
the commands call the services that call ``run_import``; none of them decides anything of
their own.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import OperationalError, transaction
from django.utils.functional import Promise

from plantrack.tabular import limits
from plantrack.tabular.problems import ImportReport, Problem, sort_problems
from plantrack.tabular.readers import detect_format


class WriteConflict(Exception):
    """A write that lost a race: another import or entry wrote the same record first.

    ``problem`` says which record and who won (``code`` ``duplicate_figure`` for figures);
    ``run_import`` adds it to the report, which then has an error and wrote nothing.
    """

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class ImportNotPermitted(Exception):
    """The user may not make this import at all (tasks and projects: planners and admins)."""

    code = "not_permitted"


class DryRun(Exception):
    """Raised inside the import transaction to roll a dry run back."""


@dataclass
class Source:
    """What a reader made of a file: its rows in the importer's own form, its format and
    layout, and what could not be read.

    ``rows`` is a list, or rows read from the file as the checker iterates them (figures:
    ``observations.importing.RowStream``); the checker then says how many it read
    (``Checked.read``) and may add to ``problems`` what the reading found.
    """

    file_format: str
    layout: str
    rows: Iterable[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Whatever else the importer's checker needs from the reading (a template's metadata).
    extra: Any = None


@dataclass
class Checked:
    """What a row checker made of a source: rows ready to write, problems, the locale
    chosen for numbers typed as text, and how many rows were read when the source's rows
    are not a list.

    ``rows`` is what the importer's writer takes: a list, or the importer's own record of
    the rows that passed (figures: ``validation.CheckedFile``, on disk), with a ``close``
    that the runner calls when the import ends, written or not.
    """

    rows: Any
    problems: list[Problem]
    locale: str | None = None
    read: int | None = None


class Importer:
    """One kind of import. Subclasses read, check and write; the runner does the rest."""

    # "Tệp không có … nào.": said when a file holds no row at all.
    empty_message: str | Promise = ""

    def permit(self) -> None:
        """Raise ``ImportNotPermitted`` when the user may not import this at all. Rights that
        depend on a row (a figure's indicator) are the checker's."""

    def read(self, content: bytes, file_name: str) -> Source:
        raise NotImplementedError

    def check(self, source: Source, file_name: str) -> Checked:
        """Check the source's rows. May raise ``limits.LimitExceeded`` when its rows are
        read as they are checked."""
        raise NotImplementedError

    def open_record(self, report: ImportReport, rows: Any) -> Any:
        """Return the import record of a file about to be written (in the transaction), or
        None; a record has ``close(report)``, called once the rows are written."""
        return None

    def write(self, rows: Any, report: ImportReport) -> None:
        """Write the checked rows, counting them in ``report`` as created, changed or
        unchanged. Runs in the import's transaction: an exception writes nothing."""
        raise NotImplementedError


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a file is imported.

    An import holds a few objects per row (a million rows in bench/import.py), none of them
    in reference cycles: the collector would walk them again and again for nothing, a
    quarter of the import's time. Reference counting still frees memory as usual; the
    collector runs again when the import ends, however it ends. The overview and the target
    list pause it too, while they read a province's thousands of targets as plain rows (at
    national scale the collector's passes were half the overview's time, bench/pages.py).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@collector_paused()
def run_import(
    importer: Importer, content: bytes, file_name: str, *, dry_run: bool = False
) -> ImportReport:
    """Check every row of a file and write all of them, or none; return the report.

    A file with any error writes nothing; warnings do not stop it. A file past a limit
    (``tabular.limits``: its size, what a workbook unpacks to, its rows, columns or cells) is
    refused before it is read, or at the first row past the limit, with that one problem.
    Problems come in the order of the file (``sort_problems``). A dry run checks and writes
    inside a transaction that is then rolled back, so it finds what a real import would,
    database checks included, and leaves nothing behind: not even its import record.
    """
    importer.permit()
    file_format = detect_format(file_name, content)
    refused = limits.refusal(content, file_name, file_format)
    if refused is None:
        try:
            source = importer.read(content, file_name)
            checked = importer.check(source, file_name)
        except limits.LimitExceeded as exceeded:
            refused = exceeded.problem
    if refused is not None:
        # Past a limit: that is the one problem, and no row is checked (or what was checked
        # before the row past it is dropped).
        source = Source(file_format=file_format, layout="long", problems=[refused])
        checked = Checked(rows=[], problems=[])
    else:
        for problem in source.problems:
            problem.file = problem.file or file_name
    try:
        return _report_and_write(importer, source, checked, content, file_name, dry_run=dry_run)
    finally:
        close = getattr(checked.rows, "close", None)
        if close is not None:
            close()


def _report_and_write(
    importer: Importer,
    source: Source,
    checked: Checked,
    content: bytes,
    file_name: str,
    *,
    dry_run: bool,
) -> ImportReport:
    rows = checked.read if checked.read is not None else len(source.rows)  # type: ignore[arg-type]
    report = ImportReport(
        file_name=file_name,
        checksum=hashlib.sha256(content).hexdigest(),
        file_format=source.file_format,
        layout=source.layout,
        locale=checked.locale,
        rows=rows,
        dry_run=dry_run,
        problems=[*source.problems, *checked.problems],
    )
    if not rows and not report.errors:
        report.problems.append(
            Problem(code="empty_file", message=str(importer.empty_message), file=file_name)
        )
    sort_problems(report.problems)
    if report.errors:
        return report
    try:
        _write_retrying(importer, checked.rows, report, dry_run=dry_run)
    except DryRun:
        report.batch = None
        return report
    except WriteConflict as conflict:
        # Rolled back whole: the file is refused as if a row had failed its checks.
        conflict.problem.file = conflict.problem.file or file_name
        report.problems.append(conflict.problem)
        report.batch = None
        return report
    report.written = True
    return report


def oversized(file_name: str, size: int) -> ImportReport | None:
    """Return the refusal of a file of ``size`` bytes past the import limit, or None.

    The web upload, the API and the commands ask before they read the file into memory;
    ``run_import`` asks again of what it is given.
    """
    if size <= limits.current().max_bytes:
        return None
    return ImportReport(
        file_name=file_name,
        checksum="",
        file_format=detect_format(file_name, b""),
        layout="long",
        locale=None,
        problems=[limits.too_large(file_name, size)],
    )


# SQLSTATEs of a transaction the database gave up to let another through: deadlock detected,
# serialization failure. Safe to run again from the start: nothing of it was kept.
_RETRYABLE = {"40P01", "40001"}
WRITE_ATTEMPTS = 3


def _write_retrying(importer: Importer, rows: Any, report: ImportReport, *, dry_run: bool) -> None:
    """Write in one transaction; run it again when the database chose it as a deadlock's
    victim (PostgreSQL, two imports of the same figures at once), then the second attempt
    sees the first import's figures: a new vintage, or a ``WriteConflict`` naming them.

    Inside a caller's transaction there is nothing to retry: the error goes up.
    """
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                report.batch = importer.open_record(report, rows)
                importer.write(rows, report)
                if report.batch is not None:
                    report.batch.close(report)
                if dry_run:
                    raise DryRun
            return
        except OperationalError as error:
            retryable = getattr(error.__cause__, "sqlstate", None) in _RETRYABLE
            if not retryable or attempt == WRITE_ATTEMPTS or transaction.get_autocommit() is False:
                raise
            report.batch = None
            report.created = report.changed = report.unchanged = 0
