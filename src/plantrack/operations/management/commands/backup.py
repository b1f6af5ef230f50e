"""``plantrack backup -o DIR``: the database and the evidence files, with checksums."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plantrack.operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = _(
        "Sao lưu toàn bộ dữ liệu (dạng JSON dùng được cho SQLite và PostgreSQL), các tệp minh "
        "chứng và bản kê có mã kiểm tra SHA-256 vào một thư mục mới."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "-o", "--output", required=True, type=Path, help=_("thư mục mới hoặc trống")
        )

    def handle(self, *args, output: Path, **options) -> None:
        try:
            summary = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Đã sao lưu %(rows)d dòng dữ liệu và %(files)d tệp (%(bytes)d byte) vào %(folder)s.")
            % {
                "rows": summary.rows,
                "files": summary.files,
                "bytes": summary.bytes,
                "folder": output,
            }
        )
