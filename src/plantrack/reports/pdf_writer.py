"""The report in PDF (WeasyPrint, on Pango), from the same content as the Word document,
laid out by ``evaluation.html`` and ``evaluation.css`` (the office may replace either)."""

from __future__ import annotations

import base64
from typing import Any, BinaryIO

from django.template import engines

from plantrack.reports.charts import chart_png
from plantrack.reports.content import ReportContent
from plantrack.reports.outline import template_path


def report_html(content: ReportContent) -> str:
    """Return the report as HTML (what WeasyPrint lays out)."""
    template = engines["django"].from_string(
        template_path("evaluation.html").read_text(encoding="utf-8")
    )
    o = content.outline
    charts = [
        {
            "caption": chart.caption,
            "uri": "data:image/png;base64,"
            + base64.b64encode(chart_png(chart, content.language)).decode(),
        }
        for chart in content.charts
    ]
    context: dict[str, Any] = {
        "c": content,
        "t": o.texts,
        "charts": charts,
        "year_rows": [
            [f"{line.number}. {line.indicator}", *(line.by_year.get(y, "") for y in content.years)]
            for line in content.targets
            if line.by_year
        ],
        "others": [
            [f"{line.number}. {line.phrase}", plan, phrase]
            for line in content.targets
            for plan, phrase in line.others
        ],
        "appendix": appendix_groups(content),
        "source_label": o.text("projects.source_label", source="").strip(),
        "factors_none": o.text("factors.none", as_of=f"{content.as_of:%d/%m/%Y}"),
    }
    return template.render(context)


def appendix_groups(content: ReportContent) -> list[dict[str, Any]]:
    """The appendix as one paragraph an indicator and source document, each figure with its
    [n], period, value, status and vintage: as traceable as a row a figure, and a
    paragraph a group lays out far faster than a table of thousands of rows."""
    source_word = content.outline.columns("appendix.columns")[-1]
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for f in content.figures:
        citation = f.source.citation()
        group = groups.setdefault(
            (f.indicator, citation),
            {
                "indicator": f.indicator,
                "citation": citation,
                "items": [],
                "source_word": source_word,
            },
        )
        value = f"{f.value} {f.unit}".strip()
        group["items"].append(f"[{f.number}] {f.period}: {value} ({f.status_word}; {f.vintage})")
    return list(groups.values())


def write_pdf(content: ReportContent, out: BinaryIO) -> None:
    """Write the report in PDF to ``out``."""
    from weasyprint import CSS, HTML

    css = CSS(string=template_path("evaluation.css").read_text(encoding="utf-8"))
    HTML(string=report_html(content)).write_pdf(out, stylesheets=[css])
