"""Importing a file of figures: the figures' importer in the one import pipeline.

``import_observations`` is what the ``import`` command, the web upload and the API call:
``FigureImporter`` gives the pipeline (``tabular.pipeline.run_import``) its reader
(``importing.read_file``), its row checker (``validation.check_file``, with the reporting
agency and the right to approve) and its writer, which puts new figures in with the shared
fast insert and changed ones as new vintages. The rows are read, checked and written a
chunk at a time (``PLANTRACK_IMPORT_CHUNK_ROWS``): those that passed wait on disk between
the checks and the write, so memory does not grow with the file, and the write is still one
transaction. docs/data-collection.md, "Importing figures".
"""

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantrack.accounts.permissions import Permissions
from plantrack.observations.choices import FigureStatus, ImportKind, RevisionAction, WorkflowState
from plantrack.observations.importing import read_file
from plantrack.observations.models import ImportBatch, Observation, ObservationRevision
from plantrack.observations.signals import figures_changed_together, send_figures_changed
from plantrack.observations.validation import CheckedFile, CheckedRow, check_file
from plantrack.observations.vintages import (
    FigureTaken,
    current_figure,
    record_observation,
    same_value,
    taken_message,
)
from plantrack.observations.workflow import self_approval_mark
from plantrack.tabular.bulk import insert_rows, plain
from plantrack.tabular.numbers import LOCALES
from plantrack.tabular.pipeline import Checked, Importer, Source, WriteConflict, run_import
from plantrack.tabular.problems import ImportReport, Problem


def import_observations(
    content: bytes,
    file_name: str,
    *,
    user=None,
    agency=None,
    locale: str | None = None,
    dry_run: bool = False,
    approve: bool = False,
) -> ImportReport:
    """Validate a file of figures and write every value, or none.

    The one importer: the ``import`` command, the web upload and the API call it. Values are
    recorded as submitted (approved with ``approve``, which needs the right to approve every
    indicator in the file). A file whose checks find any error writes nothing; warnings (a
    jump explained by a comment) do not stop it. The same file imported twice changes nothing
    the second time.

    A value already known for its indicator, unit, period and breakdown (the same number and
    status, and the same source when the row names one; current or an older vintage) is
    unchanged; a different one is recorded as a new vintage (``record_observation``). The
    reporting ``agency`` must be one of the user's, unless the user sees everything; left
    out, it is the user's agency when the user belongs to exactly one.
    """
    importer = FigureImporter(user=user, agency=agency, locale=locale, approve=approve)
    return run_import(importer, content, file_name, dry_run=dry_run)


