"""``plantrack demo``: migrate, load the Cao Bằng demo, reset the demo users, serve."""

import os
from collections import Counter

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from plantrack.demo.services import DemoLogin, assess_demo_plans, load_demo, reset_demo_users
from plantrack.progress.choices import Status

DEFAULT_PORT = 8000
HOST = "127.0.0.1"


class Command(BaseCommand):
    help = (
        "Tạo cơ sở dữ liệu, nạp dữ liệu minh họa tỉnh Cao Bằng, cấp mật khẩu mới cho các tài "
        "khoản minh họa và chạy máy chủ web tại 127.0.0.1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Chỉ nạp dữ liệu và cấp tài khoản, không chạy máy chủ web.",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=None,
            help=f"Cổng của máy chủ web (mặc định: biến môi trường PORT, hoặc {DEFAULT_PORT}).",
        )

    def handle(self, *args, **options):
        # Check the port before the slow part, but only when there is a server to start.
        port = None if options["no_serve"] else _port(options["port"])
        verbosity = options["verbosity"]
        call_command(
            "migrate", interactive=False, verbosity=max(verbosity - 1, 0), stdout=self.stdout
        )
        report = load_demo()
        logins = reset_demo_users()
        assessed = assess_demo_plans()

        self.stdout.write(self.style.SUCCESS("Tài khoản minh họa (mật khẩu mới mỗi lần chạy):"))
        for line in _login_table(logins):
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Dữ liệu minh họa Cao Bằng đã nạp:"))
        for line in report.summary_lines():
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Đánh giá tiến độ (lưu để các trang hiển thị):"))
        for outcome in assessed:
            counts = Counter(result.assessment.status for result in outcome.results)
            summary = ", ".join(f"{Status(s).label.lower()} {n}" for s, n in counts.most_common())
            self.stdout.write(f"  {outcome.plan.code}: {summary}")
        if options["no_serve"]:
            return
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Mở http://{HOST}:{port}/ trong trình duyệt; Ctrl+C để dừng.")
        )
        call_command("runserver", f"{HOST}:{port}", use_reloader=False)


def _port(option: int | None) -> int:
    """Return the port from --port, else the PORT variable, else 8000; refuse a bad one."""
    if option is not None:
        port, where = option, "--port"
    else:
        raw = os.environ.get("PORT", "").strip()
        if not raw:
            return DEFAULT_PORT
        where = "biến môi trường PORT"
        try:
            port = int(raw)
        except ValueError as error:
            raise CommandError(f"{where} phải là một số cổng, không phải “{raw}”.") from error
    if not 1 <= port <= 65535:
        raise CommandError(f"{where} phải nằm trong khoảng 1–65535, không phải {port}.")
    return port


def _login_table(logins: list[DemoLogin]) -> list[str]:
    """Return the demo logins as an aligned text table with a Vietnamese header."""
    header = ("Tên đăng nhập", "Vai trò", "Cơ quan", "Mật khẩu")
    rows = [(x.username, str(x.role.label), x.agency, x.password) for x in logins]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    return [
        line(header).rstrip(),
        "  ".join("-" * width for width in widths),
        *(line(row).rstrip() for row in rows),
    ]
