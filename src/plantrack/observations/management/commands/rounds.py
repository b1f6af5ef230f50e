"""``plantrack rounds [--late] [--as-of DATE] [--format table|json|csv]``: list the reporting
rounds, per agency what it owes, reported, reported late or never, and its on-time record."""

import csv
import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plantrack.observations.models import ReportingRound
from plantrack.observations.rounds import (
    BEHIND_STATES,
    attach_records,
    moment_of,
    round_progress,
)

CSV_COLUMNS = (
    "round",
    "title",
    "period",
    "deadline",
    "round_state",
    "agency",
    "indicator",
    "unit",
    "state",
    "reported_at",
)


class Command(BaseCommand):
    help = (
        "Liệt kê các đợt báo cáo: mỗi cơ quan phải báo cáo gì, đã báo cáo, báo cáo muộn, quá "
        "hạn hay không báo cáo, và tỷ lệ báo cáo đúng hạn qua các đợt đã đóng."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--late",
            action="store_true",
            help="Chỉ các số liệu báo cáo muộn, quá hạn hoặc không báo cáo, và cơ quan của chúng",
        )
        parser.add_argument(
            "--as-of",
            type=_date,
            default=None,
            help="Tình hình đến hết ngày YYYY-MM-DD (mặc định: bây giờ)",
        )
        parser.add_argument("--format", choices=("table", "json", "csv"), default="table")

    def handle(self, *args, **options) -> None:
        moment = moment_of(options["as_of"])
        rounds = ReportingRound.objects.filter(opened_at__lte=moment).order_by("-deadline", "-id")
        progresses = round_progress(rounds, as_of=moment)
        attach_records(progresses, as_of=moment)
        rows = [_round_row(progress, late_only=options["late"]) for progress in progresses]
        if options["late"]:
            rows = [row for row in rows if row["agencies"]]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        elif options["format"] == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(_csv_rows(rows))
        else:
            self._table(rows, moment, late_only=options["late"])

    def _table(self, rows, moment, *, late_only: bool) -> None:
        when = timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")
        if not rows:
            empty = "Không có cơ quan nào chậm báo cáo" if late_only else "Chưa có đợt báo cáo nào"
            self.stdout.write(f"{empty} (tính đến {when}).")
            return
        self.stdout.write(f"Tính đến {when}.")
        for row in rows:
            deadline = datetime.date.fromisoformat(row["deadline"]).strftime("%d/%m/%Y")
            self.stdout.write("")
            self.stdout.write(
                f"Đợt #{row['id']} “{row['title']}” — kỳ {row['period']}, hạn hết ngày "
                f"{deadline}: {row['state_label']}"
            )
            for agency in row["agencies"]:
                self.stdout.write(
                    f"  {agency['name']} ({agency['code']}): phải báo cáo {agency['owed']}; "
                    f"đúng hạn {agency['on_time']}, muộn {agency['late']}, quá hạn "
                    f"{agency['overdue']}, không báo cáo {agency['never']}, chưa đến hạn "
                    f"{agency['not_due']} · {_record_text(agency['record'])}"
                )
                for figure in agency["figures"]:
                    if figure["state"] not in BEHIND_STATES:
                        continue
                    reported = (
                        f" · báo cáo lúc {_local(figure['reported_at'])}"
                        if figure["reported_at"]
                        else ""
                    )
                    self.stdout.write(
                        f"    [{figure['state_label']}] {figure['indicator']} · "
                        f"{figure['unit']} {figure['unit_name']}{reported}"
                    )


def _round_row(progress, *, late_only: bool) -> dict:
    reporting_round = progress.round
    agencies = []
    for agency in progress.agencies:
        figures = [
            {
                "indicator": figure.obligation.indicator.code,
                "unit": figure.obligation.unit.code,
                "unit_name": figure.obligation.unit.name,
                "state": figure.state.value,
                "state_label": str(figure.state.label),
                "reported_at": (
                    timezone.localtime(figure.reported_at).isoformat()
                    if figure.reported_at
                    else None
                ),
            }
            for figure in agency.figures
            if not late_only or figure.is_behind
        ]
        if late_only and not figures:
            continue
        record = agency.record
        agencies.append(
            {
                "code": agency.agency.code,
                "name": agency.agency.name,
                "owed": agency.owed,
                "reported": agency.reported,
                "on_time": agency.on_time,
                "late": agency.late,
                "overdue": agency.overdue,
                "never": agency.never,
                "not_due": agency.not_due,
                "record": {
                    "rounds": record.rounds,
                    "rounds_on_time": record.rounds_on_time,
                    "owed": record.owed,
                    "on_time": record.on_time,
                    "late": record.late,
                    "never": record.never,
                    "rate": None if record.rate is None else round(record.rate, 4),
                },
                "figures": figures,
            }
        )
    return {
        "id": reporting_round.pk,
        "title": reporting_round.title,
        "period": reporting_round.period,
        "deadline": reporting_round.deadline.isoformat(),
        "state": progress.state.value,
        "state_label": str(progress.state.label),
        "closed_at": (
            timezone.localtime(reporting_round.closed_at).isoformat()
            if reporting_round.is_closed_on(progress.moment)
            else None
        ),
        "agencies": agencies,
    }


def _csv_rows(rows):
    for row in rows:
        for agency in row["agencies"]:
            for figure in agency["figures"]:
                yield {
                    "round": row["id"],
                    "title": row["title"],
                    "period": row["period"],
                    "deadline": row["deadline"],
                    "round_state": row["state"],
                    "agency": agency["code"],
                    "indicator": figure["indicator"],
                    "unit": figure["unit"],
                    "state": figure["state"],
                    "reported_at": figure["reported_at"] or "",
                }


def _record_text(record: dict) -> str:
    if not record["owed"]:
        return "chưa có đợt nào đã đóng"
    percent = f"{100 * record['rate']:.1f}".replace(".", ",")
    return (
        f"đúng hạn qua các đợt đã đóng: {record['on_time']}/{record['owed']} ({percent} %), "
        f"{record['rounds']} đợt"
    )


def _local(iso: str) -> str:
    return datetime.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--as-of phải là ngày dạng YYYY-MM-DD, không phải “{text}”.") from error
