"""Writes that touch observations: each one function, inside one transaction.

- ``record_observation``: one published figure, as a new vintage when it changed;
- ``import_observations``: the one importer (command, web upload, API): every row of a file
  or none;
- the workflow, draft → submitted → approved or rejected: ``submit_observations``,
  ``approve_observations``, ``reject_observations``, and ``edit_observation`` with
  optimistic locking. They raise ``WorkflowError`` (or its ``NotPermitted`` and
  ``ConcurrentEdit``) with a machine-readable ``code`` and a message in the active language.

docs/data-collection.md ("Importing figures", "Workflow") describes them for users.
"""

import datetime
import gc
import hashlib
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plantrack.accounts import permissions
from plantrack.accounts.permissions import Action
from plantrack.observations.choices import FigureStatus, RevisionAction, WorkflowState
from plantrack.observations.importing import Problem, read_file
from plantrack.observations.models import ImportBatch, Observation, ObservationRevision
from plantrack.observations.signals import figures_changed_together, send_figures_changed
from plantrack.observations.validation import (
    check_rows,
    choose_locale,
    number_text,
)
from plantrack.tabular.bulk import insert_rows, plain

# What makes two vintages of a figure the same published figure.
_VINTAGE_FIELDS = ("value", "status", "source", "published_on")


@transaction.atomic
def record_observation(
    *,
    indicator,
    unit,
    period: str,
    value: Decimal,
    status: FigureStatus,
    source: str,
    breakdown: str = "",
    comment: str = "",
    published_on: datetime.date | None = None,
    state: WorkflowState = WorkflowState.DRAFT,
    agency=None,
    user=None,
    reason: str = "",
) -> tuple[Observation, bool]:
    """Record a published figure; return it and whether anything was written.

    A figure already recorded (same value, status, source and publication date, current or
    an older vintage) changes nothing, so loading the same data twice is harmless. A new
    figure for the same indicator, unit, period and breakdown becomes the current vintage and
    the previous one is kept, marked as superseded; except that an unapproved figure never
    displaces an approved one: it is kept beside it, not current, until it is approved.
    """
    candidate = Observation(
        indicator=indicator,
        unit=unit,
        period=period,
        breakdown=breakdown,
        value=Decimal(value),
        status=status,
        source=source,
        comment=comment,
        published_on=published_on,
        state=state,
        agency=agency,
        created_by=user,
    )
    # Checks the period and the unit's validity, and puts the period in canonical form.
    candidate.full_clean(validate_unique=False, validate_constraints=False)
    key = {"indicator": indicator, "unit": unit, "period": candidate.period, "breakdown": breakdown}

    vintages = list(Observation.objects.select_for_update().filter(**key))
    for known in vintages:
        if all(_same(getattr(known, f), getattr(candidate, f)) for f in _VINTAGE_FIELDS):
            return known, False

    current = next((v for v in vintages if v.is_current), None)
    if current is not None and _waits_for_approval(candidate, current):
        candidate.is_current = False
        candidate.save(changed_by=user, reason=reason)
        return candidate, True
    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"], changed_by=user, reason=reason)
        candidate.supersedes = current
    candidate.save(changed_by=user, reason=reason)
    if WorkflowState.APPROVED in (candidate.state, getattr(current, "state", None)):
        send_figures_changed([candidate])
    return candidate, True


def _waits_for_approval(candidate: Observation, current: Observation) -> bool:
    """Return True when ``candidate`` is a pending figure and ``current`` an approved one.

    The public sees approved figures only (``Observation.objects.for_user``), so letting a
    draft become current would hide the approved value until the draft is approved.
    """
    approved = WorkflowState.APPROVED
    return candidate.state != approved and current.state == approved


def _same(left, right) -> bool:
    if isinstance(left, Decimal) or isinstance(right, Decimal):
        return left is not None and right is not None and Decimal(left) == Decimal(right)
    return left == right


