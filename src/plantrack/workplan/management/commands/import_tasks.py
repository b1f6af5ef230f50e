"""``plantrack import_tasks FILE``: import a task appendix (XLSX or CSV), all of it or nothing.

Exit codes: 0 when written (or a clean dry run), 1 when refused (the file has errors, or the
user may not import), 2 on a usage error (a file that cannot be read, an unknown ``--user``
or ``--plan``).
"""

from django.utils.translation import gettext_lazy

from plantrack.plans.commands import AppendixCommand
from plantrack.workplan.services import import_tasks


class Command(AppendixCommand):
    help = (
        "Nhập phụ lục nhiệm vụ (XLSX, CSV): kiểm tra mọi dòng, rồi ghi tất cả hoặc không ghi "
        "gì; nhập lại cùng tệp không thay đổi gì. Mã thoát: 0 đã ghi (hoặc chạy thử không "
        "lỗi), 1 bị từ chối, 2 sai cách gọi."
    )
    noun = gettext_lazy("nhiệm vụ")

    def handle(self, *args, **options) -> None:
        self.run(options, import_tasks)
