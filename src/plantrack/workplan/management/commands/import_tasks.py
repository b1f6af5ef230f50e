"""``plantrack import_tasks FILE``: import a task appendix (XLSX or CSV), all of it or nothing.

Exit codes: 0 when written (or a clean dry run), 1 when refused (the file has errors, or the
user may not import), 2 on a usage error (a file that cannot be read, an unknown ``--user``
or ``--plan``).
"""

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantrack.plans.models import Plan
from plantrack.workplan.importing import ImportNotPermitted
from plantrack.workplan.services import import_tasks

# Without --user the import is recorded as made by this account, as ``plantrack import``
# does (created when first needed; a superuser that cannot log in).
SYSTEM_USERNAME = "plantrack-cli"


class ImportCommand(BaseCommand):
    """What ``import_tasks`` and ``import_projects`` share: arguments, user, report."""

    noun = ""

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Tệp XLSX hoặc CSV cần nhập")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi")
        parser.add_argument(
            "--user",
            help="Tên đăng nhập của người nhập (cán bộ kế hoạch, quản trị); bỏ trống: tài "
            f"khoản hệ thống {SYSTEM_USERNAME}",
        )
        parser.add_argument(
            "--prefix", help="Tiền tố tạo mã <tiền tố>-<STT> khi tệp không có cột Mã"
        )
        parser.add_argument("--plan", help="Mã quy hoạch, kế hoạch của các dòng không ghi")
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def run(self, options, service, **extra) -> None:
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            message = _("Không đọc được tệp %(path)s: %(error)s") % {
                "path": path,
                "error": error.strerror,
            }
            raise CommandError(message, returncode=2) from error
        plan = None
        if options["plan"]:
            plan = Plan.objects.filter(code=options["plan"]).first()
            if plan is None:
                message = _("Không có quy hoạch, kế hoạch mã “%(code)s”.") % {
                    "code": options["plan"]
                }
                raise CommandError(message, returncode=2)
        try:
            report = service(
                content,
                path.name,
                user=command_user(options["user"]),
                prefix=options["prefix"],
                plan=plan,
                dry_run=options["dry_run"],
                **extra,
            )
        except ImportNotPermitted as error:
            raise CommandError(str(error), returncode=1) from error
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report_text(report, self.noun))
        if report.errors:
            sys.exit(1)


def command_user(username: str | None):
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


def report_text(report, noun: str) -> str:
    """Return the import report as the ``import`` command prints it."""
    if report.errors:
        verdict = _("Không ghi gì: tệp có lỗi.")
    elif report.dry_run:
        verdict = _("Kiểm tra xong (chạy thử, không ghi).")
    else:
        verdict = _("Đã ghi.")
    lines = [f"{report.file_name} ({report.file_format}, {report.layout}): {verdict}"]
    counts = _(
        "%(rows)s dòng %(noun)s: mới %(created)s, thay đổi %(changed)s, không đổi %(unchanged)s."
    )
    lines.append(
        "  "
        + counts
        % {
            "rows": report.rows,
            "noun": noun,
            "created": report.created,
            "changed": report.changed,
            "unchanged": report.unchanged,
        }
    )
    for problem in report.problems:
        label = _("Lỗi") if problem.severity == "error" else _("Cảnh báo")
        value = f" [{problem.value}]" if problem.value else ""
        lines.append(f"  {label}: {problem.where()}{value}: {problem.message}")
    return "\n".join(lines)


class Command(ImportCommand):
    help = (
        "Nhập phụ lục nhiệm vụ (XLSX, CSV): kiểm tra mọi dòng, rồi ghi tất cả hoặc không ghi "
        "gì; nhập lại cùng tệp không thay đổi gì. Mã thoát: 0 đã ghi (hoặc chạy thử không "
        "lỗi), 1 bị từ chối, 2 sai cách gọi."
    )
    noun = gettext_lazy("nhiệm vụ")

    def handle(self, *args, **options) -> None:
        self.run(options, import_tasks)
