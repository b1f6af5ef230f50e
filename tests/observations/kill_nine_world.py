"""The world of ``test_import_survives_kill_9.py``, run as its own process (not a test).

``python kill_nine_world.py build FILE ROWS``: in the database the environment names (a
throwaway one: the test's ``PLANTRACK_DATA_DIR`` or ``DATABASE_URL``), create the tables,
two importing users (``nhap-truoc`` and ``nhap-lieu``), one province with 199 communes, 60
annual indicators (2000–2024) and an earlier import of ``CHANGED`` of the file's figures
with other values; write the long-layout CSV of ``ROWS``
figures to ``FILE`` (unit by unit, indicator by indicator, year by year), of which the
first ``CHANGED`` change a figure already stored and the others are new; then print the
state, as ``state FILE full`` does.

``python kill_nine_world.py state FILE [full]``: print, as JSON, what the test compares and
asserts: the row count of every table, a digest of the figures, revisions and import
records, the database's own integrity check, the project's invariants that are broken (a
list, empty when sound) and how many of the file's figures are stored as current.
"""

import csv
import hashlib
import json
import os
import sys
from decimal import Decimal

UNITS = 200  # the province and 199 communes
YEARS = range(2000, 2025)
INDICATORS = 60  # × 200 units × 25 years = 300,000 figures at most
CHANGED = 50  # figures of the file already stored, with another value
SOURCE = "Cục Thống kê tỉnh (số liệu sinh cho kiểm thử kill -9)"


def unit_codes() -> list[str]:
    return ["04", *[f"04{number:03d}" for number in range(1, UNITS)]]


def indicator_codes() -> list[str]:
    return [f"kill_nine_{number:02d}" for number in range(1, INDICATORS + 1)]


def figures(rows: int):
    """Yield (indicator, unit, year, value) for ``rows`` figures; a value grows 1 % a year,
    so no jump needs a comment."""
    made = 0
    for unit_number, unit in enumerate(unit_codes()):
        for indicator_number, indicator in enumerate(indicator_codes()):
            base = Decimal(100 + (unit_number * 7 + indicator_number * 13) % 900)
            for offset, year in enumerate(YEARS):
                yield (
                    indicator,
                    unit,
                    str(year),
                    (base * (100 + offset) / 100).quantize(Decimal("0.01")),
                )
                made += 1
                if made == rows:
                    return
    raise SystemExit(f"{rows} rows asked, {made} fit")


def write_csv(path: str, rows: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("indicator", "unit", "period", "value", "status", "source"))
        for indicator, unit, year, value in figures(rows):
            writer.writerow((indicator, unit, year, f"{value:.2f}", "estimate", SOURCE))


