"""Time the validated import of a large file against the database's own bulk insert.

Run from the checkout (issue 4, item 9):

    DEBUG=1 .venv/bin/python bench/import.py [--keep] [--rows 1000000] [--xlsx-rows 100000]
                                             [--indicators 40] [--province 04] [--seed 2025]

It works in a throwaway database of the configured kind, never in the configured one:
SQLite (the default) gets a new temporary ``PLANTRACK_DATA_DIR``; with a PostgreSQL
``DATABASE_URL`` it creates ``<name>_import_bench`` beside ``<name>`` (dropping a leftover
one first). Both are removed at the end, with the generated files, unless ``--keep``.

What it builds, seeded so every run builds the same data:

- the real units of one province (Cao Bằng, ``04``, by default) with
  ``geo.services.load_units``: the figures are for the province, its districts and its
  communes as they were before 1 July 2025 (172 units for Cao Bằng), periods 2000–2024;
- ``--indicators`` generated indicators (default 40): a quarter annual, a quarter
  quarterly, half monthly; amounts, whole counts, percentages, growth rates and scores;
- a superuser who imports, approving what the file holds (``approve=True``), so the
  permission checks pass;
- a long-format CSV (UTF-8, Vietnamese number style "1.234,56"; whole counts such as
  "12.345" are ambiguous and take the style the file shows) of ``--rows`` values, one
  series after another, unit by unit: a random walk per series that stays within the jump
  threshold, except about one value in a thousand that jumps and carries a comment (a
  warning, not an error); one value in fifty carries a comment anyway;
- an XLSX of the first ``--xlsx-rows`` of the same values, laid out as Excel saves a file
  (shared strings, the sheet's dimension), numbers and years as number cells, unit codes as
  text.

Then, in the same run, it times:

(a) ``import_observations`` of the CSV: read, validate (every check), write the
    observations, their revision rows and the import record in one transaction;
(b) the same rows, their ids already resolved, inserted into the emptied observations
    table with the database's own bulk path: one ``executemany`` on SQLite, one ``COPY``
    on PostgreSQL, in one transaction; no revision rows, no checks;
(c) ``import_observations`` of the XLSX into the emptied tables.

The tables are emptied (and ``ANALYZE``d) before each timing, so each one starts from the
same empty state. Each runs in a forked child process, whose peak resident memory
(``wait4``'s ``ru_maxrss``) is printed with it: the import's own peak, which includes the
file's bytes (read in the child, as an upload holds them) and the process's Django, but not
the other parts. File generation and set-up are printed apart and are not part of the
ratio. Django's query log (on with DEBUG) is turned off after set-up. The goals: the import
at no less than a third of the bulk speed (ratio ≥ 0.33), the XLSX under 60 s, and the
1,000,000-row CSV import under 500 MB of peak memory (issue 14, point 3). The last lines are
``peak memory: N MB`` (the CSV import's process) and ``ratio import/bulk: N.NN`` (rows per
second of (a) over those of (b)).
"""

from __future__ import annotations

import argparse
import csv
import os
import pickle
import random
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from throwaway import use_throwaway_database

FIRST_YEAR, LAST_YEAR = 2000, 2024
SOURCE = "Cục Thống kê tỉnh (số liệu sinh ngẫu nhiên cho benchmark bench/import.py)"
COMMENT = "Số liệu đã đối chiếu với báo cáo của đơn vị (benchmark)"
JUMP_COMMENT = "Tăng đột biến do dự án mới đi vào hoạt động (benchmark)"
RETURN_COMMENT = "Trở lại mức bình thường sau kỳ tăng đột biến (benchmark)"
STATUSES = ("chính thức", "sơ bộ", "ước thực hiện")
COLUMNS = ("indicator", "unit", "period", "value", "breakdown", "status", "source", "comment")
_VI_SEPARATORS = str.maketrans(",.", ".,")


# --- the throwaway database -----------------------------------------------------------------


# --- the indicators and their series --------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """One generated indicator: how often it is reported and how its values move."""

    code: str
    frequency: str  # plans.choices.Frequency
    value_type: str  # plans.choices.ValueType
    kind: str  # amount, count, share, rate, score: how the series is drawn and written
    unit: str


# (kind, value type, unit of measure), cycled over the indicators.
KINDS = (
    ("amount", "number", "tỷ đồng"),
    ("count", "number", "người"),
    ("share", "percent", "%"),
    ("rate", "rate", "%"),
    ("amount", "number", "tấn"),
    ("score", "score", "điểm"),
)


