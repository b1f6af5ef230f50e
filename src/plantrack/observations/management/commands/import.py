"""``plantrack import FILE``: validate a file of figures and write all of it or nothing.

Exit codes: 0 when written (or a clean dry run), 1 when refused, 2 on a usage error.
"""

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from plantrack.accounts.models import Agency
from plantrack.observations.services import import_observations

# Without --user the import is recorded as made by this account (created when first needed).
SYSTEM_USERNAME = "plantrack-cli"


class Command(BaseCommand):
    help = (
        "Nhập số liệu từ tệp CSV, XLSX hoặc JSON (dạng dọc hoặc biểu mẫu Excel của PlanTrack): "
        "kiểm tra mọi dòng, rồi ghi tất cả hoặc không ghi gì."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Tệp cần nhập")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi")
        parser.add_argument("--agency", help="Mã cơ quan báo cáo")
        parser.add_argument("--user", help="Tên đăng nhập của người nhập (quyền theo người này)")
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
            message = f"Không đọc được tệp {path}: {error.strerror}"
            raise CommandError(message, returncode=2) from error
        user = self._user(options["user"])
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"Không có cơ quan mã “{options['agency']}”.", returncode=2)
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
                raise CommandError(f"Không có người dùng “{username}”.", returncode=2)
            return user
        # The command line acts for the system: it may import anything, and says so.
        user, _created = users.objects.get_or_create(
            username=SYSTEM_USERNAME, defaults={"is_superuser": True, "is_active": False}
        )
        return user

    def _print(self, report) -> None:
        verdict = (
            "Kiểm tra xong (chạy thử, không ghi)."
            if report.dry_run and not report.errors
            else "Đã ghi."
            if report.written
            else "Không ghi gì: tệp có lỗi."
        )
        self.stdout.write(f"{report.file_name} ({report.file_format}, {report.layout}): {verdict}")
        self.stdout.write(
            f"  {report.rows} giá trị: mới {report.created}, thay đổi {report.changed}, "
            f"không đổi {report.unchanged}."
        )
        for problem in report.problems:
            label = "Lỗi" if problem.severity == "error" else "Cảnh báo"
            value = f" [{problem.value}]" if problem.value else ""
            self.stdout.write(f"  {label}: {problem.where()}{value}: {problem.message}")
