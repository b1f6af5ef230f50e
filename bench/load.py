"""Load: a reporting deadline's peak on loopback, against gunicorn and PostgreSQL.

Issue 14, point 8. Run from the checkout, after ``make install-bench`` (locust):

    createdb -h 127.0.0.1 -U postgres load      # once: the throwaway is made beside it
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/load .venv/bin/python bench/load.py
    ... bench/load.py --duration 300 --agencies 200 --readers 50 --workers 4 --keep

It works in ``<name>_load`` beside the database of ``DATABASE_URL`` (``load_load`` above),
created fresh and dropped at the end unless ``--keep``; never in the configured database.
PostgreSQL only: that is what production runs (docs/operations.md).

What it builds: the demo (``load_demo``, judged, so readers have the Cao Bằng plans'
pages), then ``--agencies`` reporting agencies (the communes' People's Committees first,
one each, then departments of the province), each with one reporter account and
``--indicators`` monthly indicators of its own, last month's figures approved, and one
open reporting round for the month just ended, its deadline today, owing every agency's
indicators for its own unit.

Then it serves that database with ``gunicorn plantrack.wsgi`` (``--workers``, DEBUG off,
settings from the environment as docs/operations.md says, static files collected) on
127.0.0.1 at a free port, and runs locust in a child process (gevent must patch the
standard library before anything else is imported) for ``--duration`` seconds:

- one **reporter** a agency, arriving once at a random moment within the first
  ``--arrival`` share of the run (uniform: the deadline hour's 200 arrivals compressed into
  the run): it asks for its token with its password (``POST /api/token/``: Argon2, as every
  login), lists its agency's figures of the month, then sends its figures one by one with
  ``submit`` (``POST /api/observations/``, a few seconds apart) or, one agency in
  ``--import-every``, all of them in one CSV (``POST /api/imports/``), and lists them again
  to see them submitted;
- ``--readers`` anonymous **readers** for the whole run, each a page every ``--reader-wait``
  seconds: the overview, a plan's target list, target pages, indicator pages, the API's
  lists of plans, targets, indicators and figures.

Every request carries ``X-Forwarded-For`` (a distinct loopback address per user, as nginx
would pass the visitor's) and ``X-Forwarded-Proto: https``, with
``PLANTRACK_TRUSTED_PROXIES=1``: the production set-up behind one proxy. So the token
view's throttle (20 a minute per address) and django-axes see one address per person, as
in production, not everyone at 127.0.0.1.

It prints, per kind of request: count, failures, median, p95, p99 and max (ms, locust's
rounding: two significant figures above 100 ms), beside the median of ``--alone`` requests
of the kind asked one at a time before the load (what a request costs when it does not
queue; reads and the login only, nothing written); the error rate in total; the figures
stored against those owed (every agency's figures must end submitted); and the
configuration (workers, users, duration, the machine's load average before, during and
after, the server's CPU time). Exit status 1 when any request failed, a reporter did not
finish, a figure is missing, or the server stopped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SOURCE = "Số liệu sinh ngẫu nhiên cho bài thử tải (bench/load.py), không phải số liệu thật"
PASSWORD = "tai-thu-" + secrets.token_urlsafe(9)  # one password for every reporter


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=120, help="seconds of load")
    parser.add_argument("--agencies", type=int, default=200, help="reporters, one an agency")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--indicators", type=int, default=5, help="figures owed an agency")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument(
        "--arrival", type=float, default=0.75, help="share of the run reporters arrive in"
    )
    parser.add_argument("--import-every", type=int, default=4, help="one agency in N imports")
    parser.add_argument("--reader-wait", default="1,5", help="seconds between a reader's pages")
    parser.add_argument("--alone", type=int, default=5, help="requests of each kind timed alone")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--keep", action="store_true", help="keep the database and the logs")
    parser.add_argument("--drive", help=argparse.SUPPRESS)  # the child: scenario.json
    parser.add_argument("--url", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.drive:
        return drive(options)
    return orchestrate(options)


# --- the parent: database, scenario, server, report -------------------------------------------


def orchestrate(options) -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("bench/load.py runs against PostgreSQL: set DATABASE_URL=postgres://…/load.")
    folder = Path(tempfile.mkdtemp(prefix="plantrack-load-"))
    # Production settings (docs/operations.md), for this process and the server alike.
    os.environ.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        PLANTRACK_DATA_DIR=str(folder),
        PLANTRACK_TRUSTED_PROXIES="1",
        DJANGO_SETTINGS_MODULE="plantrack.settings",
    )
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from throwaway import use_throwaway_database

    label, cleanup = use_throwaway_database(options.keep, suffix="load", script="bench/load.py")
    server = None
    try:
        import django

        django.setup()
        started = time.monotonic()
        scenario = prepare(options)
        print(f"{label}: set up in {time.monotonic() - started:.0f} s", flush=True)
        from django.db import connections

        connections.close_all()  # the server's workers open their own

        server, base = start_server(folder, options.workers)
        warm_up(base, scenario["reader_paths"], options.workers)
        alone = time_alone(base, scenario, options.alone)
        scenario_path = folder / "scenario.json"
        scenario_path.write_text(json.dumps(scenario), encoding="utf-8")
        load_before = os.getloadavg()
        child = subprocess.run(  # noqa: S603 -- this script, as the locust child
            [
                sys.executable,
                __file__,
                "--drive",
                str(scenario_path),
                "--url",
                base,
                "--duration",
                str(options.duration),
                "--reader-wait",
                options.reader_wait,
                "--readers",
                str(options.readers),
                "--seed",
                str(options.seed),
            ],
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        load_after = os.getloadavg()
        server_cpu = cpu_seconds(server.pid)
        stopped = server.poll() is not None
        if child.returncode != 0 or not child.stdout.strip():
            print(f"the locust run failed (exit {child.returncode})")
            return 1
        results = json.loads(child.stdout)
        (folder / "results.json").write_text(child.stdout, encoding="utf-8")
        figures = check_figures(scenario)
        print_report(
            options, scenario, results, figures, alone, (load_before, load_after), server_cpu
        )
        if stopped:
            print(f"the server stopped during the run (exit {server.returncode})")
        for exception in results["exceptions"]:
            print(f"error in a locust user: {exception}")
        failed = (
            results["failures"] > 0
            or results["exceptions"]
            or results["finished"] < len(scenario["reporters"])
            or figures["missing"] > 0
            or stopped
        )
        if options.keep:
            print(f"kept: {label}; logs in {folder}")
        return 1 if failed else 0
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
        cleanup()
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)


def prepare(options) -> dict:
    """Migrate, load the demo and the deadline's agencies; return what the users need."""
    from django.core.management import call_command

    from plantrack.demo.services import assess_demo_plans, load_demo

    call_command("migrate", verbosity=0)
    load_demo()
    assess_demo_plans()
    scenario = build_round(options)
    scenario["reader_paths"] = reader_paths()
    # DEBUG off serves the collected, hashed files (WhiteNoise's manifest storage).
    call_command("collectstatic", "--noinput", verbosity=0)
    return scenario


