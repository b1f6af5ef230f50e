"""``plantrack tasks``: the implementation tasks with their derived deadline state."""

import csv
import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plantrack.accounts.models import Agency
from plantrack.workplan.choices import DeadlineState
from plantrack.workplan.models import Task

COLUMNS = (
    "code",
    "title",
    "lead_agency",
    "deadline",
    "status",
    "percent_complete",
    "deadline_state",
    "illustrative",
)


class Command(BaseCommand):
    help = "Liệt kê nhiệm vụ thực hiện quy hoạch với tình trạng thời hạn (quá hạn, sắp đến hạn)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--overdue", action="store_true", help="Chỉ nhiệm vụ quá hạn")
        parser.add_argument("--as-of", help="Ngày YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--agency", help="Mã cơ quan chủ trì")
        parser.add_argument("--format", choices=("table", "json", "csv"), default="table")

    def handle(self, *args, **options) -> None:
        as_of = _date(options["as_of"]) if options["as_of"] else timezone.localdate()
        tasks = Task.objects.with_deadline_state(as_of).select_related("lead_agency")
        if options["agency"]:
            if not Agency.objects.filter(code=options["agency"]).exists():
                raise CommandError(f"Không có cơ quan mã “{options['agency']}”.")
            tasks = tasks.filter(lead_agency__code=options["agency"])
        if options["overdue"]:
            tasks = tasks.filter(deadline_state=DeadlineState.OVERDUE)
        rows = [_row(task) for task in tasks.order_by("deadline", "code")]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if options["format"] == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            return
        self.stdout.write(f"Tính đến {as_of:%d/%m/%Y}: {len(rows)} nhiệm vụ.")
        for row in rows:
            note = (
                " (minh họa: " + ", ".join(row["illustrative"]) + ")" if row["illustrative"] else ""
            )
            self.stdout.write(
                f"[{row['deadline_state']}] {row['code']} — {row['title'][:90]} | "
                f"{row['lead_agency'] or '—'} | hạn {row['deadline'] or '—'} | "
                f"{row['status']} {row['percent_complete']} %{note}"
            )


def _row(task: Task) -> dict:
    return {
        "code": task.code,
        "title": task.title,
        "lead_agency": task.lead_agency.code if task.lead_agency else None,
        "deadline": task.deadline.isoformat() if task.deadline else None,
        "status": task.status,
        "percent_complete": task.percent_complete,
        "deadline_state": task.deadline_state,
        "illustrative": list(task.illustrative_fields or []),
    }


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--as-of phải là ngày dạng YYYY-MM-DD, không phải “{text}”.") from error
