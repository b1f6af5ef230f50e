"""``plantrack export observations``: write figures as CSV, XLSX or SDMX-CSV.

The CSV and XLSX files are in the importer's long layout (a CSV imports again as is); the
SDMX-CSV file holds the published figures only. Without ``--user`` the command line sees
every figure, as it sees the database; with it, what that user may see.
Exit codes: 0 when written, 2 on a usage error (an unknown code, an unwritable file).
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from plantrack.observations.export import export_observations, select_observations
from plantrack.observations.models import Observation
from plantrack.plans.models import Plan
from plantrack.tabular.writers import ExportError, ExportFormat


class Command(BaseCommand):
    help = (
        "Xuất số liệu hiện hành ra CSV, XLSX (dạng dọc, nhập lại được) hoặc SDMX-CSV (dữ liệu "
        "mở: chỉ số liệu đã phê duyệt)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("what", choices=["observations"], help="Thứ cần xuất: observations")
        parser.add_argument("--plan", help="Mã quy hoạch, kế hoạch: các chỉ số mà chỉ tiêu đo")
        parser.add_argument("--indicator", help="Mã chỉ số")
        parser.add_argument("--unit", help="Mã đơn vị hành chính, ví dụ 04")
        parser.add_argument(
            "--format",
            choices=ExportFormat.values,
            help="Định dạng (mặc định theo đuôi tệp: .xlsx là xlsx, còn lại csv)",
        )
        parser.add_argument("-o", "--output", required=True, help="Tệp sẽ ghi")
        parser.add_argument("--user", help="Xuất những gì người dùng này được xem")

    def handle(self, *args, **options) -> None:
        path = Path(options["output"])
        file_format = options["format"] or (
            ExportFormat.XLSX if path.suffix.lower() == ".xlsx" else ExportFormat.CSV
        )
        observations, plans = Observation.objects.all(), Plan.objects.all()
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Không có người dùng “{options['user']}”.", returncode=2)
            observations, plans = Observation.objects.for_user(user), Plan.objects.for_user(user)
        try:
            selected = select_observations(
                observations,
                plans=plans,
                plan=options["plan"],
                indicator=options["indicator"],
                unit=options["unit"],
            )
        except ExportError as error:
            raise CommandError(str(error), returncode=2) from error
        try:
            with path.open("wb") as out:
                count = export_observations(selected, file_format, out)
        except OSError as error:
            raise CommandError(
                f"Không ghi được tệp {path}: {error.strerror}", returncode=2
            ) from error
        kept = " đã phê duyệt" if file_format == ExportFormat.SDMX_CSV else ""
        self.stdout.write(f"Đã ghi {count} số liệu{kept} ({file_format}) vào {path}.")
