"""``plantrack import FILE``: validate a file of figures and write all of it or nothing.

Exit codes: 0 when written (or a clean dry run), 1 when refused, 2 on a usage error (a file
that cannot be read, an unknown ``--user`` or ``--agency``, a bad option).
"""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantrack.accounts.models import Agency
from plantrack.observations.imports import import_observations
from plantrack.tabular.commands import ImportCommand


class Command(ImportCommand):
    help = (
        "Nhập số liệu từ tệp CSV, XLSX hoặc JSON (dạng dọc hoặc biểu mẫu Excel của PlanTrack): "
        "kiểm tra mọi dòng, rồi ghi tất cả hoặc không ghi gì. Mã thoát: 0 đã ghi (hoặc chạy "
        "thử không lỗi), 1 tệp có lỗi nên không ghi, 2 sai cách gọi."
    )
    counts = gettext_lazy(
        "%(rows)s giá trị: mới %(created)s, thay đổi %(changed)s, không đổi %(unchanged)s."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--agency", help="Mã cơ quan báo cáo")
        parser.add_argument("--locale", choices=("vi", "en"), help="Kiểu số của tệp")
        parser.add_argument(
            "--approve", action="store_true", help="Phê duyệt luôn (cần quyền phê duyệt)"
        )

    def handle(self, *args, **options) -> None:
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                message = _("Không có cơ quan mã “%(code)s”.") % {"code": options["agency"]}
                raise CommandError(message, returncode=2)
        self.run(
            options,
            import_observations,
            agency=agency,
            locale=options["locale"],
            approve=options["approve"],
        )