class FigureImporter(Importer):
    """Figures: the long layout or PlanTrack's Excel template, CSV, XLSX or JSON."""

    empty_message = gettext_lazy("Tệp không có giá trị nào.")

    def __init__(self, *, user, agency=None, locale: str | None = None, approve: bool = False):
        self.user = user
        self.agency = agency
        self.locale = locale
        self.approve = approve
        self.permissions = Permissions.of(user)

    def read(self, content: bytes, file_name: str) -> Source:
        read = read_file(content, file_name)
        return Source(read.file_format, read.layout, read.rows, read.problems, extra=read)

    def check(self, source: Source, file_name: str) -> Checked:
        read = source.extra
        self.agency, agency_problem = _reporting_agency(self.permissions, self.agency, file_name)
        row_check = self._approvable(file_name) if self.approve else None
        checked = check_file(
            read, file_name, declared=self.locale, permissions=self.permissions, row_check=row_check
        )
        source.problems = read.reading_problems()
        problems = checked.locale_problems
        if agency_problem:
            problems.append(agency_problem)
        if read.broken():
            # A damaged file: nothing of it counts, not even the rows read before the damage.
            checked.rows.close()
            problems = [problem for problem in problems if problem.row is None]
            declared = self.locale or None
            return Checked([], problems, declared if declared in LOCALES else None, read=0)
        problems += checked.problems
        if self.approve:
            problems += checked.refused
            if (
                len(checked.rows)
                and not checked.refused
                and not settings.PLANTRACK_ALLOW_SELF_APPROVAL
            ):
                # May approve, but these are the importer's own figures (four eyes).
                problems.append(_self_approval_refused(file_name))
        return Checked(checked, problems, checked.locale, read=checked.count)

    def _approvable(self, file_name: str):
        """Return the check of a row's right to approve: a problem for a row whose indicator
        the user may not approve, asked once an indicator."""
        approvable: dict[int, bool] = {}  # indicator id → may approve

        def check(row: CheckedRow) -> Problem | None:
            allowed = approvable.get(row.key[0])
            if allowed is None:
                allowed = approvable[row.key[0]] = self.permissions.may_approve(row.indicator)
            if allowed:
                return None
            return Problem(
                code="not_permitted",
                message=_("Bạn không được phê duyệt số liệu của chỉ số %(code)s.")
                % {"code": row.indicator.code},
                file=file_name,
                sheet=row.source.sheet,
                row=row.source.row,
                column=row.source.columns.get("indicator", ""),
                value=row.indicator.code,
            )

        return check

    def open_record(self, report: ImportReport, rows: CheckedFile) -> ImportBatch:
        return ImportBatch.open(
            report, kind=ImportKind.FIGURES, user=self.user, agency=self.agency, rows=len(rows.rows)
        )

    def write(self, rows: CheckedFile, report: ImportReport) -> None:
        state = WorkflowState.APPROVED if self.approve else WorkflowState.SUBMITTED
        default_source = _("Tệp %(file)s (SHA-256 %(checksum)s)") % {
            "file": report.file_name,
            "checksum": report.checksum[:12],
        }
        with figures_changed_together():  # one re-judging for the whole file
            try:
                _write_rows(
                    report, rows, self.agency, state, default_source, self_approval=self.approve
                )
            except FigureTaken as taken:
                raise WriteConflict(_conflict_problem(taken.winner)) from taken


def _conflict_problem(winner) -> Problem:
    """The problem of a file that lost a race for a figure: which figure won."""
    return Problem(
        code="duplicate_figure",
        message=taken_message(winner),
        column="indicator",
        value=winner.indicator.code if winner is not None else "",
    )


def _self_approval_refused(file_name: str) -> Problem:
    """The file-wide refusal of an import that would approve the importer's own figures.

    Four eyes (``workflow.approve_observations``): the importer enters every figure of the
    file, so approving them on import is a self-approval, allowed only by
    ``PLANTRACK_ALLOW_SELF_APPROVAL``.
    """
    return Problem(
        code="self_approval",
        message=_(
            "Người nhập tệp không tự phê duyệt số liệu mình nhập (nguyên tắc bốn mắt): hãy "
            "nhập để gửi duyệt, rồi một người phê duyệt khác duyệt."
        ),
        file=file_name,
    )


def _reporting_agency(permissions, agency, file_name: str):
    """Return (the agency the import reports for, a problem if the user may not use it)."""
    if permissions.all_seeing:
        return agency, None
    if agency is None:
        mine = list(permissions.roles)
        return (_agency(mine[0]) if len(mine) == 1 else None), None
    if agency.pk in permissions.roles:
        return agency, None
    return agency, Problem(
        code="not_permitted",
        message=_("Bạn không thuộc %(agency)s nên không nhập số liệu thay cơ quan này được.")
        % {"agency": agency},
        file=file_name,
        value=agency.code,
    )


def _agency(agency_id: int):
    from plantrack.accounts.models import Agency

    return Agency.objects.get(pk=agency_id)


