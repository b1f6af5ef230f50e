"""A file of figures is read, checked and written a chunk at a time, and still as one.

The rows are read from the file as they are checked, never held all at once; those that
pass wait on disk in chunks of ``PLANTRACK_IMPORT_CHUNK_ROWS``. A tiny chunk here makes a
small file span many chunks: a duplicate or a jump across chunks is still found, an error
in the last chunk still writes nothing, and a dry run that writes every chunk leaves nothing.
"""

import gc

import pytest

from plantrack.accounts.choices import Role
from plantrack.accounts.permissions import Permissions
from plantrack.observations import validation
from plantrack.observations.importing import read_file
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation
from plantrack.observations.validation import check_file
from plantrack.tabular.readers import SourceRow

pytestmark = pytest.mark.django_db

HEADER = ("indicator", "unit", "period", "value", "comment")
# Trade turnover of the province, 2000–2009 (the demo holds later years): 600, 610, … 690,
# each within the jump threshold of the year before.
YEARS = [
    ("trade_turnover", "04", str(year), str(600 + 10 * n), "")
    for n, year in enumerate(range(2000, 2010))
]


@pytest.fixture
def planner(demo_member):
    return demo_member("phuong", Role.PLANNER, "STC")


@pytest.fixture
def chunk(settings):
    settings.PLANTRACK_IMPORT_CHUNK_ROWS = 3
    return 3


def run(csv_file, planner, rows, **options):
    return import_observations(csv_file(rows, HEADER), "tung-phan.csv", user=planner, **options)


def test_rows_are_read_as_they_are_asked_for(demo, csv_file):
    # The file's last line is damaged: a reader that read the whole file first would stop
    # there before giving a row.
    content = csv_file(YEARS, HEADER) + b'trade_turnover,04,2010,"700\r\n'

    rows = iter(read_file(content, "tung-phan.csv").rows)
    first = next(rows)

    assert (first.row, first.cells["period"], first.cells["value"]) == (2, "2000", "600")


def test_the_checks_hold_a_row_at_a_time(demo, csv_file, planner, chunk):
    read = read_file(csv_file(YEARS, HEADER), "tung-phan.csv")
    alive = []

    def count_rows(row):
        alive.append(sum(type(thing) is SourceRow for thing in gc.get_objects()))

    checked = check_file(
        read,
        "tung-phan.csv",
        declared="vi",
        permissions=Permissions.of(planner),
        row_check=count_rows,
    )

    assert len(alive) == len(YEARS)
    assert max(alive) <= 2  # the row being checked, and perhaps the one before it
    assert [len(rows) for rows in checked.rows.chunks()] == [3, 3, 3, 1]
    assert [record[2] for record in checked.rows] == [row[2] for row in YEARS]
    checked.close()


def test_every_chunk_is_written_new_changed_and_unchanged(demo, csv_file, planner, chunk):
    # The demo's 2024 trade turnover (946,462) sent again, and changed for 2023: the rows are
    # compared with the stored figures a chunk at a time.
    stored = Observation.objects.current().get(
        indicator__code="trade_turnover", unit__code="04", period="2024"
    )
    rows = [*YEARS, ("trade_turnover", "04", "2024", str(stored.value), "")]

    report = run(csv_file, planner, rows, locale="vi")

    assert report.written and report.errors == []
    assert (report.rows, report.created, report.changed, report.unchanged) == (11, 10, 0, 1)
    assert report.batch.rows == 11
    written = Observation.objects.filter(import_batch=report.batch).order_by("period")
    assert [(o.period, o.value) for o in written] == [(r[2], int(r[3])) for r in YEARS]
    assert all(o.revisions.count() == 1 for o in written)


def test_a_duplicate_in_a_later_chunk_is_found(demo, csv_file, planner, chunk, tables):
    before = tables()
    rows = [*YEARS, YEARS[1]]  # 2001 again, three chunks later

    report = run(csv_file, planner, rows, locale="vi")

    assert [(p.code, p.row, p.message) for p in report.errors] == [
        ("duplicate_row", 12, "Giá trị này đã có ở dòng 3 của tệp.")
    ]
    assert tables() == before


def test_an_error_in_the_last_chunk_writes_nothing(demo, csv_file, planner, chunk, tables):
    before = tables()
    rows = [*YEARS, ("trade_turnover", "không-có", "2010", "700", "")]

    report = run(csv_file, planner, rows, locale="vi")

    assert [(p.code, p.row) for p in report.errors] == [("unknown_unit", 12)]
    assert not report.written and report.batch is None
    assert tables() == before


def test_a_jump_from_a_row_of_an_earlier_chunk_refuses_the_file(
    demo, csv_file, planner, chunk, tables
):
    before = tables()
    rows = [*YEARS, ("trade_turnover", "04", "2010", "2000", "")]  # 690 → 2.000

    report = run(csv_file, planner, rows, locale="vi")

    (problem,) = report.errors
    assert (problem.code, problem.row, problem.value) == ("needs_comment", 12, "2000")
    assert problem.message.startswith("Giá trị 2.000 thay đổi 190 % so với 690 của kỳ 2009")
    assert tables() == before


def test_a_dry_run_writes_every_chunk_and_keeps_none(demo, csv_file, planner, chunk, tables):
    before = tables()

    report = run(csv_file, planner, YEARS, locale="vi", dry_run=True)

    assert (report.rows, report.created) == (10, 10)
    assert not report.written
    assert tables() == before


def test_numbers_are_read_again_in_the_style_shown_late(
    demo, csv_file, planner, chunk, monkeypatch
):
    # "1.234" is ambiguous; the file shows its Vietnamese style only in its last row, past
    # the rows looked at before the checks: the rows are checked again in that style.
    monkeypatch.setattr(validation, "STYLE_LOOKAHEAD_ROWS", 2)
    rows = [("trade_turnover", "04", str(year), "1.234", "") for year in range(2000, 2008)] + [
        ("trade_turnover", "04", "2008", "1.234,5", "")
    ]

    report = run(csv_file, planner, rows)

    assert report.errors == []
    assert report.locale == "vi"
    written = Observation.objects.filter(import_batch=report.batch, period="2000").get()
    assert written.value == 1234
