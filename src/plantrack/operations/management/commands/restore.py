"""``plantrack restore DIR``: a backup into an empty database, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plantrack.operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = _(
        "Khôi phục một bản sao lưu của plantrack backup vào cơ sở dữ liệu trống: kiểm tra mã "
        "SHA-256 của mọi tệp trước, rồi nạp tất cả trong một giao dịch (hoặc không nạp gì)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path, help=_("thư mục sao lưu"))

    def handle(self, *args, folder: Path, **options) -> None:
        try:
            summary = restore_backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Đã khôi phục %(rows)d dòng dữ liệu và %(files)d tệp từ %(folder)s.")
            % {"rows": summary.rows, "files": summary.files, "folder": folder}
        )