def build_round(options) -> dict:
    """Create the agencies, reporters, indicators and history, and open the round."""
    import datetime
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from plantrack.accounts.choices import AgencyKind, Role
    from plantrack.accounts.models import Agency, Membership
    from plantrack.geo.choices import UnitLevel
    from plantrack.geo.models import AdminUnit
    from plantrack.observations.choices import FigureStatus, WorkflowState
    from plantrack.observations.models import Observation
    from plantrack.observations.rounds import Owed, open_round
    from plantrack.plans.choices import Aggregation, Frequency, ValueType
    from plantrack.plans.models import Indicator
    from plantrack.tabular.commands import command_user

    rng = random.Random(options.seed)  # noqa: S311 -- benchmark data, not secrets
    today = timezone.localdate()
    month_start = today.replace(day=1)
    last_month = month_start - datetime.timedelta(days=1)  # the month just ended: owed
    month_before = last_month.replace(day=1) - datetime.timedelta(days=1)  # its history
    period, history = f"{last_month:%Y-%m}", f"{month_before:%Y-%m}"

    province = AdminUnit.objects.filter(level=UnitLevel.PROVINCE).valid_on(last_month).get()
    communes = list(
        AdminUnit.objects.filter(level=UnitLevel.COMMUNE, parent=province)
        .valid_on(last_month)
        .order_by("code")
    )
    agencies = []
    for number in range(1, options.agencies + 1):
        commune = communes[number - 1] if number <= len(communes) else None
        agencies.append(
            Agency(
                code=f"TAI-{number:03d}",
                name=(
                    f"Ủy ban nhân dân {commune.name}"
                    if commune
                    else f"Cơ quan báo cáo thử {number:03d}"
                ),
                kind=AgencyKind.PEOPLES_COMMITTEE if commune else AgencyKind.DEPARTMENT,
                unit=commune or province,
                source=SOURCE,
            )
        )
    agencies = Agency.objects.bulk_create(agencies)
    # One Argon2 hash for every reporter (same password): hashing 200 would take a minute.
    hashed = make_password(PASSWORD)
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"tai{number:03d}", password=hashed, is_active=True)
        for number in range(1, len(agencies) + 1)
    )
    Membership.objects.bulk_create(
        Membership(user=user, agency=agency, role=Role.REPORTER)
        for user, agency in zip(users, agencies, strict=True)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"tai_{agency.code[4:]}_{k}",
            name=f"Chỉ số thử {k} của {agency.name}",
            unit="triệu đồng",
            owner=agency,
            frequency=Frequency.MONTHLY,
            value_type=ValueType.NUMBER,
            aggregation=Aggregation.SUM,
            decimals=1,
            source=SOURCE,
        )
        for agency in agencies
        for k in range(1, options.indicators + 1)
    )
    # Last month's figures, approved, so the jump check has a history to compare with.
    # bulk_create writes no revision rows: generated data, as in bench/assess.py.
    before = {indicator.pk: round(rng.uniform(100, 10_000), 1) for indicator in indicators}
    Observation.objects.bulk_create(
        Observation(
            indicator=indicator,
            unit=indicator.owner.unit,
            period=history,
            value=Decimal(str(before[indicator.pk])),
            status=FigureStatus.ESTIMATE,
            state=WorkflowState.APPROVED,
            source=SOURCE,
            agency=indicator.owner,
        )
        for indicator in indicators
    )
    owed: dict[int, list] = {agency.pk: [] for agency in agencies}
    for indicator in indicators:
        owed[indicator.owner_id].append(indicator)
    reporting_round = open_round(
        title=f"Báo cáo tháng {last_month:%m/%Y} (thử tải)",
        period=period,
        deadline=today,
        owed=[Owed(agency=agency, indicators=owed[agency.pk]) for agency in agencies],
        user=command_user(None),
        note=SOURCE,
    )
    window = options.duration * options.arrival
    reporters = []
    for number, (user, agency) in enumerate(zip(users, agencies, strict=True), start=1):
        figures = [
            {
                "indicator": indicator.code,
                "unit": agency.unit.code,
                # Within ±10 % of last month: under the jump threshold, no comment needed.
                "value": round(before[indicator.pk] * rng.uniform(0.9, 1.1), 1),
            }
            for indicator in owed[agency.pk]
        ]
        reporters.append(
            {
                "username": user.username,
                "agency": agency.code,
                "address": f"127.1.{number // 250}.{number % 250 + 1}",
                "arrival": rng.uniform(0, window),
                "import": options.import_every > 0 and number % options.import_every == 0,
                "figures": figures,
            }
        )
    return {
        "round": reporting_round.pk,
        "period": period,
        "password": PASSWORD,
        "source": SOURCE,
        "reporters": reporters,
        "arrival_window": window,
    }


