"""Export projects to XLSX and CSV in the importer's layout, so the file imports again as is.

One row a project, with Vietnamese headers the project importer (``investment.importing``)
reads back: the locations by unit code, the total investment in đồng (the header says so),
the capital sources and kind and status as Vietnamese labels, the years as "2024-2027", and
"Thông tin minh họa". An XLSX file adds a sheet "Vốn theo năm" (planned, allocated,
disbursed, the derived disbursement rate), for reading: the importer skips it, yearly capital
is written through the API. The cells are written by ``workplan.export.write_table``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils.translation import override

from plantrack.investment.choices import CapitalSourceKind, PipelineStatus, ProjectKind
from plantrack.investment.models import CapitalSource, ProjectFinance, ProjectLocation
from plantrack.tabular.writers import Sheet, illustrative_text, vietnamese_label, write_table

PROJECT_HEADERS = [
    "Mã",
    "Tên dự án",
    "Ngành, lĩnh vực",
    "Hình thức đầu tư",
    "Quy hoạch, kế hoạch (mã)",
    "Địa điểm",
    "Tên địa điểm",
    "Chủ đầu tư, nhà đầu tư",
    "Cơ quan chủ trì",
    "Tổng mức đầu tư (đồng)",
    "Nguồn vốn",
    "Thời gian thực hiện",
    "Tình trạng",
    "Nguồn",
    "Ghi chú",
    "Thông tin minh họa (không có trong văn bản công bố, bản minh họa gán)",
]
PROJECT_WIDTHS = (10, 60, 18, 22, 18, 16, 30, 30, 12, 20, 36, 14, 22, 40, 40, 36)
FINANCE_HEADERS = [
    "Mã dự án",
    "Năm",
    "Kế hoạch vốn (đồng)",
    "Vốn đã giao (đồng)",
    "Đã giải ngân (đồng)",
    "Tỷ lệ giải ngân (%)",
    "Số liệu đến ngày",
    "Nguồn",
]
FINANCE_WIDTHS = (12, 8, 20, 20, 20, 14, 14, 40)


def select_projects(projects):
    """Return ``projects`` ready to export, relations read in a fixed number of queries."""
    return (
        projects.select_related("lead_agency", "plan")
        .prefetch_related(
            Prefetch(
                "locations",
                queryset=ProjectLocation.objects.select_related("unit").order_by("unit__code"),
            ),
            Prefetch("capital_sources", queryset=CapitalSource.objects.order_by("kind")),
            Prefetch("finances", queryset=ProjectFinance.objects.order_by("year")),
        )
        .order_by("code")
    )


def years_text(start: int | None, end: int | None) -> str:
    """Return the years as the importer reads them: "2024-2027", "2025", "2024-", "-2027"."""
    if start is None and end is None:
        return ""
    if start == end:
        return str(start)
    return f"{start or ''}-{end or ''}"


def project_rows(projects) -> Iterable[list]:
    for project in projects:
        locations = list(project.locations.all())
        yield [
            project.code,
            project.name,
            project.sector,
            vietnamese_label(ProjectKind, project.kind),
            project.plan.code if project.plan else None,
            "; ".join(location.unit.code for location in locations),
            "; ".join(location.unit.name for location in locations),
            project.investor,
            project.lead_agency.code if project.lead_agency else None,
            project.total_investment,
            "; ".join(
                vietnamese_label(CapitalSourceKind, source.kind)
                for source in project.capital_sources.all()
            ),
            years_text(project.start_year, project.end_year),
            vietnamese_label(PipelineStatus, project.status),
            project.source,
            project.note,
            illustrative_text(project),
        ]


def finance_rows(projects) -> Iterable[list]:
    for project in projects:
        for finance in project.finances.all():
            rate = finance.disbursement_rate
            yield [
                project.code,
                finance.year,
                finance.planned,
                finance.allocated,
                finance.disbursed,
                None if rate is None else round(rate, 2),
                finance.as_of,
                finance.source,
            ]


def export_projects(projects, file_format: str, out) -> int:
    """Write ``projects`` (a Project queryset the user may see) to ``out``; return how many.

    XLSX adds the sheet of yearly capital; CSV holds the projects only.
    """
    selected = list(select_projects(projects))
    with override("vi"):
        sheets = [
            Sheet("Dự án", PROJECT_HEADERS, project_rows(selected), PROJECT_WIDTHS),
            Sheet("Vốn theo năm", FINANCE_HEADERS, finance_rows(selected), FINANCE_WIDTHS),
        ]
        return write_table(sheets, file_format, out)


def export_projects_bytes(projects, file_format: str) -> bytes:
    buffer = io.BytesIO()
    export_projects(projects, file_format, buffer)
    return buffer.getvalue()
