"""Figures, tasks and projects go through one pipeline: each written file leaves one import
record (who, which file, what kind, how many new, changed and unchanged); a dry run and a
refused file leave none, and the record of a second import counts the rows as unchanged."""

import pytest

from plantrack.investment.services import import_projects
from plantrack.observations.choices import ImportKind
from plantrack.observations.imports import import_observations
from plantrack.observations.models import ImportBatch
from plantrack.workplan.services import import_tasks

pytestmark = pytest.mark.django_db

TASKS = (
    "Mã,Nhiệm vụ,Cơ quan chủ trì,Thời hạn\n"
    "NV-1,Lập kế hoạch thực hiện quy hoạch,SCT,Quý II/2025\n"
    "NV-2,Rà soát danh mục dự án,SCT,2026\n"
).encode()
PROJECTS = (
    "Mã,Tên dự án,Hình thức đầu tư,Tổng mức đầu tư (tỷ đồng)\n"
    'DA-1,Đường cao tốc Đồng Đăng – Trà Lĩnh,PPP,"14.331"\n'
)
FIGURES = 'indicator,unit,period,value\nGRDP_GROWTH,04,2024,"6,5"\n'


def _imports(planner, grdp_growth):
    return {
        ImportKind.TASKS: lambda **kw: import_tasks(TASKS, "nhiem-vu.csv", user=planner, **kw),
        ImportKind.PROJECTS: lambda **kw: import_projects(
            PROJECTS.encode(), "du-an.csv", user=planner, locale="vi", **kw
        ),
        ImportKind.FIGURES: lambda **kw: import_observations(
            FIGURES.replace("GRDP_GROWTH", grdp_growth.code).encode(),
            "so-lieu.csv",
            user=planner,
            **kw,
        ),
    }


@pytest.mark.parametrize("kind", list(ImportKind))
def test_a_written_file_leaves_one_record_of_its_kind(
    kind, planner, industry, province, grdp_growth
):
    run = _imports(planner, grdp_growth)[kind]

    dry = run(dry_run=True)
    assert dry.errors == [] and not dry.written
    assert not ImportBatch.objects.exists()

    first = run()
    again = run()

    assert first.written and again.written
    records = list(ImportBatch.objects.order_by("pk"))
    assert [(r.kind, r.user, r.checksum) for r in records] == [
        (kind, planner, first.checksum),
        (kind, planner, first.checksum),
    ]
    assert (records[0].created_count, records[0].changed_count) == (first.created, 0)
    assert first.created == first.rows > 0
    assert (records[1].created_count, records[1].unchanged_count) == (0, first.rows)
    assert again.batch == records[1]


@pytest.mark.parametrize("kind", list(ImportKind))
def test_a_refused_file_leaves_no_record(kind, planner, industry, province, grdp_growth):
    broken = {
        ImportKind.TASKS: lambda: import_tasks(
            b"Ma,Nhiem vu,Thoi han\nNV-1,X,Quy V/2025\n", "x.csv", user=planner
        ),
        ImportKind.PROJECTS: lambda: import_projects(
            "Mã,Tên dự án,Hình thức đầu tư,Tổng mức đầu tư (tỷ đồng)\nDA-1,X,PPP,nhiều\n".encode(),
            "x.csv",
            user=planner,
        ),
        ImportKind.FIGURES: lambda: import_observations(
            b"indicator,unit,period,value\nKHONG_CO,04,2024,1\n", "x.csv", user=planner
        ),
    }[kind]

    report = broken()

    assert report.errors and not report.written and report.batch is None
    assert not ImportBatch.objects.exists()
