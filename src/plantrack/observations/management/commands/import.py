"""``plantrack import FILE``: validate a file of figures and write all of it or nothing.

Exit codes: 0 when written (or a clean dry run), 1 when refused, 2 on a usage error (a file
that cannot be read, an unknown ``--user`` or ``--agency``, a bad option).
"""

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plantrack.accounts.models import Agency
from plantrack.observations.services import import_observations

# Without --user the import is recorded as made by this account (created when first needed).
SYSTEM_USERNAME = "plantrack-cli"


class Command(BaseCommand):
    help = (
        "Nhập số liệu từ tệp CSV, XLSX hoặc JSON (dạng dọc hoặc biểu mẫu Excel của PlanTrack): "
        "kiểm tra mọi dòng, rồi ghi tất cả hoặc không ghi gì. Mã thoát: 0 đã ghi (hoặc chạy "
        "thử không lỗi), 1 tệp có lỗi nên không ghi, 2 sai cách gọi."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Tệp cần nhập")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi")
        parser.add_argument("--agency", help="Mã cơ quan báo cáo")
        parser.add_argument(
            "--user",
            help="Tên đăng nhập của người nhập (quyền theo người này); bỏ trống: tài khoản hệ "
            f"thống {SYSTEM_USERNAME}",
        )
        parser.add_argument("--locale", choices=("vi", "en"), help="Kiểu số của tệp")
        parser.add_argument(
            "--approve", action="store_true", help="Phê duyệt luôn (cần quyền phê duyệt)"
        )
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            message = _("Không đọc được tệp %(path)s: %(error)s") % {
                "path": path,
                "error": error.strerror,
            }
            raise CommandError(message, returncode=2) from error
        user = self._user(options["user"])
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                message = _("Không có cơ quan mã “%(code)s”.") % {"code": options["agency"]}
                raise CommandError(message, returncode=2)
        report = import_observations(
            content,
            path.name,
            user=user,
            agency=agency,
            locale=options["locale"],
            dry_run=options["dry_run"],
            approve=options["approve"],
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self._print(report)
        if report.errors:
            sys.exit(1)

    def _user(self, username: str | None):
        users = get_user_model()
        if username:
            user = users.objects.filter(username=username).first()
            if user is None:
                message = _("Không có người dùng “%(username)s”.") % {"username": username}
                raise CommandError(message, returncode=2)
            return user
        # The command line acts for the system: it may import anything, and says so. The
        # account cannot log in (inactive, no usable password).
        user = users.objects.filter(username=SYSTEM_USERNAME).first()
        if user is None:
            user = users(username=SYSTEM_USERNAME, is_superuser=True, is_active=False)
            user.set_unusable_password()
            user.save()
        return user

    def _print(self, report) -> None:
        if report.errors:
            verdict = _("Không ghi gì: tệp có lỗi.")
        elif report.dry_run:
            verdict = _("Kiểm tra xong (chạy thử, không ghi).")
        else:
            verdict = _("Đã ghi.")
        self.stdout.write(f"{report.file_name} ({report.file_format}, {report.layout}): {verdict}")
        if report.batch is not None:
            self.stdout.write("  " + _("Lượt nhập số %(batch)s.") % {"batch": report.batch.pk})
        self.stdout.write(
            "  "
            + _("%(rows)s giá trị: mới %(created)s, thay đổi %(changed)s, không đổi %(unchanged)s.")
            % {
                "rows": report.rows,
                "created": report.created,
                "changed": report.changed,
                "unchanged": report.unchanged,
            }
        )
        for problem in report.problems:
            label = _("Lỗi") if problem.severity == "error" else _("Cảnh báo")
            value = f" [{problem.value}]" if problem.value else ""
            self.stdout.write(f"  {label}: {problem.where()}{value}: {problem.message}")
