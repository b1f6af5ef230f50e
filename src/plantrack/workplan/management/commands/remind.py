"""``plantrack remind [--as-of DATE]``: the daily reminder e-mails (for a cron job)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plantrack.workplan.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc: mỗi cơ quan các nhiệm vụ sắp đến hạn và quá hạn, mỗi người phê duyệt "
        "các số liệu đang chờ duyệt. Chạy lại trong cùng ngày không gửi trùng."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--as-of", help="Ngày YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args, **options) -> None:
        as_of = timezone.localdate()
        if options["as_of"]:
            try:
                as_of = datetime.date.fromisoformat(options["as_of"])
            except ValueError as error:
                raise CommandError(
                    f"--as-of phải là ngày dạng YYYY-MM-DD, không phải “{options['as_of']}”."
                ) from error
        report = send_reminders(as_of)
        self.stdout.write(
            f"Ngày {as_of:%d/%m/%Y}: gửi {report.sent} thư, {report.already_sent} thư đã gửi "
            f"trước đó trong ngày."
        )
