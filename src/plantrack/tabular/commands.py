"""What the import and export commands share: reading the file, the acting user, the report.

``ImportCommand`` is the one base of ``plantrack import`` (figures), ``import_tasks`` and
``import_projects``. Exit codes, for all of them: 0 when written (or a clean dry run), 1 when
refused (the file has errors, or the user may not import), 2 on a usage error (a file that
cannot be read, an unknown ``--user``, agency or plan).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantrack.tabular.pipeline import ImportNotPermitted, oversized
from plantrack.tabular.problems import ImportReport
from plantrack.tabular.writers import ExportFormat

# Without --user an import is recorded as made by this account: it acts for the system and
# may import anything. Created when first needed; it cannot log in (inactive, no password).
SYSTEM_USERNAME = "plantrack-cli"


class ImportCommand(BaseCommand):
    """Arguments, user and report of an import command; a subclass says what it imports."""

    # How the report counts the rows ("%(rows)s dòng nhiệm vụ: mới …").
    noun: str | Promise = ""
    counts = gettext_lazy(
        "%(rows)s dòng %(noun)s: mới %(created)s, thay đổi %(changed)s, không đổi %(unchanged)s."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp cần nhập")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi")
        parser.add_argument(
            "--user",
            help="Tên đăng nhập của người nhập (quyền theo người này); bỏ trống: tài khoản hệ "
            f"thống {SYSTEM_USERNAME}",
        )
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def run(
        self,
        options: dict[str, Any],
        service: Callable[..., ImportReport],
        **arguments: object,
    ) -> None:
        """Read the file, call ``service(content, name, user=…, dry_run=…, **arguments)``,
        print its report and exit 1 if it has errors."""
        path = Path(options["file"])
        try:
            # A file past the import limit is refused before it is read into memory.
            refused = oversized(path.name, path.stat().st_size)
            content = b"" if refused else path.read_bytes()
        except OSError as error:
            message = _("Không đọc được tệp %(path)s: %(error)s") % {
                "path": path,
                "error": error.strerror,
            }
            raise CommandError(message, returncode=2) from error
        try:
            report = refused or service(
                content,
                path.name,
                user=command_user(options["user"]),
                dry_run=options["dry_run"],
                **arguments,
            )
        except ImportNotPermitted as error:
            raise CommandError(str(error), returncode=1) from error
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(self.report_text(report))
        if report.errors:
            sys.exit(1)

    def report_text(self, report: ImportReport) -> str:
        if report.errors:
            verdict = _("Không ghi gì: tệp có lỗi.")
        elif report.dry_run:
            verdict = _("Kiểm tra xong (chạy thử, không ghi).")
        else:
            verdict = _("Đã ghi.")
        lines = [f"{report.file_name} ({report.file_format}, {report.layout}): {verdict}"]
        if report.batch is not None:
            lines.append("  " + _("Lượt nhập số %(batch)s.") % {"batch": report.batch.pk})
        lines.append(
            "  "
            + self.counts
            % {
                "rows": report.rows,
                "noun": self.noun,
                "created": report.created,
                "changed": report.changed,
                "unchanged": report.unchanged,
            }
        )
        for problem in report.shown_problems:
            label = _("Lỗi") if problem.severity == "error" else _("Cảnh báo")
            value = f" [{problem.value}]" if problem.value else ""
            lines.append(f"  {label}: {problem.where()}{value}: {problem.message}")
        if report.unshown:
            counts = ", ".join(f"{code} {count}" for code, count in report.problem_counts().items())
            lines.append(
                "  "
                + _("… và %(more)s lỗi, cảnh báo khác; theo mã, cả tệp: %(counts)s.")
                % {"more": report.unshown, "counts": counts}
            )
        return "\n".join(lines)


def command_user(username: str | None) -> User:
    """Return the user ``--user`` names, or the command line's system account."""
    users = get_user_model()
    if username:
        user = users.objects.filter(username=username).first()
        if user is None:
            message = _("Không có người dùng “%(username)s”.") % {"username": username}
            raise CommandError(message, returncode=2)
        return user
    user = users.objects.filter(username=SYSTEM_USERNAME).first()
    if user is None:
        user = users(username=SYSTEM_USERNAME, is_superuser=True, is_active=False)
        user.set_unusable_password()
        user.save()
    return user


# --- exports -------------------------------------------------------------------------------


def output_format(path: Path, chosen: str | None) -> str:
    """Return the chosen format, else the file's: .xlsx is XLSX, anything else CSV."""
    if chosen:
        return chosen
    return ExportFormat.XLSX if path.suffix.lower() == ".xlsx" else ExportFormat.CSV


def write_file(path: Path, writer: Callable[[BinaryIO], int]) -> int:
    """Open ``path`` for writing, give it to ``writer``; return what ``writer`` returns."""
    try:
        with path.open("wb") as out:
            return writer(out)
    except OSError as error:
        raise CommandError(f"Không ghi được tệp {path}: {error.strerror}", returncode=2) from error
