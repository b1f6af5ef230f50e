"""Generate the plan-implementation evaluation report and store it with its run.

``generate_report`` builds the content once (``content.build_content``) and writes each
format asked for; the run records who asked, when, the as-of date, the figures cited (id
and version) and a digest of the content, and keeps the files (under MEDIA_ROOT/reports/).
``start_report`` does the same in a background thread for the page, which polls the run's
state and percentage.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.utils import timezone

from plantrack.accounts.permissions import NotPermitted, Permissions
from plantrack.plans.models import Plan
from plantrack.reports.choices import ReportFormat, ReportKind, ReportLanguage, RunState
from plantrack.reports.content import ReportContent, build_content
from plantrack.reports.docx_writer import write_docx
from plantrack.reports.models import ReportFile, ReportRun
from plantrack.reports.package import write_package
from plantrack.reports.pdf_writer import write_pdf
from plantrack.reports.xlsx_writer import write_xlsx

logger = logging.getLogger(__name__)

WRITERS: dict[str, Callable[[ReportContent, BinaryIO], None]] = {
    ReportFormat.DOCX: write_docx,
    ReportFormat.XLSX: write_xlsx,
    ReportFormat.PDF: write_pdf,
    ReportFormat.PACKAGE: write_package,
}
EXTENSIONS: dict[str, str] = {
    ReportFormat.DOCX: "docx",
    ReportFormat.XLSX: "xlsx",
    ReportFormat.PDF: "pdf",
    ReportFormat.PACKAGE: "zip",
}
# "all" on the command line and the page's default: every format, the package included.
ALL_FORMATS = (ReportFormat.DOCX, ReportFormat.XLSX, ReportFormat.PDF, ReportFormat.PACKAGE)


class ReportError(ValueError):
    """A report that cannot be made as asked; the message says why, in Vietnamese."""


def file_stem(plan: Plan, as_of: datetime.date, language: str) -> str:
    """Return the files' name without extension: bao-cao-danh-gia_QH-CB-2021-2030_2024-06-30."""
    suffix = "" if language == ReportLanguage.VI else f"_{language}"
    return f"bao-cao-danh-gia_{plan.code}_{as_of.isoformat()}{suffix}"


def create_run(
    plan: Plan,
    *,
    user,
    as_of: datetime.date,
    kind: str = ReportKind.ANNUAL,
    year: int | None = None,
    formats: Iterable[str] = ALL_FORMATS,
    language: str = ReportLanguage.VI,
) -> ReportRun:
    """Record a report asked for by ``user`` (a planner or an admin), not yet built."""
    if user is not None and not Permissions.of(user).all_seeing:
        raise NotPermitted("Chỉ cán bộ kế hoạch và quản trị được lập báo cáo đánh giá.")
    formats = [ReportFormat(f) for f in formats]
    if not formats:
        raise ReportError("Chọn ít nhất một định dạng.")
    if year is not None and not plan.period_start <= year <= plan.last_year:
        raise ReportError(
            f"Năm {year} nằm ngoài thời kỳ {plan.period_start}–{plan.period_end} của {plan.code}."
        )
    return ReportRun.objects.create(
        plan=plan,
        kind=ReportKind(kind),
        as_of=as_of,
        year=year,
        language=ReportLanguage(language),
        formats=[str(f) for f in formats],
        created_by=user,
    )


def build_run(run: ReportRun) -> ReportRun:
    """Build the run's content and files; on any failure the run says so and why."""
    try:
        _progress(run, RunState.RUNNING, 5, "Đang đánh giá các chỉ tiêu trên số liệu đã biết")
        content = build_content(
            run.plan, as_of=run.as_of, kind=run.kind, year=run.year, language=run.language
        )
        stem = file_stem(run.plan, run.as_of, run.language)
        formats = list(run.formats)
        for number, name in enumerate(formats):
            percent = 20 + int(75 * number / len(formats))
            _progress(run, RunState.RUNNING, percent, f"Đang viết tệp {name.upper()}")
            buffer = io.BytesIO()
            WRITERS[name](content, buffer)
            data = buffer.getvalue()
            ReportFile.objects.filter(run=run, format=name).delete()
            report_file = ReportFile(
                run=run, format=name, size=len(data), sha256=hashlib.sha256(data).hexdigest()
            )
            report_file.file.save(f"{stem}.{EXTENSIONS[name]}", ContentFile(data), save=False)
            report_file.save()
        run.figures = content.figures_used()
        run.digest = content.digest()
        run.state, run.percent, run.step = RunState.DONE, 100, "Đã xong"
        run.finished_at = timezone.now()
        run.save(update_fields=["figures", "digest", "state", "percent", "step", "finished_at"])
    except Exception as error:
        logger.exception("report run %s failed", run.pk)
        run.state, run.step = RunState.FAILED, "Lỗi"
        run.error = str(error) or error.__class__.__name__
        run.finished_at = timezone.now()
        run.save(update_fields=["state", "step", "error", "finished_at"])
    return run


def generate_report(
    plan: Plan,
    *,
    user,
    as_of: datetime.date,
    kind: str = ReportKind.ANNUAL,
    year: int | None = None,
    formats: Iterable[str] = ALL_FORMATS,
    language: str = ReportLanguage.VI,
) -> ReportRun:
    """Record and build a report now; return its run (state done, or failed with the error)."""
    run = create_run(
        plan, user=user, as_of=as_of, kind=kind, year=year, formats=formats, language=language
    )
    return build_run(run)


def start_report(plan: Plan, *, user, **options) -> ReportRun:
    """Record a report and build it in a background thread; the page polls its state."""
    run = create_run(plan, user=user, **options)
    transaction.on_commit(lambda: _start_thread(run.pk))
    return run


def _start_thread(run_id: int) -> None:
    thread = threading.Thread(target=_build_in_thread, args=(run_id,), daemon=True)
    thread.start()


def _build_in_thread(run_id: int) -> None:
    try:
        build_run(ReportRun.objects.select_related("plan").get(pk=run_id))
    finally:
        # The thread's own connections: close_old_connections would keep a healthy one
        # open for CONN_MAX_AGE after the thread has ended.
        connections.close_all()


def save_files(run: ReportRun, folder: Path) -> list[Path]:
    """Copy the run's files into ``folder`` (the command's ``-o DIR``); return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    stem = file_stem(run.plan, run.as_of, run.language)
    for report_file in run.files.order_by("format"):
        target = folder / f"{stem}.{EXTENSIONS[report_file.format]}"
        with report_file.file.open("rb") as source:
            target.write_bytes(source.read())
        written.append(target)
    return written


def download_name(report_file: ReportFile) -> str:
    """Return the name a downloaded file gets (the storage may have added a suffix)."""
    run = report_file.run
    return f"{file_stem(run.plan, run.as_of, run.language)}.{EXTENSIONS[report_file.format]}"


def _progress(run: ReportRun, state: str, percent: int, step: str) -> None:
    run.state, run.percent, run.step = state, percent, step
    run.save(update_fields=["state", "percent", "step"])