def _write_rows(
    report, checked: CheckedFile, agency, state, default_source, *, self_approval=False
) -> None:
    """Write the checked rows: new values in bulk, changed ones as new vintages.

    New values (no figure yet for their indicator, unit, period and breakdown) go in with
    the database's own bulk path (``_insert_new``); then every one gets its CREATED
    revision, written by one INSERT … SELECT: the history stays complete without a model
    instance per row. A value that replaces a known figure goes through
    ``record_observation``, one by one. The stored figures of the file's indicators, units
    and periods are locked first, all of them in id order (``vintages.record_observation``,
    ``workflow._locked``); when there are none, every row is new and all go in one stream
    from the spool; otherwise the rows are compared with the stored figures a chunk at a
    time.
    """
    batch = report.batch
    reason = _("Nhập từ tệp %(file)s") % {"file": report.file_name}
    if self_approval:
        # Imported as approved by the importer (PLANTRACK_ALLOW_SELF_APPROVAL): say so.
        reason = f"{reason} ({self_approval_mark()})"
    indicator_ids, unit_ids, periods = checked.keys()
    # Only the figures' rows, in id order; read a chunk at a time, not kept.
    locked = (
        Observation.objects.select_for_update(of=("self",))
        .filter(indicator_id__in=indicator_ids, unit_id__in=unit_ids, period__in=periods)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    stored = sum(1 for _pk in locked.iterator(chunk_size=checked.rows.chunk_size))
    now = timezone.now()  # the new figures' created_at and updated_at, their revisions' at
    approved = state == WorkflowState.APPROVED
    # A record of ``checked.rows`` (``CheckedFile``): indicator id, unit id, period,
    # breakdown, value, status, status given, source, comment, then where it was read.
    if not stored:
        keys: set[tuple] = set()  # (indicator, unit, period) of new figures, no breakdown

        def every_row() -> Iterator[tuple]:
            keys.clear()  # (called again after a race lost)
            for record in checked.rows:
                if not record[3]:
                    keys.add(record[:3])
                yield (*record[:6], record[7] or default_source, record[8])

        report.created = _insert_new(every_row, batch, now=now, state=state, agency=agency)
        if approved:
            # A changed figure's keys are sent by record_observation; these are all new.
            send_figures_changed(keys=keys)
    else:
        for chunk in checked.rows.chunks():
            new = _record_known(
                report,
                chunk,
                checked,
                agency=agency,
                state=state,
                default_source=default_source,
                reason=reason,
                self_approval=self_approval,
            )
            if new:
                report.created += _insert_new(
                    functools.partial(list, new), batch, now=now, state=state, agency=agency
                )
                if approved:
                    send_figures_changed(keys=[row[:3] for row in new if not row[3]])
    if report.created:
        connection = connections[Observation.objects.db]
        with connection.cursor() as cursor:
            _insert_created_revisions(
                cursor, connection, batch, now=now, reason=reason, self_approval=self_approval
            )


def _record_known(
    report, chunk, checked: CheckedFile, *, agency, state, default_source, reason, self_approval
) -> list[tuple]:
    """Record the rows of ``chunk`` whose figure is stored (a new vintage, or unchanged);
    return the others, new, as ``_ROW_COLUMNS`` tuples."""
    existing: dict[tuple, list[_Known]] = defaultdict(list)
    stored = Observation.objects.filter(
        indicator_id__in={record[0] for record in chunk},
        unit_id__in={record[1] for record in chunk},
        period__in={record[2] for record in chunk},
    ).order_by("pk")
    columns = ("indicator_id", "unit_id", "period", "breakdown", "value", "status", "source")
    for figure in stored.values_list(*columns):
        existing[figure[:4]].append(_Known(*figure[4:]))
    fresh = []
    for record in chunk:
        indicator_id, unit_id, period, breakdown, value, status, given, source_text, comment = (
            record[:9]
        )
        source = source_text or default_source
        known = existing.get((indicator_id, unit_id, period, breakdown))
        if not known:
            fresh.append((indicator_id, unit_id, period, breakdown, value, status, source, comment))
            continue
        value = Decimal(value)
        if any(_already_known(value, status, given, source_text, figure) for figure in known):
            report.unchanged += 1
            continue
        _observation, written = record_observation(
            indicator=checked.indicators[indicator_id],
            unit=checked.units[unit_id],
            period=period,
            breakdown=breakdown,
            value=value,
            status=FigureStatus(status),
            source=source,
            comment=comment,
            state=state,
            agency=agency,
            user=report.batch.user,
            reason=reason,
            self_approval=self_approval,
        )
        if written:
            report.changed += 1
        else:
            report.unchanged += 1
    return fresh


@dataclass(frozen=True, slots=True)
class _Known:
    """What ``_already_known`` compares of a stored figure."""

    value: Decimal
    status: str
    source: str


# The columns ``_insert_new`` writes: the row's own (indicator, unit, period, breakdown,
# value, status, source, comment), then those the import sets alike for every row.
_ROW_COLUMNS = (
    "indicator_id",
    "unit_id",
    "period",
    "breakdown",
    "value",
    "status",
    "source",
    "comment",
)


def _insert_new(
    rows: Callable[[], Iterable[tuple]], batch: ImportBatch, *, now, state, agency
) -> int:
    """Insert new figures; return how many. Their revisions follow (``_write_rows``).

    ``rows()`` gives tuples of ``_ROW_COLUMNS``, written by the shared fast insert
    (``tabular.bulk.insert_rows``) as they come, with ``now`` for ``created_at`` and
    ``updated_at``; it is called again, after a race lost, to name the figure that won.
    Runs inside the import's transaction (a savepoint here), so a failure writes nothing.
    """
    count = 0

    def counted() -> Iterator[tuple]:
        nonlocal count
        for row in rows():
            count += 1
            yield row

    try:
        with transaction.atomic():  # a savepoint, so the winner can be read after a race
            insert_rows(
                Observation,
                _ROW_COLUMNS,
                counted(),
                prepared=True,
                constants={
                    "state": state,
                    "agency_id": agency.pk if agency is not None else None,
                    "is_current": True,
                    "supersedes_id": None,
                    "published_on": None,
                    "created_by_id": batch.user_id,
                    "created_at": now,
                    "updated_at": now,
                    "import_batch_id": batch.pk,
                    "review_note": "",
                    "version": 1,
                },
            )
    except IntegrityError as error:
        # Another import or entry made one of these figures current meanwhile: name it.
        winner = next(
            (figure for row in rows() if (figure := current_figure(*row[:4])) is not None), None
        )
        raise FigureTaken(winner) from error
    return count


def _insert_created_revisions(
    cursor, connection, batch, *, now, reason: str, self_approval=False
) -> None:
    """Write one CREATED revision for every figure of ``batch``, as ``Observation.save``
    does for one: the new value, no changes, the importing user and the reason."""
    revision = {field.attname: field for field in ObservationRevision._meta.concrete_fields}
    observation = {field.attname: field for field in Observation._meta.concrete_fields}
    fixed = {
        "action": RevisionAction.CREATED,
        "old_value": None,
        "changes": {"self_approval": [False, True]} if self_approval else {},
        "user_id": batch.user_id,
        "at": now,
        "reason": reason,
    }
    constants = [
        plain(revision[name].get_db_prep_save(value, connection)) for name, value in fixed.items()
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(revision[name].column) for name in ("observation_id", "new_value", *fixed)
    )
    pk, value, batch_id = (
        quote(observation[name].column)
        for name in (Observation._meta.pk.attname, "value", "import_batch_id")
    )
    marks = ", ".join(["%s"] * len(constants))
    cursor.execute(
        f"INSERT INTO {quote(ObservationRevision._meta.db_table)} ({columns}) "  # noqa: S608 -- model's names
        f"SELECT {pk}, {value}, {marks} FROM {quote(Observation._meta.db_table)} "
        f"WHERE {batch_id} = %s ORDER BY {pk}",
        [*constants, batch.pk],
    )


def _already_known(value: Decimal, status: str, given: bool, source: str, known: _Known) -> bool:
    """Return True if ``known`` is the row's figure: the same value, and the same status and
    source where the row gives them (a row without a source takes the file's name and
    checksum as source, which must not make every value sent again look new)."""
    if not same_value(known.value, value):
        return False
    if given and known.status != status:
        return False
    return not source or known.source == source
