"""``plantrack assess --plan CODE``: judge every target of a plan and print the result."""

import csv
import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantrack.plans.models import Plan
from plantrack.progress.assess import PlanAssessment, TargetResult, assess_plan
from plantrack.progress.choices import Figures, Method

COLUMNS = (
    "target",
    "indicator",
    "phrase",
    "status",
    "actual_rate",
    "required_rate",
    "required_rate_remaining",
    "ratio",
    "years_of_data",
    "method",
    "explanation_vi",
    "explanation_en",
)


class Command(BaseCommand):
    help = (
        "Đánh giá mọi chỉ tiêu đang có hiệu lực của một quy hoạch, kế hoạch theo số liệu đã biết "
        "đến một ngày, lưu kết quả và in ra: kết quả, tốc độ thực hiện, tốc độ yêu cầu và tốc "
        "độ cần đạt những năm còn lại."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="Mã quy hoạch, kế hoạch")
        parser.add_argument(
            "--as-of",
            type=_date,
            default=None,
            help="Tính đến ngày YYYY-MM-DD (mặc định: hôm nay): chỉ dùng số liệu đã biết ngày đó",
        )
        parser.add_argument(
            "--figures",
            choices=Figures.values,
            default=Figures.APPROVED,
            help="approved: đã phê duyệt, kể cả ước thực hiện (mặc định); official: trừ ước "
            "thực hiện; submitted: thêm số liệu đã gửi chờ duyệt",
        )
        parser.add_argument(
            "--method",
            choices=Method.values,
            default=None,
            help="Phương pháp (mặc định: unsd; escap chỉ cho chỉ tiêu đạt mức)",
        )
        parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
        parser.add_argument(
            "--no-save", action="store_true", help="Chỉ in kết quả, không lưu lượt đánh giá"
        )

    def handle(self, *args: str, **options: Any) -> None:
        try:
            plan = Plan.objects.get(code=options["plan"])
        except Plan.DoesNotExist as error:
            raise CommandError(f"Không có quy hoạch, kế hoạch mã “{options['plan']}”.") from error
        outcome = assess_plan(
            plan,
            as_of=options["as_of"],
            figures=options["figures"],
            method=options["method"],
            save=not options["no_save"],
        )
        rows = [_row(result) for result in outcome.results]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        elif options["format"] == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        else:
            self._table(plan, outcome, rows)

    def _table(self, plan: Plan, outcome: PlanAssessment, rows: list[dict[str, Any]]) -> None:
        self.stdout.write(f"{plan.code} — {plan.title}")
        saved = f", lưu lượt #{outcome.run.pk}" if outcome.run else ""
        self.stdout.write(f"Tính đến {outcome.as_of:%d/%m/%Y}{saved}.")
        for row in rows:
            self.stdout.write("")
            self.stdout.write(f"[{row['status']}] {row['indicator'] or '—'}: {row['phrase']}")
            numbers = [
                f"thực hiện {_num(row['actual_rate'])}",
                f"yêu cầu {_num(row['required_rate'])}",
                f"cần những năm còn lại {_num(row['required_rate_remaining'])}",
                f"{row['years_of_data']} năm số liệu",
            ]
            self.stdout.write("    " + "; ".join(numbers))
            self.stdout.write(f"    {row['explanation_vi']}")


def _row(result: TargetResult) -> dict[str, Any]:
    judgement = result.assessment
    target = result.target
    return {
        "target": target.pk,
        "indicator": target.indicator.code if target.indicator else None,
        "phrase": target.phrase,
        "status": judgement.status,
        "actual_rate": _rounded(judgement.actual_rate),
        "required_rate": _rounded(judgement.required_rate),
        "required_rate_remaining": _rounded(judgement.required_rate_remaining),
        "ratio": _rounded(judgement.ratio),
        "years_of_data": judgement.years_of_data,
        "method": judgement.method,
        "explanation_vi": judgement.explanation_vi,
        "explanation_en": judgement.explanation_en,
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}".replace(".", ",")


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--as-of phải là ngày dạng YYYY-MM-DD, không phải “{text}”.") from error
