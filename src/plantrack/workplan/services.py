"""Writes on tasks: progress updates with evidence, moved deadlines, the import of a task
appendix. One transaction each."""

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantrack.accounts.permissions import Action, require
from plantrack.observations.choices import ImportKind
from plantrack.observations.records import AppendixImporter
from plantrack.tabular.checks import update_changed
from plantrack.tabular.pipeline import Checked, Source, run_import
from plantrack.workplan.choices import TaskStatus
from plantrack.workplan.importing import TASK_LAYOUT, check_task_rows
from plantrack.workplan.models import DeadlineChange, Evidence, Task, TaskUpdate

# What an evidence file may be: its extension, and the bytes such a file starts with.
EVIDENCE_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
}


class TaskError(Exception):
    """A change to a task that is refused; ``code`` is machine-readable, the message says why."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class UploadedFile:
    """An evidence file as received: its name and bytes."""

    name: str
    content: bytes


def check_evidence(upload: UploadedFile) -> tuple[str, str]:
    """Return (extension, content type) of an acceptable file, or raise ``TaskError``."""
    limit = settings.PLANTRACK_EVIDENCE_MAX_BYTES
    if len(upload.content) > limit:
        raise TaskError(
            _("Tệp “%(name)s” nặng %(size)s MB, quá giới hạn %(limit)s MB.")
            % {
                "name": upload.name,
                "size": round(len(upload.content) / 1024 / 1024, 1),
                "limit": round(limit / 1024 / 1024, 1),
            },
            code="file_too_large",
        )
    extension = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    known = EVIDENCE_TYPES.get(extension)
    if known is None or not upload.content.startswith(known[1]):
        raise TaskError(
            _(
                "Tệp “%(name)s” không phải loại được nhận làm minh chứng (PDF, Word .docx, "
                "Excel .xlsx, ảnh PNG hoặc JPEG)."
            )
            % {"name": upload.name},
            code="file_type_not_allowed",
        )
    return extension, known[0]


@transaction.atomic
def add_task_update(
    task: Task,
    *,
    user,
    date: datetime.date,
    text: str,
    percent_complete: int | None = None,
    new_status: str = "",
    files: Sequence[UploadedFile] = (),
    clears_illustrative: bool = True,
) -> TaskUpdate:
    """Record progress on a task: the update, its evidence, and the task's new state.

    The user must be allowed to change the task (``Action.CHANGE``: a reporter or approver
    of the lead agency, a planner): ``NotPermitted`` otherwise. Every file is checked before
    anything is written: one bad file refuses the update.

    A progress or status the agency reports is real, so it stops being labelled
    illustrative ("minh họa"): the fields the update sets leave ``illustrative_fields``.
    The task import passes ``clears_illustrative=False``: its file's own column says what
    is illustrative (``_write_task``).
    """
    require(user, Action.CHANGE, task, _("Bạn không được báo cáo tiến độ nhiệm vụ này."))
    checked = [(upload, *check_evidence(upload)) for upload in files]
    if percent_complete is not None and not 0 <= percent_complete <= 100:
        raise TaskError(_("Tiến độ phải từ 0 đến 100 %."), code="invalid_percent")
    if not text.strip():
        raise TaskError(_("Hãy ghi nội dung cập nhật."), code="text_required")
    update = TaskUpdate.objects.create(
        task=task,
        date=date,
        text=text,
        percent_complete=percent_complete,
        new_status=new_status,
        author=user,
    )
    for upload, _extension, content_type in checked:
        digest = hashlib.sha256(upload.content).hexdigest()
        evidence = Evidence(
            update=update,
            original_name=upload.name,
            content_type=content_type,
            size=len(upload.content),
            sha256=digest,
        )
        evidence.file.save(digest, ContentFile(upload.content), save=False)
        evidence.save()
    fields = []
    if percent_complete is not None:
        task.percent_complete = percent_complete
        fields.append("percent_complete")
    if new_status:
        task.status = new_status
        fields.append("status")
        if new_status == TaskStatus.COMPLETED:
            task.completed_on = date
            task.percent_complete = 100
            fields += ["completed_on", "percent_complete"]
        elif task.completed_on is not None:
            task.completed_on = None  # reopened
            fields.append("completed_on")
    if fields and clears_illustrative:
        reported = set(fields)
        kept = [name for name in task.illustrative_fields or [] if name not in reported]
        if kept != list(task.illustrative_fields or []):
            task.illustrative_fields = kept
            fields.append("illustrative_fields")
    if fields:
        task.full_clean(validate_unique=False, validate_constraints=False)
        task.save(update_fields=sorted(set(fields)))
    return update


@transaction.atomic
def move_deadline(task: Task, *, user, new_deadline: datetime.date | None, reason: str) -> Task:
    """Move a task's deadline, keeping the original and a record of who moved it and why.

    Deadlines are the planning office's decision (``Action.APPROVE`` on the task: planners
    and admins): ``NotPermitted`` for anyone else.
    """
    require(user, Action.APPROVE, task, _("Chỉ cán bộ kế hoạch được điều chỉnh thời hạn."))
    if not reason.strip():
        raise TaskError(_("Hãy ghi lý do điều chỉnh thời hạn."), code="reason_required")
    if new_deadline == task.deadline:
        raise TaskError(_("Thời hạn mới trùng thời hạn hiện tại."), code="unchanged")
    if new_deadline is not None and task.start_date and new_deadline < task.start_date:
        raise TaskError(
            _("Thời hạn mới %(deadline)s trước ngày bắt đầu %(start)s của nhiệm vụ.")
            % {
                "deadline": new_deadline.strftime("%d/%m/%Y"),
                "start": task.start_date.strftime("%d/%m/%Y"),
            },
            code="deadline_before_start",
        )
    if task.original_deadline is None:
        task.original_deadline = task.deadline
    DeadlineChange.objects.create(
        task=task,
        old_deadline=task.deadline,
        new_deadline=new_deadline,
        reason=reason,
        changed_by=user,
    )
    task.deadline = new_deadline
    task.save(update_fields=["deadline", "original_deadline"])
    return task


# --- importing the task appendix ----------------------------------------------------------


def import_tasks(
    content: bytes,
    file_name: str,
    *,
    user,
    prefix: str | None = None,
    plan=None,
    dry_run: bool = False,
):
    """Check a task appendix (XLSX or CSV) and write every task in it, or none.

    The one importer of tasks: the ``import_tasks`` command and ``POST /api/imports/tasks/``
    call it. Planners and admins only (``ImportNotPermitted`` for anyone else). A task is
    its code: a new code is created, a known one is updated with the cells the file fills
    (an empty cell changes nothing), so importing the same file again changes nothing. A
    moved deadline goes through ``move_deadline`` and a new status or progress through
    ``add_task_update``, each saying "Nhập từ tệp …", so the history stays whole. Listed
    co-operating agencies are added; none is removed. Return an ``ImportReport``
    (``tabular.problems``); ``written`` only when every row was written.
    """
    return run_import(
        TaskImporter(user=user, prefix=prefix, plan=plan), content, file_name, dry_run=dry_run
    )


class TaskImporter(AppendixImporter):
    """Tasks from a plan's appendix: planners and admins only."""

    kind = ImportKind.TASKS
    columns = TASK_LAYOUT
    refusal = gettext_lazy("Chỉ cán bộ kế hoạch và quản trị được nhập nhiệm vụ từ tệp.")
    empty_message = gettext_lazy("Tệp không có nhiệm vụ nào.")

    def check(self, source: Source, file_name: str) -> Checked:
        rows, problems = check_task_rows(
            source.extra, file_name, prefix=self.prefix, plan=self.plan
        )
        return Checked(rows, problems)

    def write_row(self, row, *, file_name: str) -> str:
        return _write_task(row, user=self.user, file_name=file_name)