def reader_paths() -> dict[str, list[str]]:
    """The pages and API lists readers visit, by kind (the demo's published plans)."""
    from plantrack.plans.models import Indicator, Plan, Target

    # What an anonymous reader may see: the adopted plans, not drafts.
    visible = Plan.objects.for_user(None).order_by("code")
    plans = list(visible.values_list("code", flat=True))
    targets = list(Target.objects.current().filter(plan__in=visible).values_list("pk", flat=True))
    indicators = list(
        Indicator.objects.filter(targets__isnull=False)
        .distinct()
        .order_by("code")
        .values_list("code", flat=True)
    )
    return {
        "GET / (overview)": ["/", *(f"/?plan={code}" for code in plans)],
        "GET /targets/?plan=": [f"/targets/?plan={code}" for code in plans],
        "GET /targets/<id>/": [f"/targets/{pk}/" for pk in targets],
        "GET /indicators/<code>/": [f"/indicators/{code}/" for code in indicators],
        "GET /api/plans/": ["/api/plans/"],
        "GET /api/targets/?plan=": [f"/api/targets/?plan={code}" for code in plans],
        "GET /api/indicators/": ["/api/indicators/"],
        "GET /api/observations/?indicator=": [
            f"/api/observations/?indicator={code}" for code in indicators
        ],
    }


