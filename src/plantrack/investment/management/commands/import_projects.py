"""``plantrack import_projects FILE``: import a project appendix (XLSX or CSV), all or nothing.

Exit codes as ``import_tasks``: 0 written (or a clean dry run), 1 refused, 2 usage error.
"""

from django.utils.translation import gettext_lazy

from plantrack.investment.services import import_projects
from plantrack.plans.commands import AppendixCommand


class Command(AppendixCommand):
    help = (
        "Nhập danh mục dự án (XLSX, CSV): kiểm tra mọi dòng, rồi ghi tất cả hoặc không ghi "
        "gì; nhập lại cùng tệp không thay đổi gì. Mã thoát: 0 đã ghi (hoặc chạy thử không "
        "lỗi), 1 bị từ chối, 2 sai cách gọi."
    )
    noun = gettext_lazy("dự án")

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--locale", choices=("vi", "en"), help="Kiểu số của số tiền viết bằng chữ"
        )

    def handle(self, *args, **options) -> None:
        self.run(options, import_projects, locale=options["locale"])
