"""``plantrack rejudge --plan CODE [--as-of DATE]``: re-judge every target of a plan now."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantrack.plans.models import Plan
from plantrack.progress.live import rejudge_all
from plantrack.progress.management.commands.assess import _date


class Command(BaseCommand):
    help = (
        "Đánh giá lại mọi chỉ tiêu đang có hiệu lực của một quy hoạch, kế hoạch trên số liệu đã "
        "phê duyệt, tính đến một ngày; chỉ ghi các kết quả thay đổi (kèm lịch sử)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="Mã quy hoạch, kế hoạch")
        parser.add_argument(
            "--as-of",
            type=_date,
            default=None,
            help="Tính đến ngày YYYY-MM-DD (mặc định: hôm nay)",
        )

    def handle(self, *args: str, **options: Any) -> None:
        try:
            plan = Plan.objects.get(code=options["plan"])
        except Plan.DoesNotExist as error:
            raise CommandError(f"Không có quy hoạch, kế hoạch mã “{options['plan']}”.") from error
        outcome = rejudge_all(plan, options["as_of"])
        self.stdout.write(
            f"{plan.code}: đã đánh giá lại {outcome.judged} chỉ tiêu tính đến "
            f"{outcome.as_of:%d/%m/%Y}, {len(outcome.changed)} kết quả thay đổi."
        )
