"""Render every page of the demo, then the pages of the national-scale data set, and print
each page's median and p95 server time and its query count.

Run from the checkout (issue 10, item 10):

    DEBUG=1 .venv/bin/python bench/pages.py [--repeat 20] [--provinces 34] [--skip-national]

It works in a throwaway database of the configured kind (SQLite by default; PostgreSQL with
``DATABASE_URL``), never the configured one, removed at the end unless ``--keep``:

1. the Cao Bằng demo is loaded and judged (``plantrack demo`` without the server), and every
   page a visitor reaches is rendered ``--repeat`` times, anonymous and as the demo's
   planner, reporter and approver for their own pages: the overview, the target list, every
   target page, every indicator page, the tasks board and each task, the projects and each
   project, open data, the data-entry grid, approvals and rounds, the API schema;
2. the national-scale data set of ``bench/assess.py`` is built in its place (34 provinces,
   3,321 communes, about 100,000 targets and 1 million figures; ``--provinces`` fewer) and
   judged, and the pages whose size grows with it are rendered: each province's overview,
   target list, a target page, an indicator page.

Server time is the time Django's test client takes to return the response (no network, no
browser), with ``DEBUG`` off as in production; queries are counted apart, on one more
request. Goal (issue 10): p95 under 200 ms on the demo and under 500 ms at national scale
on the overview.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throwaway import use_throwaway_database  # noqa: E402


def measure(client, url: str, repeat: int) -> tuple[float, float, int, int]:
    """Return (median ms, p95 ms, queries, status) of ``repeat`` GETs of ``url``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Django empties the query log when a request starts: start from an empty one, or the
    # context would take the migrations' queries for the request's.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    # Counted now: the captured list is a slice of the query log, which the next request
    # empties.
    count = len(queries.captured_queries)
    status = response.status_code
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
    return statistics.median(times), p95, count, status


def table(title: str, rows: list[tuple[str, str, float, float, int, int]]) -> None:
    print(f"\n{title}")
    print(f"{'page':60} {'as':9} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'status':>6}")
    for url, who, median, p95, queries, status in rows:
        print(f"{url[:60]:60} {who:9} {median:10.1f} {p95:8.1f} {queries:8d} {status:6d}")
    worst = max(rows, key=lambda row: row[3])
    print(f"worst p95: {worst[3]:.1f} ms ({worst[0]}, {worst[1]})")


def demo_pages() -> list[tuple[str, str]]:
    """Every page of the demo a visitor reaches, with who visits it."""
    from plantrack.accounts.models import Membership
    from plantrack.investment.models import Project
    from plantrack.observations.models import ReportingRound
    from plantrack.plans.models import Indicator, Plan, Target
    from plantrack.workplan.models import Task

    pages = [("/", "anonymous"), ("/targets/", "anonymous"), ("/open-data/", "anonymous")]
    pages += [(f"/?plan={plan.code}", "anonymous") for plan in Plan.objects.order_by("code")]
    pages += [
        (f"/targets/{pk}/", "anonymous") for pk in Target.objects.values_list("pk", flat=True)
    ]
    pages += [
        (f"/indicators/{code}/", "anonymous")
        for code in Indicator.objects.order_by("code").values_list("code", flat=True)
    ]
    pages += [("/tasks/", "anonymous"), ("/projects/", "anonymous")]
    pages += [
        (f"/tasks/{code}/", "anonymous") for code in Task.objects.values_list("code", flat=True)
    ]
    pages += [
        (f"/projects/{code}/", "anonymous")
        for code in Project.objects.values_list("code", flat=True)
    ]
    pages += [("/observations/open-data/?format=csv", "anonymous"), ("/api/schema/", "anonymous")]
    pages += [("/", "planner"), ("/rounds/", "planner"), ("/progress/rejudge/", "planner")]
    pages += [
        (f"/rounds/{pk}/", "planner") for pk in ReportingRound.objects.values_list("pk", flat=True)
    ]
    pages += [("/observations/grid/", "reporter"), ("/observations/mine/", "reporter")]
    # The index sends a reporter of one agency to its grid: the grid itself too.
    pages += [
        (f"/observations/grid/{code}/", "reporter")
        for code in Membership.objects.filter(user__username="reporter").values_list(
            "agency__code", flat=True
        )
    ]
    pages += [("/observations/approvals/", "approver")]
    return pages


