"""``plantrack projects``: the priority investment projects with their capital."""

import csv
import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Prefetch

from plantrack.investment.choices import PipelineStatus
from plantrack.investment.models import Project, ProjectFinance

COLUMNS = (
    "code",
    "name",
    "kind",
    "sector",
    "status",
    "total_investment",
    "planned",
    "allocated",
    "disbursed",
    "disbursement_rate",
    "illustrative",
)


class Command(BaseCommand):
    help = "Liệt kê các dự án đầu tư ưu tiên với tình trạng và vốn (kế hoạch, giao, giải ngân)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--status", help="Chỉ dự án ở tình trạng này (" + ", ".join(PipelineStatus.values) + ")"
        )
        parser.add_argument("--format", choices=("table", "json", "csv"), default="table")

    def handle(self, *args, **options) -> None:
        # .all(): django-stubs types a Prefetch given to the queryset, not to the manager.
        projects = (
            Project.objects.all()
            .prefetch_related(
                Prefetch("finances", queryset=ProjectFinance.objects.order_by("year"))
            )
            .order_by("code")
        )
        if options["status"]:
            if options["status"] not in PipelineStatus.values:
                raise CommandError(
                    f"Tình trạng “{options['status']}” không có; dùng: "
                    + ", ".join(PipelineStatus.values)
                )
            projects = projects.filter(status=options["status"])
        rows = [_row(project) for project in projects]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if options["format"] == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            return
        self.stdout.write(f"{len(rows)} dự án.")
        for row in rows:
            rate = "—" if row["disbursement_rate"] is None else f"{row['disbursement_rate']:.1f} %"
            self.stdout.write(
                f"[{row['status']}] {row['code']} — {row['name'][:90]} | {row['kind']} | "
                f"giải ngân {rate}"
            )


def _row(project: Project) -> dict:
    finances = list(project.finances.all())
    planned = _total(f.planned for f in finances)
    allocated = _total(f.allocated for f in finances)
    disbursed = _total(f.disbursed for f in finances)
    rate = None
    if allocated and disbursed is not None:
        rate = round(float(disbursed / allocated * 100), 2)
    return {
        "code": project.code,
        "name": project.name,
        "kind": project.kind,
        "sector": project.sector,
        "status": project.status,
        "total_investment": _number(project.total_investment),
        "planned": _number(planned),
        "allocated": _number(allocated),
        "disbursed": _number(disbursed),
        "disbursement_rate": rate,
        "illustrative": list(project.illustrative_fields or []),
    }


def _total(values):
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def _number(value):
    return None if value is None else int(value)
