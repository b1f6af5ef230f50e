"""Time the evaluation report for a plan of 300 targets, format by format (issue 11).

Run from the checkout:

    DEBUG=1 .venv/bin/python bench/report.py [--keep] [--communes 9] [--indicators 30]

It works in a throwaway database (``throwaway.use_throwaway_database``, as bench/assess.py)
and reuses bench/assess.py's generated data: the first province's real units, its 30
indicators, and one plan whose targets are one a unit and indicator for the province and
``--communes`` of its communes (30 × 10 = 300 targets by default), with ten years of
approved figures (2016–2025). Then it builds the report's content once (the assessment on
the figures known at the date, the tasks, the projects, the citations) and writes each
format from it, printing the time of each; the goal is under 30 s for the whole report.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import time

from assess import (
    FIRST_YEAR_AFTER_DATA,
    Generator,
    create_indicators,
    create_plan_data,
    load_all_units,
)
from throwaway import use_throwaway_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    parser.add_argument("--communes", type=int, default=9, help="communes with targets")
    parser.add_argument("--indicators", type=int, default=30, help="default 30")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--formats", default="docx,xlsx,pdf,package", help="formats to time (default all)"
    )
    args = parser.parse_args()

    label, cleanup = use_throwaway_database(args.keep, suffix="bench", script="bench/report.py")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantrack.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    try:
        print(f"database: {label} (throwaway)")
        call_command("migrate", verbosity=0)
        settings.DEBUG = False
        from plantrack.geo.choices import UnitLevel
        from plantrack.geo.models import REFORM_DATE, AdminUnit
        from plantrack.plans.models import Plan
        from plantrack.reports.content import build_content
        from plantrack.reports.services import WRITERS

        province = load_all_units(1)[0]
        communes = list(
            AdminUnit.objects.filter(
                level=UnitLevel.COMMUNE, valid_from=REFORM_DATE, parent=province
            ).order_by("code")[: args.communes]
        )
        years = list(range(FIRST_YEAR_AFTER_DATA - 10, FIRST_YEAR_AFTER_DATA))
        with transaction.atomic():
            indicators = create_indicators(args.indicators)
            targets, observations = create_plan_data(
                province, communes, indicators, Generator(args.seed, years)
            )
        plan = Plan.objects.get(scope_unit=province)
        print(f"plan {plan.code}: {targets} targets, {observations:,} observations")
        as_of = datetime.date(FIRST_YEAR_AFTER_DATA, 6, 30)
        print("load average before timing: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        started, cpu = time.perf_counter(), time.process_time()
        content = build_content(plan, as_of=as_of)
        content_time = time.perf_counter() - started
        print(
            f"content (assessment, tasks, projects, {len(content.figures):,} figures cited): "
            f"{content_time:.2f} s, CPU {time.process_time() - cpu:.2f} s"
        )
        total = content_time
        for name in args.formats.split(","):
            writer = WRITERS[name]
            started, cpu = time.perf_counter(), time.process_time()
            out = io.BytesIO()
            writer(content, out)
            spent = time.perf_counter() - started
            total += spent
            print(
                f"{name}: {spent:.2f} s, CPU {time.process_time() - cpu:.2f} s "
                f"({len(out.getvalue()) / 1e6:.1f} MB)"
            )
        print("load average after timing: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        print(f"report, every format: {total:.2f} s (goal < 30 s)")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
