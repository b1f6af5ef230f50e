"""The machine-readable package that accompanies the report's publication on the national
planning information system (Luật Quy hoạch 112/2025/QH15, Điều 49 khoản 5): a ZIP with
``report.json`` (the report's identity, every target with its assessment, the figures with
their vintages and sources) and ``targets.csv`` and ``figures.csv`` (the same tables)."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any, BinaryIO

from plantrack.reports.content import ReportContent
from plantrack.reports.xlsx_writer import report_sheets
from plantrack.tabular.writers import ExportFormat, write_table

# A fixed time for every member, so the same content gives the same ZIP.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
SCHEMA = "plantrack-evaluation-report/1"


def package_data(content: ReportContent) -> dict[str, Any]:
    """Return report.json's data."""
    return {
        "schema": SCHEMA,
        "plan": content.plan_code,
        "title": content.head["subtitle"],
        "as_of": content.as_of.isoformat(),
        "kind": str(content.kind),
        "year": content.year,
        "language": content.language,
        "legal_basis": "Luật Quy hoạch 112/2025/QH15, Điều 49 khoản 4",
        "targets": [
            {
                "number": line.number,
                "section": line.section,
                "phrase": line.phrase,
                "indicator": line.indicator,
                "unit": line.unit,
                "baseline": line.baseline,
                "target": line.goal,
                "by_year": {str(year): text for year, text in line.by_year.items()},
                "latest": line.latest,
                "latest_status": line.latest_status,
                "status": line.status,
                "status_label": line.status_label,
                "actual_vs_required": line.actual_vs_required,
                "required_remaining": line.remaining,
                "explanation": line.explanation,
                "figures": line.refs,
            }
            for line in content.targets
        ],
        "figures": [
            {
                "ref": f.number,
                "observation": f.observation_id,
                "version": f.version,
                "indicator": f.indicator,
                "period": f.period,
                "value": f.value,
                "unit": f.unit,
                "status": f.status,
                "vintage": f.vintage,
                "published_on": f.published_on or None,
                "source": {
                    "title": f.source.title,
                    "issuer": f.source.issuer,
                    "date": f.source.date,
                    "link": f.source.link,
                },
            }
            for f in content.figures
        ],
        "digest": content.digest(),
    }


def write_package(content: ReportContent, out: BinaryIO) -> None:
    """Write the publication package (a ZIP) to ``out``."""
    sheets = report_sheets(content)
    members: dict[str, bytes] = {
        "report.json": json.dumps(package_data(content), ensure_ascii=False, indent=2).encode(),
    }
    for name, sheet in (("targets.csv", sheets[0]), ("figures.csv", sheets[4])):
        buffer = io.BytesIO()
        write_table([sheet], ExportFormat.CSV, buffer)
        members[name] = buffer.getvalue()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_TIME), data)