def indicator_specs(count: int) -> list[Spec]:
    """Return ``count`` indicators: a quarter annual, a quarter quarterly, half monthly."""
    specs = []
    for number in range(count):
        share = number / count
        frequency = "annual" if share < 0.25 else "quarterly" if share < 0.5 else "monthly"
        kind, value_type, unit = KINDS[number % len(KINDS)]
        specs.append(Spec(f"bench_{number + 1:03d}", frequency, value_type, kind, unit))
    return specs


def periods(frequency: str) -> list[str]:
    """Return the periods of 2000–2024 at the frequency, in order."""
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    if frequency == "annual":
        return [str(year) for year in years]
    if frequency == "quarterly":
        return [f"{year}Q{quarter}" for year in years for quarter in range(1, 5)]
    return [f"{year}-{month:02d}" for year in years for month in range(1, 13)]


def generate(seed: int, specs: list[Spec], unit_codes: list[str], limit: int):
    """Yield ``limit`` rows (indicator, unit, period, value, status, comment), unit by unit.

    Each series is a seeded random walk that moves less than the jump check's thresholds
    (50 % for levels, 10 points for growth rates), but for about one value in a thousand
    that jumps and says why in its comment.
    """
    made = 0
    for unit_code in unit_codes:
        for spec in specs:
            rng = random.Random(f"{seed}:{unit_code}:{spec.code}")  # noqa: S311 -- benchmark data
            value = {
                "amount": rng.uniform(50, 5000),
                "count": rng.uniform(1000, 90000),
                "share": rng.uniform(30, 90),
                "rate": rng.uniform(3, 8),
                "score": rng.uniform(50, 70),
            }[spec.kind]
            returning = False  # a growth rate's jump lasts one period; its return is explained
            for number, period in enumerate(periods(spec.frequency)):
                comment = RETURN_COMMENT if returning else ""
                jump = rng.random() < 0.001 and not returning
                if spec.kind == "rate":
                    value = min(10.0, max(1.0, value + rng.gauss(0, 1)))
                    if jump:
                        value += 12
                elif spec.kind in ("share", "score"):
                    value = min(95.0, max(20.0, value + rng.gauss(0, 0.8)))
                    if jump and value < 60:
                        value *= 1.6
                else:
                    value *= 1 + rng.gauss(0.01, 0.03)
                    if jump:
                        value *= 1.8
                if jump:
                    comment = JUMP_COMMENT
                elif not comment and rng.random() < 0.02:
                    comment = COMMENT
                if spec.kind == "count":
                    shown = Decimal(round(value))
                else:
                    shown = Decimal(f"{value:.2f}")
                returning = jump and spec.kind == "rate"
                if returning:
                    value -= 12
                yield (
                    spec.code,
                    unit_code,
                    period,
                    shown,
                    STATUSES[number % len(STATUSES)],
                    comment,
                )
                made += 1
                if made == limit:
                    return
    if made < limit:
        sys.exit(f"--rows {limit}: only {made:,} rows fit; use more --indicators.")


def vi_number(value: Decimal) -> str:
    """Write a number as Vietnamese documents do: 1.234,56; 12.345."""
    if value == value.to_integral_value() and value.as_tuple().exponent >= 0:
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.2f}".translate(_VI_SEPARATORS)


def write_csv(path: Path, rows) -> int:
    """Write the rows as a long-format CSV (UTF-8, Vietnamese numbers); return how many."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for indicator, unit, period, value, status, comment in rows:
            writer.writerow(
                (indicator, unit, period, vi_number(value), "", status, SOURCE, comment)
            )
            count += 1
    return count


def write_xlsx(path: Path, rows) -> int:
    """Write the rows as a long-format workbook with typed cells; return how many.

    A normal (not write-only) workbook, so the file is laid out as Excel saves one: shared
    strings, and the sheet's dimension at its top (openpyxl's write-only mode writes neither,
    and reading such a file costs openpyxl a second pass over the sheet).
    """
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    sheet.append(COLUMNS)
    count = 0
    for indicator, unit, period, value, status, comment in rows:
        number = int(value) if value == value.to_integral_value() else float(value)
        cell_period = int(period) if period.isdigit() else period
        sheet.append((indicator, unit, cell_period, number, None, status, SOURCE, comment))
        count += 1
    workbook.save(path)
    return count


# --- set-up ---------------------------------------------------------------------------------


def set_up(args):
    """Load the units, create the indicators and the importing user; return what the run
    needs: (user, specs, unit codes, {indicator code: id}, {unit code: id})."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import Q

    from plantrack.geo.models import AdminUnit
    from plantrack.geo.services import load_units
    from plantrack.plans.models import Indicator

    load_units(args.province)
    # The units that lived through 2000–2024: the province and, before 1 July 2025, its
    # districts and their communes.
    province = Q(code=args.province, parent__isnull=True)
    units = AdminUnit.objects.filter(valid_from__isnull=True).filter(
        province | Q(parent__code=args.province) | Q(parent__parent__code=args.province)
    )
    unit_ids = dict(units.values_list("code", "pk"))
    specs = indicator_specs(args.indicators)
    with transaction.atomic():
        for spec in specs:
            Indicator.objects.create(
                code=spec.code,
                name=f"Chỉ số sinh ngẫu nhiên {spec.code} (benchmark)",
                unit=spec.unit,
                frequency=spec.frequency,
                value_type=spec.value_type,
                source=SOURCE,
            )
        user = get_user_model().objects.create_superuser(
            "bench", "bench@example.invalid", "not-a-real-password-bench"
        )
    indicator_ids = dict(Indicator.objects.values_list("code", "pk"))
    unit_codes = sorted(unit_ids, key=lambda code: (len(code), code))
    return user, specs, unit_codes, indicator_ids, unit_ids