def build(path: str, rows: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from plantrack.accounts.choices import AgencyKind
    from plantrack.accounts.models import Agency
    from plantrack.geo.choices import UnitLevel
    from plantrack.geo.models import AdminUnit
    from plantrack.observations.imports import import_observations
    from plantrack.plans.models import Indicator

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        agency = Agency.objects.create(
            code="CTK", name="Cục Thống kê tỉnh", kind=AgencyKind.DEPARTMENT
        )
        codes = unit_codes()
        province = AdminUnit.objects.create(
            code=codes[0], name="Tỉnh Cao Bằng", level=UnitLevel.PROVINCE
        )
        AdminUnit.objects.bulk_create(
            AdminUnit(code=code, name=f"Xã thử {code}", level=UnitLevel.COMMUNE, parent=province)
            for code in codes[1:]
        )
        Indicator.objects.bulk_create(
            Indicator(code=code, name=f"Chỉ số thử {code}", unit="tỷ đồng", owner=agency)
            for code in indicator_codes()
        )
        user = get_user_model().objects.create_superuser(
            "nhap-truoc", "nhap-truoc@example.invalid", "not-a-real-password"
        )
        # Who runs the killed import (``--user``), so that it is the only writer.
        get_user_model().objects.create_superuser(
            "nhap-lieu", "nhap-lieu@example.invalid", "not-a-real-password"
        )
    # The first figures of the file, stored before with other values: the file changes them.
    lines = ["indicator,unit,period,value,status,source"]
    for indicator, unit, year, value in figures(CHANGED):
        lines.append(f"{indicator},{unit},{year},{value + 1:.2f},estimate,{SOURCE}")
    earlier = import_observations("\n".join(lines).encode(), "truoc.csv", user=user, locale="en")
    assert earlier.written and earlier.created == CHANGED, earlier.as_dict()
    write_csv(path, rows)


def digest(queryset, *fields) -> str:
    hashed = hashlib.sha256()
    for row in queryset.order_by("pk").values_list(*fields):
        hashed.update(repr(tuple(_plain(value) for value in row)).encode())
    return hashed.hexdigest()


def _plain(value):
    return format(value.normalize(), "f") if isinstance(value, Decimal) else value


def integrity() -> list[str]:
    """The database's own check: SQLite's integrity and foreign-key checks; on PostgreSQL
    amcheck's verification of every B-tree index of the schema against its table."""
    from django.db import connection

    problems = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA integrity_check")
            result = [row[0] for row in cursor.fetchall()]
            if result != ["ok"]:
                problems += result
            cursor.execute("PRAGMA foreign_key_check")
            problems += [f"foreign key: {row}" for row in cursor.fetchall()]
        else:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
            cursor.execute(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE a.amname = 'btree' AND n.nspname = 'public'"
            )
            indexes = [row[0] for row in cursor.fetchall()]
            for name in indexes:
                try:
                    cursor.execute("SELECT bt_index_check(%s::regclass, true)", [name])
                except Exception as error:  # noqa: BLE001 -- reported, then asserted empty
                    problems.append(f"{name}: {error}")
            if not indexes:
                problems.append("no index found to check")
    try:
        connection.check_constraints()
    except Exception as error:  # noqa: BLE001
        problems.append(f"check_constraints: {error}")
    return problems


def invariants() -> list[str]:
    """The project's rules over figures, revisions and import records; the broken ones."""
    from django.db.models import Count, F, Q

    from plantrack.observations.choices import RevisionAction
    from plantrack.observations.models import ImportBatch, Observation

    broken = []
    key = ("indicator_id", "unit_id", "period", "breakdown")
    per_key = Observation.objects.values(*key).annotate(
        current=Count("pk", filter=Q(is_current=True))
    )
    not_one = per_key.exclude(current=1)
    if not_one.exists():
        broken.append(f"keys without exactly one current figure: {list(not_one[:5])}")
    # Every change of a figure is a revision: the first CREATED, one per version.
    history = Observation.objects.annotate(
        revision_count=Count("revisions"),
        created=Count("revisions", filter=Q(revisions__action=RevisionAction.CREATED)),
    )
    wrong = history.exclude(revision_count=F("version"), created=1)
    if wrong.exists():
        broken.append(
            f"figures whose history does not match their version: "
            f"{list(wrong.values_list('pk', 'version', 'revision_count', 'created')[:5])}"
        )
    superseded_current = Observation.objects.filter(superseded_by__isnull=False, is_current=True)
    if superseded_current.exists():
        broken.append(f"superseded figures still current: {list(superseded_current[:5])}")
    for batch in ImportBatch.objects.annotate(figures=Count("observations")):
        if batch.figures != batch.created_count:
            broken.append(f"batch {batch.pk}: {batch.figures} figures, {batch.created_count} new")
        counted = batch.created_count + batch.changed_count + batch.unchanged_count
        if counted != batch.rows:
            broken.append(f"batch {batch.pk}: {counted} counted of {batch.rows} rows")
    return broken


def stored_from_file(path: str) -> dict[str, int]:
    """How many figures of the file are stored as current, with the file's value."""
    from plantrack.geo.models import AdminUnit
    from plantrack.observations.models import Observation
    from plantrack.plans.models import Indicator

    indicators = dict(Indicator.objects.values_list("pk", "code"))
    units = dict(AdminUnit.objects.values_list("pk", "code"))
    current = {
        (indicators[indicator], units[unit], period): value
        for indicator, unit, period, value in Observation.objects.filter(
            is_current=True
        ).values_list("indicator_id", "unit_id", "period", "value")
    }
    rows = same = 0
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows += 1
            stored = current.get((row["indicator"], row["unit"], row["period"]))
            same += stored is not None and stored == Decimal(row["value"])
    return {"rows": rows, "stored": same}


def state(path: str, *, full: bool) -> dict:
    """What the test asserts; ``full`` adds the digests and the database's integrity check
    (before the import and after the kill, when the tables are small)."""
    from django.apps import apps

    found = {
        "counts": {
            model._meta.label_lower: model._default_manager.count() for model in apps.get_models()
        },
        "broken": invariants(),
        "file": stored_from_file(path),
    }
    if full:
        found |= digests() | {"integrity": integrity()}
    return found


def digests() -> dict[str, str]:
    from plantrack.observations.models import ImportBatch, Observation, ObservationRevision

    return {
        "figures": digest(
            Observation.objects,
            "pk",
            "indicator_id",
            "unit_id",
            "period",
            "breakdown",
            "value",
            "status",
            "state",
            "source",
            "is_current",
            "supersedes_id",
            "version",
            "import_batch_id",
        ),
        "revisions": digest(
            ObservationRevision.objects, "pk", "observation_id", "action", "new_value", "changes"
        ),
        "batches": digest(ImportBatch.objects, "pk", "rows", "created_count", "changed_count"),
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantrack.settings")
    import django

    django.setup()
    command, path, *rest = sys.argv[1:]
    if command == "build":
        build(path, int(rest[0]))
        print(json.dumps(state(path, full=True)))
    else:
        print(json.dumps(state(path, full=rest == ["full"])))
