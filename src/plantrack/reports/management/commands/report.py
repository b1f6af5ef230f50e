"""``plantrack report evaluation --plan CODE --as-of YYYY-MM-DD -o DIR``: the evaluation report.

Builds the plan-implementation evaluation report (Luật Quy hoạch 112/2025/QH15, Điều 49) on
the figures known at the date, stores the run with its files, and copies the files to DIR.
Exit 0 when written, 1 when the report failed, 2 on a usage error (CommandError).
"""

import datetime
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from plantrack.accounts.permissions import NotPermitted
from plantrack.plans.models import Plan
from plantrack.reports.choices import ReportFormat, ReportKind, ReportLanguage, RunState
from plantrack.reports.services import ALL_FORMATS, ReportError, generate_report, save_files
from plantrack.tabular.commands import command_user

FORMAT_CHOICES = (*ReportFormat.values, "all")


class Command(BaseCommand):
    help = "Báo cáo. evaluation: lập báo cáo đánh giá thực hiện quy hoạch (DOCX, XLSX, PDF)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        evaluation = actions.add_parser(
            "evaluation",
            help="Báo cáo đánh giá thực hiện quy hoạch theo Điều 49 Luật Quy hoạch.",
        )
        evaluation.add_argument("--plan", required=True, help="Mã quy hoạch, kế hoạch")
        evaluation.add_argument(
            "--as-of",
            type=_date,
            default=None,
            help="Số liệu tính đến ngày YYYY-MM-DD (mặc định: hôm nay)",
        )
        evaluation.add_argument(
            "--kind",
            choices=ReportKind.values,
            default=ReportKind.ANNUAL,
            help="annual: hằng năm (mặc định); five-year: định kỳ 5 năm; ad-hoc: đột xuất",
        )
        evaluation.add_argument(
            "--year", type=int, default=None, help="Năm đánh giá (vốn của dự án trong năm đó)"
        )
        evaluation.add_argument(
            "--format",
            choices=FORMAT_CHOICES,
            default="all",
            help="docx, xlsx, pdf, package (gói dữ liệu JSON, CSV) hoặc all (mặc định)",
        )
        evaluation.add_argument(
            "--language", choices=ReportLanguage.values, default=ReportLanguage.VI
        )
        evaluation.add_argument("-o", "--output", required=True, help="Thư mục ghi các tệp")
        evaluation.add_argument("--user", default=None, help="Người lập (tên đăng nhập)")

    def handle(self, *args: str, **options: Any) -> None:
        plan = Plan.objects.filter(code=options["plan"]).first()
        if plan is None:
            raise CommandError(f"Không có quy hoạch, kế hoạch mã “{options['plan']}”.")
        formats = ALL_FORMATS if options["format"] == "all" else (options["format"],)
        as_of = options["as_of"] or timezone.localdate()
        try:
            run = generate_report(
                plan,
                user=command_user(options["user"]),
                as_of=as_of,
                kind=options["kind"],
                year=options["year"],
                formats=formats,
                language=options["language"],
            )
        except (ReportError, NotPermitted) as error:
            raise CommandError(str(error)) from error
        if run.state != RunState.DONE:
            self.stderr.write(f"Không lập được báo cáo: {run.error}")
            sys.exit(1)
        for path in save_files(run, Path(options["output"])):
            self.stdout.write(str(path))
        self.stdout.write(
            f"Lượt lập {run.pk}: {plan.code}, số liệu tính đến {as_of:%d/%m/%Y}, "
            f"{len(run.figures)} số liệu được trích dẫn."
        )


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"Ngày “{text}” không đúng dạng YYYY-MM-DD.") from error