# --- the timings ----------------------------------------------------------------------------


def empty_tables() -> None:
    """Delete every observation, revision and import record; refresh the statistics."""
    from django.db import connection, transaction

    from plantrack.observations.models import ImportBatch, Observation, ObservationRevision

    tables = [m._meta.db_table for m in (ObservationRevision, Observation, ImportBatch)]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 -- model table names
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def import_file(path: Path, user) -> tuple[float, dict]:
    """Import a file with every check, approving it; return (seconds, what the report says).

    Runs in the child process of ``in_child``: the file's bytes are read there too, as an
    upload holds them.
    """
    from plantrack.observations.imports import import_observations

    content = path.read_bytes()
    started = time.perf_counter()
    report = import_observations(content, path.name, user=user, approve=True)
    seconds = time.perf_counter() - started
    errors = report.errors
    if errors or not report.written:
        for problem in errors[:10]:
            print(f"  {problem.where()}: {problem.message}")
        sys.exit(f"{path.name}: refused with {len(errors):,} errors; the benchmark needs a "
                 "file that imports.")  # fmt: skip
    summary = {"rows": report.rows, "created": report.created, "warnings": len(report.warnings)}
    return seconds, summary


def in_child(work):
    """Return (what ``work()`` returns, the peak resident memory of its process in MB).

    ``work`` runs in a forked child, so the peak is its own: the parent's set-up and the
    other timed parts do not count in it (the child starts with the parent's pages, the
    footprint of a process that has Django loaded). The database connections are closed
    first: a child must open its own.
    """
    from django.db import connections

    connections.close_all()
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(reading)
        code = 0
        try:
            result = pickle.dumps(work())
        except SystemExit as stop:
            result, code = pickle.dumps(None), 1 if stop.code else 0
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr)
        except BaseException:
            traceback.print_exc()
            result, code = pickle.dumps(None), 1
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(result)
        sys.stdout.flush()
        os._exit(code)
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        data = pipe.read()
    _pid, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench/import.py: a timed part failed (see above).")
    return pickle.loads(data), usage.ru_maxrss / 1024  # noqa: S301 -- our own child's


def bulk_rows(rows, user, indicator_ids: dict, unit_ids: dict) -> list[tuple]:
    """Return the rows as the observations table stores them, ids resolved."""
    from django.utils import timezone

    from plantrack.observations.choices import WorkflowState

    now = timezone.now()
    statuses = {"chính thức": "official", "sơ bộ": "preliminary", "ước thực hiện": "estimate"}
    return [
        (
            indicator_ids[indicator],
            unit_ids[unit],
            period,
            "",
            value,
            statuses[status],
            WorkflowState.APPROVED.value,
            SOURCE,
            comment,
            True,
            user.pk,
            now,
            now,
            "",
            1,
        )
        for indicator, unit, period, value, status, comment in rows
    ]


BULK_COLUMNS = (
    "indicator_id",
    "unit_id",
    "period",
    "breakdown",
    "value",
    "status",
    "state",
    "source",
    "comment",
    "is_current",
    "created_by_id",
    "created_at",
    "updated_at",
    "review_note",
    "version",
)