# --- importing a file ---------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import found and did: its problems, and how many values were new, changed or
    unchanged. ``written`` is True only when every row was written."""

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
    batch: ImportBatch | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def as_dict(self) -> dict:
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
            "problems": [problem.as_dict() for problem in self.problems],
        }


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while a file is imported.

    An import holds a few objects per row (a million rows in bench/import.py), none of them
    in reference cycles: the collector would walk them again and again for nothing, a
    quarter of the import's time. Reference counting still frees memory as usual; the
    collector runs again when the import ends, however it ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_collector_paused()
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
    from plantrack.accounts.permissions import Permissions

    checksum = hashlib.sha256(content).hexdigest()
    read = read_file(content, file_name)
    chosen, locale_problems = choose_locale(read, locale, file_name)
    report = ImportReport(
        file_name=file_name,
        checksum=checksum,
        file_format=read.file_format,
        layout=read.layout,
        locale=chosen,
        rows=len(read.rows),
        dry_run=dry_run,
    )
    for problem in read.problems:
        problem.file = problem.file or file_name
    report.problems += read.problems + locale_problems
    permissions = Permissions(user)
    agency, agency_problem = _reporting_agency(permissions, agency, file_name)
    if agency_problem:
        report.problems.append(agency_problem)
    checked, problems = check_rows(read, file_name, locale=chosen, permissions=permissions)
    report.problems += problems
    if approve:
        approvable: dict[int, bool] = {}  # indicator id → may approve, asked once each
        for row in checked:
            allowed = approvable.get(row.key[0])
            if allowed is None:
                allowed = approvable[row.key[0]] = permissions.may_approve(row.indicator)
            if not allowed:
                report.problems.append(
                    Problem(
                        code="not_permitted",
                        message=_("Bạn không được phê duyệt số liệu của chỉ số %(code)s.")
                        % {"code": row.indicator.code},
                        file=file_name,
                        sheet=row.source.sheet,
                        row=row.source.row,
                        column=row.source.columns.get("indicator", ""),
                        value=row.indicator.code,
                    )
                )
    if not read.rows and not report.errors:
        report.problems.append(
            Problem(code="empty_file", message=_("Tệp không có giá trị nào."), file=file_name)
        )
    # In the order of the file: problems of the whole file first, then sheet by sheet, row by
    # row (stable, so a row's problems keep the order of the checks).
    report.problems.sort(
        key=lambda problem: (problem.row is not None, problem.sheet, problem.row or 0)
    )
    if report.errors:
        return report
    default_source = _("Tệp %(file)s (SHA-256 %(checksum)s)") % {
        "file": file_name,
        "checksum": checksum[:12],
    }
    state = WorkflowState.APPROVED if approve else WorkflowState.SUBMITTED
    try:
        with transaction.atomic():
            with figures_changed_together():  # one re-judging for the whole file
                _write_rows(report, checked, read, user, agency, state, default_source)
            if dry_run:
                raise _DryRun
    except _DryRun:
        report.batch = None
        return report
    report.written = True
    return report


class _DryRun(Exception):
    """Raised inside the import transaction to roll a dry run back."""


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


def _write_rows(report, checked, read, user, agency, state, default_source) -> None:
    """Write the checked rows: new values in bulk, changed ones as new vintages.

    New values (no figure yet for their indicator, unit, period and breakdown) go in with
    the database's own bulk path (``_insert_new``), each with its CREATED revision, written
    by one INSERT … SELECT: the history stays complete without a model instance per row.
    A value that replaces a known figure goes through ``record_observation``, one by one.
    """
    batch = ImportBatch.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        agency=agency,
        file_name=report.file_name,
        checksum=report.checksum,
        file_format=read.file_format,
        layout=read.layout,
        rows=len(checked),
    )
    report.batch = batch
    reason = _("Nhập từ tệp %(file)s") % {"file": report.file_name}
    existing: dict[tuple, list[_Known]] = defaultdict(list)
    candidates = Observation.objects.select_for_update().filter(
        indicator_id__in={row.key[0] for row in checked},
        unit_id__in={row.key[1] for row in checked},
        period__in={row.key[2] for row in checked},
    )
    columns = ("indicator_id", "unit_id", "period", "breakdown", "value", "status", "source")
    for figure in candidates.values_list(*columns):
        existing[figure[:4]].append(_Known(*figure[4:]))
    fresh = []
    for row in checked:
        source = row.source_text or default_source
        known = existing.get(row.key)
        if not known:
            status = _PLAIN_STATUS.get(row.status, row.status)
            fresh.append((*row.key, row.value, status, source, row.comment))
            continue
        if any(_already_known(row, figure) for figure in known):
            report.unchanged += 1
            continue
        _observation, written = record_observation(
            indicator=row.indicator,
            unit=row.unit,
            period=row.period,
            breakdown=row.breakdown,
            value=row.value,
            status=row.status,
            source=source,
            comment=row.comment,
            state=state,
            agency=agency,
            user=batch.user,
            reason=reason,
        )
        if written:
            report.changed += 1
        else:
            report.unchanged += 1
    report.created = _insert_new(fresh, batch, state=state, agency=agency, reason=reason)
    if state == WorkflowState.APPROVED:
        send_figures_changed(keys=[(r[0], r[1], r[2]) for r in fresh if not r[3]])
    batch.created_count = report.created
    batch.changed_count = report.changed
    batch.unchanged_count = report.unchanged
    batch.save(update_fields=["created_count", "changed_count", "unchanged_count"])


# FigureStatus members as plain text: the SQLite driver binds a str subclass (an enum
# member) through its adapter look-up, a tenth of the insert's time (bench/import.py).
_PLAIN_STATUS = {status: status.value for status in FigureStatus}


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


def _insert_new(rows: list[tuple], batch: ImportBatch, *, state, agency, reason: str) -> int:
    """Insert new figures and their CREATED revisions; return how many.

    ``rows`` are tuples of ``_ROW_COLUMNS``, written by the shared fast insert
    (``tabular.bulk.insert_rows``), with one moment for ``created_at``, ``updated_at`` and
    the revisions' ``at``. The revisions are made by
    the database from the rows just written (``import_batch`` = this batch, in id order).
    Runs inside the import's transaction, so a failure writes nothing.
    """
    if not rows:
        return 0
    now = timezone.now()
    insert_rows(
        Observation,
        _ROW_COLUMNS,
        rows,
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
    connection = connections[Observation.objects.db]
    with connection.cursor() as cursor:
        _insert_created_revisions(cursor, connection, batch, now=now, reason=reason)
    return len(rows)


def _insert_created_revisions(cursor, connection, batch, *, now, reason: str) -> None:
    """Write one CREATED revision for every figure of ``batch``, as ``Observation.save``
    does for one: the new value, no changes, the importing user and the reason."""
    revision = {field.attname: field for field in ObservationRevision._meta.concrete_fields}
    observation = {field.attname: field for field in Observation._meta.concrete_fields}
    fixed = {
        "action": RevisionAction.CREATED,
        "old_value": None,
        "changes": {},
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


def _already_known(row, known: Observation) -> bool:
    """Return True if ``known`` is the row's figure: the same value, and the same status and
    source where the row gives them (a row without a source takes the file's name and
    checksum as source, which must not make every value sent again look new)."""
    if not _same(known.value, row.value):
        return False
    if row.status_given and known.status != row.status:
        return False
    return not row.source_text or known.source == row.source_text


# --- the workflow: draft → submitted → approved or rejected ------------------------------------


class WorkflowError(Exception):
    """A workflow step that is not allowed; ``code`` is machine-readable, the message says why."""

    code = "workflow_error"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code or self.code


class NotPermitted(WorkflowError, permissions.NotPermitted):
    """A workflow step the user may not take (``accounts.permissions``): 403 in the API."""

    code = "not_permitted"


class ConcurrentEdit(WorkflowError):
    code = "concurrent_edit"


def _permissions(user) -> permissions.Permissions:
    return permissions.Permissions.of(user)


def _locked(observation_ids) -> list[Observation]:
    rows = list(
        Observation.objects.select_for_update()
        .select_related("indicator", "unit")
        .filter(pk__in=observation_ids)
        .order_by("pk")
    )
    if len(rows) != len(set(observation_ids)):
        raise WorkflowError(_("Không tìm thấy số liệu."), code="not_found")
    return rows


@transaction.atomic
def submit_observations(observation_ids, *, user) -> list[Observation]:
    """Send drafts (or rejected figures, corrected) for approval."""
    rows = _locked(observation_ids)
    allowed = _allowed(user, Action.CHANGE, rows)
    for observation in rows:
        if observation.pk not in allowed:
            raise NotPermitted(_not_yours(observation))
        if not observation.is_submittable:
            raise WorkflowError(
                _("Chỉ gửi được số liệu nháp hoặc bị trả lại; số liệu này đang “%(state)s”.")
                % {"state": observation.get_state_display()},
                code="wrong_state",
            )
        observation.state = WorkflowState.SUBMITTED
        observation.save(update_fields=["state"], changed_by=user, reason=_("Gửi duyệt"))
    return rows


@transaction.atomic
def approve_observations(observation_ids, *, user, note: str = "") -> list[Observation]:
    """Approve submitted figures; an approved figure becomes the current one for its key."""
    rows = _locked(observation_ids)
    allowed = _allowed(user, Action.APPROVE, rows)
    for observation in rows:
        if observation.pk not in allowed:
            raise NotPermitted(
                _("Bạn không được phê duyệt số liệu của chỉ số %(code)s.")
                % {"code": observation.indicator.code}
            )
        if not observation.awaits_review:
            raise WorkflowError(
                _("Chỉ phê duyệt được số liệu đã gửi; số liệu này đang “%(state)s”.")
                % {"state": observation.get_state_display()},
                code="wrong_state",
            )
        newer = Observation.objects.filter(supersedes=observation).first()
        if newer is not None:
            # Approving it would put an outdated figure back in front of the newer one.
            raise WorkflowError(
                _(
                    "Số liệu %(value)s của %(code)s, %(unit)s, kỳ %(period)s đã được thay bằng "
                    "số liệu mới hơn (%(newer)s): hãy duyệt số liệu mới."
                )
                % {
                    "value": number_text(observation.value),
                    "code": observation.indicator.code,
                    "unit": observation.unit,
                    "period": observation.period,
                    "newer": number_text(newer.value),
                },
                code="superseded",
            )
        if not observation.is_current:
            current = (
                Observation.objects.select_for_update()
                .filter(
                    indicator_id=observation.indicator_id,
                    unit_id=observation.unit_id,
                    period=observation.period,
                    breakdown=observation.breakdown,
                    is_current=True,
                )
                .first()
            )
            if current is not None:
                current.is_current = False
                current.save(
                    update_fields=["is_current"], changed_by=user, reason=_("Thay bằng số liệu mới")
                )
                observation.supersedes = current
            observation.is_current = True
        observation.state = WorkflowState.APPROVED
        observation.review_note = note
        observation.save(
            update_fields=["state", "is_current", "supersedes", "review_note"],
            changed_by=user,
            reason=note or _("Phê duyệt"),
        )
    send_figures_changed(rows)
    return rows


@transaction.atomic
def reject_observations(observation_ids, *, user, reason: str) -> list[Observation]:
    """Send submitted figures back to their reporter, with the reason."""
    if not reason.strip():
        raise WorkflowError(_("Hãy ghi lý do trả lại."), code="reason_required")
    rows = _locked(observation_ids)
    allowed = _allowed(user, Action.APPROVE, rows)
    for observation in rows:
        if observation.pk not in allowed:
            raise NotPermitted(
                _("Bạn không được duyệt số liệu của chỉ số %(code)s.")
                % {"code": observation.indicator.code}
            )
        if not observation.awaits_review:
            raise WorkflowError(
                _("Chỉ trả lại được số liệu đã gửi; số liệu này đang “%(state)s”.")
                % {"state": observation.get_state_display()},
                code="wrong_state",
            )
        observation.state = WorkflowState.REJECTED
        observation.review_note = reason
        observation.save(update_fields=["state", "review_note"], changed_by=user, reason=reason)
    send_figures_changed(rows)
    return rows


# The fields of a figure its reporter may change (the rest make it another figure).
EDITABLE_FIELDS = ("value", "status", "source", "comment", "breakdown")


@transaction.atomic
def edit_observation(
    observation_id: int,
    *,
    user,
    expected_version: int,
    reason: str = "",
    locale: str | None = None,
    **changes,
) -> Observation:
    """Change a figure not yet sent for approval, refusing the save if someone saved first.

    The one edit path (the web form, the API and scripts call it). In order: the user must
    be allowed to change the figure (``Action.CHANGE``: ``NotPermitted``); the figure must be
    editable (``Observation.is_editable``: a draft or a returned figure; a submitted one
    waits for its approver, who returns it to be corrected; an approved one is replaced by a
    new vintage, ``record_observation``: ``wrong_state``); ``expected_version`` must be the
    stored version (else a second editor saved first: ``ConcurrentEdit``); the figure as
    changed must pass the importer's row checks (``FigureInvalid``). ``changes`` may hold
    ``value`` (a number, or a text in Vietnamese or English style; an ambiguous "1.234" in
    ``locale``, by default the active language's), ``status``, ``source``, ``comment`` and
    ``breakdown``. A returned figure that is edited goes back to draft, to be submitted
    again.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise WorkflowError(
            _("Không sửa được trường: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="invalid_field",
        )
    (observation,) = _locked([observation_id])
    if observation.pk not in _allowed(user, Action.CHANGE, [observation]):
        raise NotPermitted(_not_yours(observation))
    if not observation.is_editable:
        raise WorkflowError(_not_editable(observation), code="wrong_state")
    if observation.version != expected_version:
        last = observation.revisions.select_related("user").last()
        raise ConcurrentEdit(
            _(
                "Số liệu này vừa được %(who)s sửa lúc %(when)s (phiên bản %(version)s); hãy tải "
                "lại để xem giá trị mới rồi sửa tiếp."
            )
            % {
                "who": _who(last.user if last else None),
                "when": (timezone.localtime(last.at).strftime("%H:%M %d/%m/%Y") if last else "…"),
                "version": observation.version,
            }
        )
    if locale is None and "value" in changes:
        locale = "en" if (get_language() or "vi").startswith("en") else "vi"
    cells = {
        "indicator": observation.indicator.code,
        "unit": observation.unit.code,
        "period": observation.period,
        "value": observation.value,
        "status": observation.status,
        "breakdown": observation.breakdown,
        "source": observation.source,
        "comment": observation.comment,
    }
    try:
        row = _check_figure(cells | changes, user=user, locale=locale)
    except FigureInvalid as error:
        raise FigureInvalid(error.problems, single=True) from None
    checked = {"value": row.value, "status": row.status, "breakdown": row.breakdown}
    for name, value in changes.items():
        setattr(observation, name, checked.get(name, value))
    if observation.state == WorkflowState.REJECTED:
        observation.state = WorkflowState.DRAFT
    try:
        observation.full_clean(validate_unique=False)
    except ValidationError as error:
        raise WorkflowError(" ".join(error.messages), code="invalid") from error
    try:
        with transaction.atomic():
            observation.save(changed_by=user, reason=reason)
    except IntegrityError as error:
        raise WorkflowError(
            _("Đã có số liệu hiện hành cho chỉ số, đơn vị, kỳ và phân tổ này."),
            code="duplicate_figure",
        ) from error
    return observation


def _allowed(user, action: Action, rows: list[Observation]) -> set[int]:
    """Return the ids among ``rows`` that ``user`` may ``action`` (one query)."""
    ids = [row.pk for row in rows]
    return set(
        Observation.objects.for_user(user, action).filter(pk__in=ids).values_list("pk", flat=True)
    )


def _not_editable(observation: Observation) -> str:
    """Say why a figure is not edited now (``Observation.is_editable``)."""
    if observation.state == WorkflowState.APPROVED:
        return _("Số liệu đã phê duyệt không sửa trực tiếp: hãy nhập số liệu mới thay thế.")
    return _(
        "Số liệu đang “%(state)s” nên không sửa được: chỉ sửa số liệu nháp hoặc bị trả lại; "
        "người phê duyệt trả lại số liệu đã gửi nếu cần sửa."
    ) % {"state": observation.get_state_display()}


def _who(user) -> str:
    if user is None:
        return _("người khác")
    return user.get_full_name() or user.get_username()


def _not_yours(observation: Observation) -> str:
    return _("Bạn không được báo cáo chỉ số %(code)s cho %(unit)s: chỉ số này thuộc %(owner)s.") % {
        "code": observation.indicator.code,
        "unit": observation.unit,
        "owner": observation.indicator.owner or _("cơ quan khác"),
    }


# --- one figure entered or changed by hand (the web form, the API) ----------------------------


class FigureInvalid(WorkflowError):
    """A figure that fails the importer's row checks; ``problems`` says what and where.

    A new figure is refused as ``invalid_observation`` (the API's contract for
    ``POST /api/observations/``); an edit refused for one problem names that problem
    (``out_of_range``: "Giá trị 120 nằm ngoài khoảng cho phép …"), as the editor changed
    one thing.
    """

    code = "invalid_observation"

    def __init__(self, problems, *, single: bool = False) -> None:
        if single and len(problems) == 1:
            super().__init__(problems[0].message, code=problems[0].code)
        else:
            message = _("Số liệu không hợp lệ: %(problem)s") % {"problem": problems[0].message}
            super().__init__(message)
        self.problems = problems


@transaction.atomic
def enter_observation(
    *,
    user,
    indicator: str,
    unit: str,
    period: str,
    value,
    source: str,
    status: str = "",
    breakdown: str = "",
    comment: str = "",
    published_on: datetime.date | None = None,
    locale: str | None = None,
    submit: bool = False,
    reason: str = "",
) -> tuple[Observation, bool]:
    """Check one figure as the importer checks a row and record it as a draft.

    One code path for the rules: the web form and the API both call it, and the figure is
    checked by ``validation.check_rows`` exactly as a row of an imported file is (indicator
    and unit by code, period and frequency, the unit's existence in the period, the allowed
    range, the right to report, jumps, consistency rules). ``indicator`` and ``unit`` are
    codes (or names, as in a file), ``value`` a number or a text in Vietnamese or English
    format. The reporting agency is the indicator's owner. With ``submit`` the draft is
    sent for approval in the same transaction; ``reason`` goes to the revision history.
    Return the figure and whether anything was written (the same figure recorded twice is
    kept once). Raise ``NotPermitted`` when the user may not report it and
    ``FigureInvalid`` when a check fails.
    """
    row = _check_figure(
        {
            "indicator": indicator,
            "unit": unit,
            "period": period,
            "value": value,
            "status": status,
            "breakdown": breakdown,
            "source": source,
            "comment": comment,
        },
        user=user,
        locale=locale,
    )
    observation, written = record_observation(
        indicator=row.indicator,
        unit=row.unit,
        period=row.period,
        value=row.value,
        status=row.status,
        source=row.source_text,
        breakdown=row.breakdown,
        comment=row.comment,
        published_on=published_on,
        state=WorkflowState.DRAFT,
        agency=row.indicator.owner,
        user=user,
        reason=reason or _("Nhập một số liệu"),
    )
    if submit and observation.state in (WorkflowState.DRAFT, WorkflowState.REJECTED):
        (observation,) = submit_observations([observation.pk], user=user)
    return observation, written


def _check_figure(cells: dict, *, user, locale: str | None):
    """Run one figure through the importer's row checks; return its ``CheckedRow`` or raise."""
    from plantrack.observations.importing import ReadResult, SourceRow

    read = ReadResult(
        file_format="json",
        layout="long",
        rows=[SourceRow(sheet="", row=1, cells=cells, columns={name: name for name in cells})],
    )
    chosen, problems = choose_locale(read, locale)
    checked, row_problems = check_rows(read, "", locale=chosen, permissions=_permissions(user))
    problems += row_problems
    refused = [problem for problem in problems if problem.code == "not_permitted"]
    if refused:
        raise NotPermitted(refused[0].message)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        raise FigureInvalid(errors)
    return checked[0]
