"""``plantrack export_tasks -o FILE``: write tasks as XLSX or CSV in the importer's layout.

The file imports again as is (``plantrack import_tasks``). Tasks are public, so the command
writes every task the filters keep. Exit codes: 0 when written, 2 on a usage error (an
unknown agency or plan, a bad date, an unwritable file).
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plantrack.accounts.models import Agency
from plantrack.plans.models import Plan
from plantrack.tabular.commands import output_format, write_file
from plantrack.tabular.writers import TABLE_FORMATS
from plantrack.workplan.choices import DeadlineState
from plantrack.workplan.export import export_tasks
from plantrack.workplan.models import Task


class Command(BaseCommand):
    help = (
        "Xuất nhiệm vụ ra XLSX hoặc CSV theo bố cục của phụ lục nhiệm vụ (nhập lại được), "
        "kèm cột thông tin minh họa."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", required=True, help="Tệp sẽ ghi")
        parser.add_argument(
            "--format",
            choices=TABLE_FORMATS,
            help="Định dạng (mặc định theo đuôi tệp: .xlsx là xlsx, còn lại csv)",
        )
        parser.add_argument("--agency", help="Mã cơ quan chủ trì")
        parser.add_argument("--plan", help="Mã quy hoạch, kế hoạch")
        parser.add_argument(
            "--state", choices=DeadlineState.values, help="Tình trạng thời hạn tính đến --as-of"
        )
        parser.add_argument("--as-of", help="Ngày YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args, **options) -> None:
        path = Path(options["output"])
        as_of = timezone.localdate()
        if options["as_of"]:
            try:
                as_of = datetime.date.fromisoformat(options["as_of"])
            except ValueError as error:
                raise CommandError(
                    f"--as-of phải là ngày dạng YYYY-MM-DD, không phải “{options['as_of']}”.",
                    returncode=2,
                ) from error
        tasks = Task.objects.all()
        if code := options["agency"]:
            if not Agency.objects.filter(code=code).exists():
                raise CommandError(f"Không có cơ quan mã “{code}”.", returncode=2)
            tasks = tasks.filter(lead_agency__code=code)
        if code := options["plan"]:
            if not Plan.objects.filter(code=code).exists():
                raise CommandError(f"Không có quy hoạch, kế hoạch mã “{code}”.", returncode=2)
            tasks = tasks.filter(plan__code=code)
        if options["state"]:
            tasks = tasks.with_deadline_state(as_of).filter(deadline_state=options["state"])
        file_format = output_format(path, options["format"])
        count = write_file(path, lambda out: export_tasks(tasks, file_format, out, as_of=as_of))
        self.stdout.write(f"Đã ghi {count} nhiệm vụ ({file_format}) vào {path}.")