def start_server(folder: Path, workers: int) -> tuple[subprocess.Popen, str]:
    """Serve the database with gunicorn as docs/operations.md does; return it and its URL."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 -- our own command
        [
            str(BIN / "gunicorn"),
            "plantrack.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "300",
            "--error-logfile",
            str(folder / "gunicorn.log"),
        ],
        cwd=ROOT,
        stdout=(folder / "server.out").open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        if server.poll() is not None:
            sys.exit(f"gunicorn exited (code {server.returncode}); see {folder}/gunicorn.log")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server, base
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start listening in 30 s")


def warm_up(base: str, paths: dict[str, list[str]], workers: int) -> None:
    """Ask every kind of page a few times at once, untimed, so each worker has loaded its
    URLs, templates and translations: a server at a deadline has been up for days."""
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    def fetch(path: str) -> None:
        request = urllib.request.Request(  # noqa: S310 -- our own server, http
            base + path, headers={"X-Forwarded-Proto": "https"}
        )
        with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310 -- our server
            answer.read()

    firsts = [found[0] for found in paths.values() if found] * 2 * workers
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(fetch, firsts))


def time_alone(base: str, scenario: dict, repeat: int) -> dict[str, float]:
    """Return the median milliseconds of each kind of read, and of a login, asked one at a
    time before the load: what a request costs when it does not queue."""
    import statistics
    import urllib.request

    reporter = scenario["reporters"][-1]
    sent = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.3.0.1"}
    login = json.dumps({"username": reporter["username"], "password": scenario["password"]})

    def timed(path: str, data: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(  # noqa: S310 -- our own server, http
            base + path, data=data, headers={**sent, **(headers or {})}
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310
            body = answer.read()
        elapsed = (time.perf_counter() - started) * 1000
        return elapsed, body

    medians = {}
    for kind, paths in scenario["reader_paths"].items():
        if paths:
            times = [timed(paths[i % len(paths)])[0] for i in range(repeat)]
            medians[kind] = statistics.median(times)
    json_body = {"Content-Type": "application/json"}
    logins = [timed("/api/token/", login.encode(), json_body) for _ in range(repeat)]
    medians["POST /api/token/"] = statistics.median(t for t, _body in logins)
    token = json.loads(logins[-1][1])["token"]
    own = f"/api/observations/?agency={reporter['agency']}&period={scenario['period']}"
    times = [timed(own, headers={"Authorization": f"Token {token}"})[0] for _ in range(repeat)]
    medians["GET /api/observations/?agency="] = statistics.median(times)
    return medians


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float | None:
    """Return the CPU time of gunicorn and its workers so far (psutil comes with locust)."""
    try:
        import psutil
    except ImportError:
        return None
    master = psutil.Process(pid)
    processes = [master, *master.children(recursive=True)]
    return sum(sum(p.cpu_times()[:2]) for p in processes)


def check_figures(scenario: dict) -> dict:
    """Count the round's owed figures that ended submitted, and the round's progress."""
    from plantrack.observations.choices import WorkflowState
    from plantrack.observations.models import Observation, ReportingRound
    from plantrack.observations.rounds import round_progress

    owed = sum(len(reporter["figures"]) for reporter in scenario["reporters"])
    codes = [f["indicator"] for reporter in scenario["reporters"] for f in reporter["figures"]]
    submitted = Observation.objects.filter(
        indicator__code__in=codes,
        period=scenario["period"],
        state=WorkflowState.SUBMITTED,
        superseded_by__isnull=True,
    ).count()
    (progress,) = round_progress([ReportingRound.objects.get(pk=scenario["round"])])
    return {
        "owed": owed,
        "submitted": submitted,
        "missing": owed - submitted,
        "on_time": progress.on_time,
        "reported": progress.reported,
    }


def print_report(options, scenario, results, figures, alone, loads, cpu) -> None:
    load_before, load_after = loads
    rows = results["kinds"]
    width = max(len(row["name"]) for row in rows) + 1
    print()
    print(
        f"{'request':<{width}} {'count':>6} {'fail':>5} {'median':>7} {'p95':>7} "
        f"{'p99':>7} {'max':>7} {'alone':>7}"
    )
    for row in rows:
        single = f"{alone[row['name']]:.0f}" if row["name"] in alone else "–"
        print(
            f"{row['name']:<{width}} {row['count']:>6} {row['failures']:>5} "
            f"{row['median']:>7.0f} {row['p95']:>7.0f} {row['p99']:>7.0f} {row['max']:>7.0f} "
            f"{single:>7}"
        )
    total = results["total"]
    print(
        f"{'all':<{width}} {total['count']:>6} {total['failures']:>5} "
        f"{total['median']:>7.0f} {total['p95']:>7.0f} {total['p99']:>7.0f} {total['max']:>7.0f}"
    )
    rate = total["failures"] / total["count"] if total["count"] else 0.0
    print(
        f"(milliseconds; alone: the median of {options.alone} asked one at a time before the "
        f"load)\nerror rate: {rate:.2%} ({total['failures']} of {total['count']})"
    )
    for error in results["errors"]:
        print(f"  {error['occurrences']} × {error['method']} {error['name']}: {error['error']}")
    print()
    reporters = len(scenario["reporters"])
    print(
        f"reporters finished: {results['finished']} of {reporters}; figures submitted: "
        f"{figures['submitted']} of {figures['owed']} owed (round: {figures['reported']} "
        f"reported, {figures['on_time']} on time)"
    )
    hour = 3600 / scenario["arrival_window"] if scenario["arrival_window"] else 0
    print(
        f"configuration: gunicorn {options.workers} sync workers; {reporters} reporters "
        f"({options.indicators} figures each, one in {options.import_every} by CSV import) "
        f"arriving within {scenario['arrival_window']:.0f} s (the hour {hour:.0f}× faster), "
        f"{options.readers} readers, a page every {options.reader_wait.replace(',', '–')} s; "
        f"{options.duration} s "
        f"run; {results['rps']:.1f} requests/s"
    )
    during = results["load"]
    print(
        f"machine: {os.cpu_count()} cores; load average {load_before[0]:.2f} before, "
        f"{min(during, default=0):.2f}–{max(during, default=0):.2f} during, "
        f"{load_after[0]:.2f} after"
        + (
            f"; gunicorn CPU {cpu:.0f} s ({cpu * 1000 / total['count']:.0f} ms a request, "
            "the set-up's requests included)"
            if cpu is not None and total["count"]
            else ""
        )
    )


# --- the child: locust, in-process ----------------------------------------------------------


def drive(options) -> int:
    """Run the users against ``--url`` and print the statistics as JSON on the output."""
    # gevent first: locust needs the standard library patched before it is imported.
    from gevent import monkey

    monkey.patch_all()
    import gevent
    from locust import between, task
    from locust.contrib.fasthttp import FastHttpUser
    from locust.env import Environment

    scenario = json.loads(Path(options.drive).read_text(encoding="utf-8"))
    low, high = (float(x) for x in options.reader_wait.split(","))
    rng = random.Random(options.seed)  # noqa: S311 -- think times, not secrets
    queue = list(scenario["reporters"])
    finished = []
    broken: list[str] = []  # errors of a reporter's own code (a body that is not JSON, say)

    def headers(address: str, token: str | None = None) -> dict:
        # What nginx passes on (PLANTRACK_TRUSTED_PROXIES=1): the visitor's address, HTTPS.
        sent = {"X-Forwarded-For": address, "X-Forwarded-Proto": "https"}
        if token:
            sent["Authorization"] = f"Token {token}"
        return sent

    class Reporter(FastHttpUser):
        """One agency's reporter: arrives once, sends its figures, stays idle after."""

        host = options.url
        fixed_count = len(queue)
        wait_time = between(0, 0)

        def on_start(self):
            self.account = queue.pop(0)

        @task
        def report(self):
            try:
                self.visit(self.account)
            except Exception as error:  # not gevent's GreenletExit, which ends the run
                broken.append(f"{self.account['username']}: {error!r}"[:300])
            self.idle()  # even after an error: locust would run the task again

        def visit(self, account):
            gevent.sleep(account["arrival"])
            address = account["address"]
            with self.client.post(
                "/api/token/",
                json={"username": account["username"], "password": scenario["password"]},
                headers=headers(address),
                name="POST /api/token/",
                catch_response=True,
            ) as answer:
                if answer.status_code != 200:
                    answer.failure(f"{answer.status_code}: {answer.text[:200]}")
                    return
                token = answer.json()["token"]
            own = f"/api/observations/?agency={account['agency']}&period={scenario['period']}"
            self.client.get(
                own, headers=headers(address, token), name="GET /api/observations/?agency="
            )
            if account["import"]:
                self.send_file(account, address, token)
            else:
                for figure in account["figures"]:
                    gevent.sleep(rng.uniform(0.5, 2))  # typing the next figure (compressed)
                    self.send_one(figure, address, token)
            gevent.sleep(rng.uniform(1, 3))
            with self.client.get(
                own,
                headers=headers(address, token),
                name="GET /api/observations/?agency=",
                catch_response=True,
            ) as answer:
                rows = answer.json()["results"] if answer.status_code == 200 else []
                sent = sum(1 for row in rows if row["state"] == "submitted")
                if sent < len(account["figures"]):
                    answer.failure(f"{sent} of {len(account['figures'])} figures submitted")
                else:
                    finished.append(account["username"])

        def send_one(self, figure, address, token):
            body = {
                **figure,
                "period": scenario["period"],
                "source": scenario["source"],
                "submit": True,
            }
            with self.client.post(
                "/api/observations/",
                json=body,
                headers=headers(address, token),
                name="POST /api/observations/ (submit)",
                catch_response=True,
            ) as answer:
                if answer.status_code != 201 or answer.json().get("state") != "submitted":
                    answer.failure(f"{answer.status_code}: {answer.text[:200]}")

        def send_file(self, account, address, token):
            lines = ["indicator,unit,period,value,source"]
            for figure in account["figures"]:
                value = f"{figure['value']:.1f}".replace(".", ",")  # Vietnamese decimal comma
                lines.append(
                    f'{figure["indicator"]},{figure["unit"]},{scenario["period"]},"{value}",'
                    f'"{scenario["source"]}"'
                )
            boundary = "plantrack-load-" + secrets.token_hex(8)
            name = f"{account['agency']}.csv"
            body = (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
                "Content-Type: text/csv\r\n\r\n" + "\r\n".join(lines) + f"\r\n--{boundary}--\r\n"
            ).encode()
            sent = headers(address, token)
            sent["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            gevent.sleep(rng.uniform(2, 6))  # filling in the file's rows
            with self.client.post(
                "/api/imports/",
                data=body,
                headers=sent,
                name="POST /api/imports/ (CSV)",
                catch_response=True,
            ) as answer:
                if answer.status_code != 201:
                    answer.failure(f"{answer.status_code}: {answer.text[:300]}")

        def idle(self):
            gevent.sleep(options.duration + 60)  # one visit an agency: no second arrival

    paths = scenario["reader_paths"]
    kinds = [kind for kind in paths if paths[kind]]
    # How often a reader opens each kind of page: the overview and the figures most.
    weights = {
        "GET / (overview)": 4,
        "GET /targets/?plan=": 2,
        "GET /targets/<id>/": 4,
        "GET /indicators/<code>/": 4,
    }

    class Reader(FastHttpUser):
        """An anonymous reader of the published plans, the whole run long."""

        host = options.url
        fixed_count = options.readers
        wait_time = between(low, high)

        def on_start(self):
            self.address = f"127.2.{rng.randrange(250)}.{rng.randrange(1, 251)}"

        @task
        def read(self):
            kind = rng.choices(kinds, weights=[weights.get(k, 1) for k in kinds])[0]
            self.client.get(rng.choice(paths[kind]), headers=headers(self.address), name=kind)

    environment = Environment(user_classes=[Reporter, Reader])
    runner = environment.create_local_runner()
    load: list[float] = []

    def sample_load():
        while True:
            load.append(os.getloadavg()[0])
            gevent.sleep(5)

    sampler = gevent.spawn(sample_load)
    started = time.monotonic()
    runner.start(Reporter.fixed_count + Reader.fixed_count, spawn_rate=100)
    gevent.spawn_later(options.duration, runner.quit)
    runner.greenlet.join()
    elapsed = time.monotonic() - started
    sampler.kill()

    def summary(entry, name):
        return {
            "name": name,
            "count": entry.num_requests,
            "failures": entry.num_failures,
            "median": entry.median_response_time or 0,
            "p95": entry.get_response_time_percentile(0.95) or 0,
            "p99": entry.get_response_time_percentile(0.99) or 0,
            "max": entry.max_response_time or 0,
        }

    stats = environment.stats
    rows = [summary(entry, name) for (name, _method), entry in sorted(stats.entries.items())]
    results = {
        "kinds": rows,
        "total": summary(stats.total, "all"),
        "failures": stats.total.num_failures,
        "errors": [
            {
                "method": error.method,
                "name": error.name,
                "error": str(error.error)[:300],
                "occurrences": error.occurrences,
            }
            for error in stats.errors.values()
        ],
        "finished": len(finished),
        # Errors of the users' own code, not counted as requests.
        "exceptions": broken
        + [f"{error['count']} × {error['msg']}" for error in runner.exceptions.values()],
        "rps": stats.total.num_requests / elapsed if elapsed else 0.0,
        "load": load,
    }
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
