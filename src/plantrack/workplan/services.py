"""Writes on tasks: progress updates with evidence, moved deadlines. One transaction each."""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from plantrack.workplan.choices import TaskStatus
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
    files: list[UploadedFile] = (),
) -> TaskUpdate:
    """Record progress on a task: the update, its evidence, and the task's new state.

    The caller has checked that ``user`` may update the task (``Task.objects.editable_by``).
    Every file is checked before anything is written: one bad file refuses the update.
    """
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
    if fields:
        task.full_clean(validate_unique=False, validate_constraints=False)
        task.save(update_fields=sorted(set(fields)))
    return update


@transaction.atomic
def move_deadline(task: Task, *, user, new_deadline: datetime.date | None, reason: str) -> Task:
    """Move a task's deadline, keeping the original and a record of who moved it and why."""
    if not reason.strip():
        raise TaskError(_("Hãy ghi lý do điều chỉnh thời hạn."), code="reason_required")
    if new_deadline == task.deadline:
        raise TaskError(_("Thời hạn mới trùng thời hạn hiện tại."), code="unchanged")
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