# The fields an import sets directly; the deadline, the status and the progress have their
# own services (their history is kept).
_DIRECT_FIELDS = (
    "title",
    "description",
    "legal_basis",
    "plan",
    "lead_agency",
    "expected_product",
    "start_date",
    "priority",
    "source",
)


def _write_task(row, *, user, file_name: str) -> str:
    """Create or update one checked task row; return "created", "changed" or "unchanged"."""
    values = dict(row.values)
    task = Task.objects.select_for_update().filter(code=row.code).first()
    if task is None:
        task = Task(code=row.code, **values)
        if task.status == TaskStatus.COMPLETED and "percent_complete" not in values:
            task.percent_complete = 100
        task.illustrative_fields = row.illustrative or []
        task.full_clean(validate_unique=False, validate_constraints=False)
        task.save()
        task.cooperating_agencies.add(*row.related.get("cooperating", []))
        return "created"
    changed = update_changed(task, values, _DIRECT_FIELDS, row.illustrative)
    if changed:
        task.full_clean(validate_unique=False, validate_constraints=False)
        task.save(update_fields=changed)
    reason = _("Nhập từ tệp %(file)s") % {"file": file_name}
    if "deadline" in values and values["deadline"] != task.deadline:
        move_deadline(task, user=user, new_deadline=values["deadline"], reason=reason)
        changed.append("deadline")
    new_status = values.get("status", "")
    completed_on = values.get("completed_on")
    status_changed = new_status and new_status != task.status
    completion_moved = (
        task.status == TaskStatus.COMPLETED
        and completed_on is not None
        and completed_on != task.completed_on
    )
    percent = values.get("percent_complete")
    percent_changed = percent is not None and percent != task.percent_complete
    if status_changed or completion_moved or percent_changed:
        becomes = new_status or task.status
        day = timezone.localdate()
        if becomes == TaskStatus.COMPLETED and (status_changed or completion_moved):
            day = completed_on or task.completed_on or day
        add_task_update(
            task,
            user=user,
            date=day,
            text=reason,
            percent_complete=percent,
            new_status=becomes if (status_changed or completion_moved) else "",
            clears_illustrative=False,
        )
        changed.append("status")
    known = set(task.cooperating_agencies.values_list("pk", flat=True))
    added = [a for a in row.related.get("cooperating", []) if a.pk not in known]
    if added:
        task.cooperating_agencies.add(*added)
        changed.append("cooperating_agencies")
    return "changed" if changed else "unchanged"
