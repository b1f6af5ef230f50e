"""``plantrack audit -o FILE``: the change log as CSV or XLSX (one row per changed field).

Who, when, from which address, what (created, changed, deleted), which record, and each
field's value before and after: plans, sections, indicators, targets, tasks, projects and
their finance, agencies, memberships and users (plantrack.accounts.audit). Exit codes: 0
when written, 2 on a usage error.
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plantrack.accounts.audit import AUDIT_HEADERS, audit_rows
from plantrack.tabular.commands import output_format, write_file
from plantrack.tabular.writers import TABLE_FORMATS, Sheet, write_table


class Command(BaseCommand):
    help = "Xuất nhật ký thay đổi (ai, lúc nào, trước và sau) ra CSV hoặc XLSX."

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", required=True, help="Tệp sẽ ghi")
        parser.add_argument(
            "--format",
            choices=TABLE_FORMATS,
            help="Định dạng (mặc định theo đuôi tệp: .xlsx là xlsx, còn lại csv)",
        )
        parser.add_argument("--since", help="Từ ngày YYYY-MM-DD (mặc định: từ đầu)")

    def handle(self, *args, **options) -> None:
        path = Path(options["output"])
        since = None
        if options["since"]:
            try:
                since = datetime.date.fromisoformat(options["since"])
            except ValueError as error:
                raise CommandError(
                    f"--since phải là ngày dạng YYYY-MM-DD, không phải “{options['since']}”.",
                    returncode=2,
                ) from error
        sheet = Sheet(
            title="Nhật ký thay đổi",
            headers=[str(header) for header in AUDIT_HEADERS],
            rows=audit_rows(since),
        )
        file_format = output_format(path, options["format"])
        rows = write_file(path, lambda out: write_table([sheet], file_format, out))
        self.stdout.write(f"Đã ghi {rows} dòng nhật ký thay đổi vào {path}.")