def bulk_insert(rows: list[tuple]) -> float:
    """Insert the rows with the database's bulk path in one transaction; return seconds."""
    from django.db import connection, transaction

    from plantrack.observations.models import Observation

    table = Observation._meta.db_table
    columns = ", ".join(BULK_COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            adapt = connection.ops.adapt_datetimefield_value
            stamp = adapt(rows[0][11]) if rows else None
            marks = ", ".join(["?"] * len(BULK_COLUMNS))
            statement = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            cursor.cursor.executemany(
                statement, (row[:11] + (stamp, stamp) + row[13:] for row in rows)
            )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    parser.add_argument("--rows", type=int, default=1_000_000, help="CSV rows (default 1M)")
    parser.add_argument("--xlsx-rows", type=int, default=100_000, help="default 100,000")
    parser.add_argument("--indicators", type=int, default=40, help="default 40")
    parser.add_argument("--province", default="04", help="GSO code (default 04, Cao Bằng)")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    if args.rows < 1 or args.xlsx_rows < 1 or args.indicators < 4:
        parser.error("--rows and --xlsx-rows at least 1, --indicators at least 4")

    label, cleanup = use_throwaway_database(
        args.keep, suffix="import_bench", script="bench/import.py"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantrack.settings")
    # A million rows is some 60 MB of CSV: past the 20 MiB an office's import takes.
    os.environ.setdefault("PLANTRACK_IMPORT_MAX_BYTES", str(1 << 30))
    # The one user imports approving (four eyes would refuse it): allowed here, marked in the
    # revisions as self-approved, as an office that allows it would have them.
    os.environ.setdefault("PLANTRACK_ALLOW_SELF_APPROVAL", "1")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    folder = Path(tempfile.mkdtemp(prefix="plantrack-import-files-"))
    try:
        keeps = "kept" if args.keep else "removed at the end"
        print(f"database: {label} (throwaway, {keeps})")
        call_command("migrate", verbosity=0)
        # DEBUG keeps every query's SQL in memory; production does not. Turned off here
        # (the settings module needs DEBUG=1 for its development secret key).
        settings.DEBUG = False

        started = time.perf_counter()
        user, specs, unit_codes, indicator_ids, unit_ids = set_up(args)
        print(
            f"set-up: {len(unit_codes)} units of province {args.province} (2000–2024), "
            f"{len(specs)} indicators, in {time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        csv_path, xlsx_path = folder / "bench-import.csv", folder / "bench-import.xlsx"

        def write_files() -> tuple[int, int]:
            return (
                write_csv(csv_path, generate(args.seed, specs, unit_codes, args.rows)),
                write_xlsx(xlsx_path, generate(args.seed, specs, unit_codes, args.xlsx_rows)),
            )

        # In a child too: the workbook built in memory would stay in this process's pages
        # (freed, not given back), and every child's peak would start above it.
        (csv_rows, xlsx_rows), _files_peak = in_child(write_files)
        print(
            f"files: {csv_rows:,} rows in CSV ({csv_path.stat().st_size / 1e6:.0f} MB), "
            f"{xlsx_rows:,} rows in XLSX ({xlsx_path.stat().st_size / 1e6:.1f} MB), "
            f"written in {time.perf_counter() - started:.1f} s ({folder}, {keeps})"
        )

        # Other work on the machine slows the timings, not always alike: say how busy it was.
        print("load average before timing: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        empty_tables()
        (csv_time, report), csv_peak = in_child(lambda: import_file(csv_path, user))
        print(
            f"(a) import CSV: {report['rows']:,} rows ({report['created']:,} new, "
            f"{report['warnings']:,} warnings) in {csv_time:.1f} s: "
            f"{report['rows'] / csv_time:,.0f} rows/s; peak memory {csv_peak:,.0f} MB"
        )
        empty_tables()

        def insert_in_bulk() -> tuple[float, int]:
            rows = bulk_rows(
                generate(args.seed, specs, unit_codes, args.rows), user, indicator_ids, unit_ids
            )
            return bulk_insert(rows), len(rows)

        (bulk_time, bulk_count), bulk_peak = in_child(insert_in_bulk)
        bulk_path = "COPY" if _vendor() == "postgresql" else "executemany"
        print(
            f"(b) bulk insert ({bulk_path}): {bulk_count:,} rows in {bulk_time:.1f} s: "
            f"{bulk_count / bulk_time:,.0f} rows/s; peak memory {bulk_peak:,.0f} MB "
            "(the rows built as one list first)"
        )
        empty_tables()
        (xlsx_time, xlsx_report), xlsx_peak = in_child(lambda: import_file(xlsx_path, user))
        print(
            f"(c) import XLSX: {xlsx_report['rows']:,} rows ({xlsx_report['created']:,} new) "
            f"in {xlsx_time:.1f} s: {xlsx_report['rows'] / xlsx_time:,.0f} rows/s "
            f"(goal: under 60 s for 100,000 rows); peak memory {xlsx_peak:,.0f} MB"
        )
        print("load average after timing: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        print(
            f"peak memory: {csv_peak:,.0f} MB (a), the CSV import's own process (goal: under 500)"
        )
        ratio = (report["rows"] / csv_time) / (bulk_count / bulk_time)
        print(f"ratio import/bulk: {ratio:.2f}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        cleanup()


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main()
