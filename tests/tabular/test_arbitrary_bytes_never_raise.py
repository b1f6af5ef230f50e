"""Whatever bytes a file holds, an import answers a report: written, or refused with named
problems; never an exception (a 500 in the API, a traceback on the command line). Bytes at
random, bytes behind a zip or OLE signature, and a real workbook or CSV with some of its
bytes changed (which reaches the zip, XML and CSV readers past their first check)."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plantrack.investment.services import import_projects
from plantrack.observations.imports import import_observations
from plantrack.workplan.services import import_tasks

pytestmark = pytest.mark.django_db


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["indicator", "unit", "period", "value", "source"])
    book.active.append(["grdp_growth", "04", "2024", 6.5, "Báo cáo"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


WORKBOOK = _workbook()
CSV = 'indicator,unit,period,value,source\ngrdp_growth,04,2024,"6,5",Báo cáo năm\n'.encode()


@st.composite
def damaged(draw, original: bytes) -> bytes:
    """``original`` with a few of its bytes changed, cut short, or both."""
    content = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        content[draw(st.integers(0, len(content) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        del content[draw(st.integers(1, len(content))) :]
    return bytes(content)


CONTENTS = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=500).map(lambda tail: b"PK\x03\x04" + tail),
    st.binary(max_size=500).map(lambda tail: b"\xd0\xcf\x11\xe0" + tail),
    damaged(WORKBOOK),
    damaged(CSV),
)
NAMES = st.sampled_from(["tep.csv", "tep.xlsx", "tep.json", "tep.xls", "tep.txt", "tep"])


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=CONTENTS, name=NAMES)
def test_any_bytes_give_a_report_never_an_exception(content, name, planner, grdp_growth):
    for service in (import_observations, import_tasks, import_projects):
        report = service(content, name, user=planner, dry_run=True)

        assert report.written is False  # a dry run
        assert all(problem.code and problem.message for problem in report.problems)
        if not report.errors:
            assert report.rows > 0  # accepted: it read something to write
