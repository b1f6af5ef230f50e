"""Helpers of the report tests: build a report and read its files back."""

import datetime
import io
import json
import zipfile
from dataclasses import dataclass

from docx import Document

from plantrack.plans.models import Plan
from plantrack.reports.models import ReportRun
from plantrack.reports.services import generate_report

PLAN = "QH-CB-2021-2030"
MID_2024 = datetime.date(2024, 6, 30)


@dataclass
class Built:
    run: ReportRun
    files: dict[str, bytes]

    def docx_text(self) -> str:
        return docx_text(self.files["docx"])

    def package(self) -> dict:
        with zipfile.ZipFile(io.BytesIO(self.files["package"])) as archive:
            return json.loads(archive.read("report.json"))


def docx_text(data: bytes) -> str:
    """Every paragraph and every table cell of a DOCX, in document order, one a line."""
    document = Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def build(plan: Plan, as_of: datetime.date, formats, **options) -> Built:
    run = generate_report(plan, user=None, as_of=as_of, formats=formats, **options)
    assert run.state == "done", run.error
    files = {}
    for report_file in run.files.all():
        with report_file.file.open("rb") as stream:
            files[report_file.format] = stream.read()
    return Built(run, files)