def national_pages(plans: int) -> list[tuple[str, str]]:
    """The pages of ``plans`` provinces (the first, the last and between), and two indicators."""
    from plantrack.plans.models import Plan, Target

    every = list(Plan.objects.filter(code__startswith="BENCH-").order_by("code"))
    step = max(1, len(every) // max(1, plans))
    chosen = every[::step][:plans]
    pages = []
    for plan in chosen:
        target = Target.objects.filter(plan=plan).order_by("pk").first()
        pages += [
            (f"/?plan={plan.code}", "anonymous"),
            (f"/targets/?plan={plan.code}", "anonymous"),
        ]
        if target is not None:
            pages.append((f"/targets/{target.pk}/", "anonymous"))
    pages += [("/indicators/grdp/", "anonymous"), ("/indicators/poverty_rate/", "anonymous")]
    return pages


def render(pages, clients, repeat: int) -> list:
    rows = []
    for url, who in pages:
        median, p95, queries, status = measure(clients[who], url, repeat)
        rows.append((url, who, median, p95, queries, status))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    parser.add_argument("--repeat", type=int, default=20, help="requests a page (default 20)")
    parser.add_argument("--provinces", type=int, default=34, help="national set: default all 34")
    parser.add_argument("--national-repeat", type=int, default=5, help="default 5")
    parser.add_argument(
        "--national-plans", type=int, default=34, help="provinces whose pages are rendered"
    )
    parser.add_argument("--skip-national", action="store_true", help="the demo only")
    args = parser.parse_args()

    label, cleanup = use_throwaway_database(args.keep, suffix="pages", script="bench/pages.py")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantrack.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    try:
        print(f"database: {label} (throwaway, {'kept' if args.keep else 'removed at the end'})")
        call_command("migrate", verbosity=0)
        settings.DEBUG = False
        settings.ALLOWED_HOSTS = ["testserver", "localhost"]
        from plantrack.demo.services import assess_demo_plans, load_demo, reset_demo_users
        from plantrack.plans.models import Plan
        from plantrack.progress.live import rejudge_all

        load_demo()
        assess_demo_plans()
        for plan in Plan.objects.all():
            rejudge_all(plan)
        clients = {"anonymous": Client()}
        from django.contrib.auth import get_user_model

        for login in reset_demo_users():
            client = Client()
            # force_login: django-axes refuses a password login made without a request.
            client.force_login(get_user_model().objects.get(username=login.username))
            clients[login.username] = client
        print("load average before timing: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        rows = render(demo_pages(), clients, args.repeat)
        table(f"demo pages ({len(rows)}), {args.repeat} requests each", rows)
        over = [row for row in rows if row[3] >= 200]
        print(f"demo pages with p95 >= 200 ms: {len(over)} of {len(rows)}")

        if args.skip_national:
            return
        sys.argv = [sys.argv[0]]
        import assess

        # The national set's indicators share codes with the demo's: it gets the database
        # to itself (the demo's rows are flushed, its tables kept).
        call_command("flush", interactive=False, verbosity=0)

        build_args = argparse.Namespace(
            provinces=args.provinces, years=10, indicators=len(assess.SPECS), seed=2025
        )
        assess.build(build_args)
        started = time.perf_counter()
        for plan in assess.bench_plans():
            rejudge_all(plan)
        print(f"national set judged in {time.perf_counter() - started:.1f} s")
        print("load average before timing: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        rows = render(national_pages(args.national_plans), clients, args.national_repeat)
        table(f"national-scale pages ({len(rows)}), {args.national_repeat} requests each", rows)
        overviews = [row for row in rows if row[0].startswith("/?plan=")]
        worst = max(row[3] for row in overviews)
        print(f"national overview worst p95: {worst:.1f} ms (goal < 500 ms)")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
