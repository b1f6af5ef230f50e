"""The report as an editable Word document (python-docx), laid out as a Vietnamese
administrative document: A4, Times New Roman 14 (tables 12), the issuing body and the
national motto at the top, the signature block and the recipients at the end (the layout of
Nghị định 30/2020/NĐ-CP). The office restyles it in Word; the wording is the outline's."""

from __future__ import annotations

import io
import re
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from plantrack.reports.charts import chart_png
from plantrack.reports.content import ReportContent
from plantrack.reports.outline import template_path

# Not shipped: an office that wants its own Word styles puts a .docx of that name in
# PLANTRACK_REPORT_TEMPLATE_DIR (docs/report.md).
STYLE_TEMPLATE = "evaluation.docx"
FONT = "Times New Roman"
BODY_SIZE = Pt(14)
TABLE_SIZE = Pt(12)


def write_docx(content: ReportContent, out: BinaryIO) -> None:
    """Write the report to ``out``."""
    own = template_path(STYLE_TEMPLATE)
    if own.is_file():
        # The office's own Word file: its styles (Normal, Heading 1 and 2, Table Grid) and
        # page set-up are used; its text is replaced by the report.
        document = Document(str(own))
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
    else:
        document = Document()
        _styles(document)
        section = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    writer = _Writer(document, content)
    writer.head()
    for key in content.sections:
        getattr(writer, key)()
    writer.signature()
    writer.appendix()
    # Fixed properties: two builds of the same content give the same document text.
    document.core_properties.title = content.head["subtitle"]
    document.core_properties.author = "PlanTrack"
    document.save(out)


def _styles(document: Any) -> None:
    for name in ("Normal", "Table Grid"):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = BODY_SIZE if name == "Normal" else TABLE_SIZE
        # East Asian and complex scripts take the same font, so Word never substitutes one.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
    normal = document.styles["Normal"].paragraph_format
    normal.space_after = Pt(6)
    normal.line_spacing = 1.15
    for level in (1, 2):
        style = document.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = BODY_SIZE
        style.font.bold = True
        style.font.color.rgb = None
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)


class _Writer:
    def __init__(self, document: Any, content: ReportContent) -> None:
        self.doc = document
        self.c = content
        self.o = content.outline

    # --- pieces ---------------------------------------------------------------------------

    def paragraph(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
        size: Any = None,
        indent: bool = True,
    ) -> Any:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = align
        if indent and align == WD_ALIGN_PARAGRAPH.JUSTIFY:
            paragraph.paragraph_format.first_line_indent = Cm(1)
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size is not None:
            run.font.size = size
        return paragraph

    def heading(self, text: str, level: int = 1) -> None:
        heading = self.doc.add_heading(text, level=level)
        heading.alignment = WD_ALIGN_PARAGRAPH.LEFT

    def table(
        self,
        headers: list[str],
        rows: list[list[str]],
        widths: list[float],
        *,
        merge_groups: bool = False,
    ) -> None:
        """A bordered table: headers repeated on every page, ``rows`` of text. With
        ``merge_groups`` a row whose cells after the first are empty spans the table."""
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        sizes = [Cm(width) for width in widths]
        for cell, text, size in zip(table.rows[0].cells, headers, sizes, strict=True):
            self._cell(cell, text, bold=True, center=True)
            cell.width = size
        _repeat_header(table.rows[0])
        # The body is written as XML in one parse: python-docx builds a cell in about a
        # millisecond, and the appendix of a national plan has thousands (bench/report.py).
        for row in _rows_xml(rows, [size.twips for size in sizes], merge_groups):
            table._tbl.append(row)
        self.doc.add_paragraph()

    def _cell(self, cell: Any, text: str, *, bold: bool = False, center: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.first_line_indent = None
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = TABLE_SIZE

    # --- the document's parts -------------------------------------------------------------

    def head(self) -> None:
        h = self.c.head
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = table.rows[0].cells
        left.width, right.width = Cm(6.5), Cm(9.5)
        self._lines(left, [(h["issuer"], True, False, Pt(13)), ("", False, False, Pt(13))])
        self._lines(left, [(h["number"], False, False, Pt(13))], first=False)
        self._lines(
            right,
            [
                (h["motto"], True, False, Pt(13)),
                (h["motto_sub"], True, False, Pt(14)),
                ("", False, False, Pt(13)),
                (h["place_date"], False, True, Pt(14)),
            ],
        )
        self.paragraph()
        self.paragraph(h["title"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.paragraph(h["subtitle"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.paragraph(h["subtitle_2"], italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.paragraph(
            h["draft_mark"], italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=TABLE_SIZE
        )
        for line in h["preamble"]:
            self.paragraph(line, italic=line.startswith(("Căn cứ", "Pursuant")))
        if self.c.illustrative:
            self.paragraph(self.o.text("illustrative_note"), italic=True, size=TABLE_SIZE)

    def _lines(
        self, cell: Any, lines: list[tuple[str, bool, bool, Any]], first: bool = True
    ) -> None:
        for number, (text, bold, italic, size) in enumerate(lines):
            paragraph = cell.paragraphs[0] if first and number == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            for index, part in enumerate(text.split("\n")):
                if index:
                    paragraph.add_run().add_break()
                run = paragraph.add_run(part)
                run.bold, run.italic = bold, italic
                run.font.size = size

    def organisation(self) -> None:
        org = self.c.organisation
        self.heading(self.o.text("organisation.title"))
        self.heading(self.o.text("organisation.implementation_plan"), 2)
        self.paragraph(org["text"])
        self.heading(self.o.text("organisation.tasks_by_agency"), 2)
        if org["agencies"]:
            self.table(
                self.o.columns("organisation.columns_agencies"),
                [
                    [
                        a["agency"],
                        *(
                            str(a[k])
                            for k in ("assigned", "completed", "on_time", "late", "overdue")
                        ),
                        a["on_time_rate"],
                    ]
                    for a in org["agencies"]
                ],
                [5, 1.8, 1.8, 1.8, 1.8, 1.8, 2],
            )
        if org["overdue"]:
            self.paragraph(self.o.text("organisation.overdue_tasks"))
            for task in org["overdue"]:
                text = f"- {task['code']}: {task['title']} ({task['agency']}, {task['deadline']})"
                self.paragraph(f"{text} {task['illustrative']}".strip(), indent=False)
        self.heading(self.o.text("organisation.rounds"), 2)
        if org["rounds"]:
            self.table(
                self.o.columns("organisation.columns_rounds"),
                [
                    [r["title"], r["period"], r["deadline"], r["on_time"], r["late"], r["missing"]]
                    for r in org["rounds"]
                ],
                [3.5, 1.6, 2.2, 3, 3, 2.7],
            )
        else:
            self.paragraph(org["no_rounds"])

    def results(self) -> None:
        self.heading(self.o.text("results.title"))
        self.paragraph(self.c.results["intro"])
        self.paragraph(
            self.o.text("results.table_title"), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        columns = self.o.columns("results.columns")
        rows: list[list[str]] = []
        for group in self.c.groups:
            rows.append([group.title, "", "", "", "", "", "", "", ""])
            for line in group.rows:
                rows.append(
                    [
                        str(line.number),
                        line.phrase,
                        line.baseline,
                        line.goal,
                        line.latest,
                        line.latest_status,
                        line.status_label,
                        line.actual_vs_required,
                        line.remaining,
                    ]
                )
        self._landscape_table(
            columns, rows, [1, 6.2, 2.2, 3, 2.6, 1.9, 2.4, 2.8, 2.8], merge_groups=True
        )
        if self.c.years:
            self.paragraph(
                self.o.text("results.years_title"), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
            )
            years = self.c.years
            head = [self.o.text("results.years_first_column"), *map(str, years)]
            body = [
                [f"{line.number}. {line.indicator}", *(line.by_year.get(y, "") for y in years)]
                for line in self.c.targets
                if line.by_year
            ]
            first = 5.5
            rest = max(1.6, (24.9 - first) / max(1, len(years)))
            self._landscape_table(head, body, [first, *[rest] * len(years)], portrait_after=True)
        self.paragraph(
            self.o.text("results.others_title"), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        others = [
            [f"{line.number}. {line.phrase}", plan, phrase]
            for line in self.c.targets
            for plan, phrase in line.others
        ]
        if others:
            self.table(self.o.columns("results.others_columns"), others, [6.5, 3, 6.5])
        else:
            self.paragraph(self.c.results["no_others"])
        if self.c.charts:
            self.heading(self.o.text("results.charts_title"), 2)
            for chart in self.c.charts:
                self.doc.add_picture(io.BytesIO(chart_png(chart, self.c.language)), width=Cm(15.5))
                self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                self.paragraph(
                    chart.caption, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=TABLE_SIZE
                )

    def _landscape_table(
        self,
        headers: list[str],
        rows: list[list[str]],
        widths: list[float],
        *,
        merge_groups: bool = False,
        portrait_after: bool = True,
    ) -> None:
        """A wide table on landscape pages of its own, then back to portrait."""
        from docx.enum.section import WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
        section.left_margin, section.right_margin = Cm(2), Cm(2)
        self.table(headers, rows, widths, merge_groups=merge_groups)
        if portrait_after:
            back = self.doc.add_section(WD_SECTION.NEW_PAGE)
            back.orientation = WD_ORIENT.PORTRAIT
            back.page_width, back.page_height = Cm(21), Cm(29.7)
            back.left_margin, back.right_margin = Cm(3), Cm(2)

    def projects(self) -> None:
        self.heading(self.o.text("projects.title"))
        self.paragraph(self.c.projects["intro"])
        columns = self.o.columns("projects.columns")
        for group in self.c.project_groups:
            self.heading(group.title, 2)
            if not group.by_source:
                self.paragraph(self.o.text("projects.none"))
                continue
            for source, lines, _totals in group.by_source:
                self.paragraph(
                    self.o.text("projects.source_label", source=source), italic=True, indent=False
                )
                self.table(
                    columns,
                    [
                        [
                            p.code,
                            p.name,
                            p.status,
                            p.planned,
                            p.allocated,
                            p.disbursed,
                            p.rate,
                            p.note,
                        ]
                        for p in lines
                    ],
                    [1.6, 4, 2, 1.6, 1.6, 1.6, 1.6, 2],
                )

    def factors(self) -> None:
        self.heading(self.o.text("factors.title"))
        self.paragraph(self.o.text("factors.intro"))
        if not self.c.factors:
            self.paragraph(self.o.text("factors.none", as_of=f"{self.c.as_of:%d/%m/%Y}"))
        for text in self.c.factors:
            self.paragraph(text)
            self.paragraph(self.o.text("factors.placeholder"), italic=True)

    def solutions(self) -> None:
        self.heading(self.o.text("solutions.title"))
        self.heading(self.o.text("solutions.solutions_heading"), 2)
        self.paragraph(self.o.text("solutions.solutions_placeholder"), italic=True)
        self.heading(self.o.text("solutions.adjustments_heading"), 2)
        if not self.c.adjustments:
            self.paragraph(self.o.text("solutions.no_adjustments"))
        for text in self.c.adjustments:
            self.paragraph(text, italic=True)

    def signature(self) -> None:
        self.paragraph()
        table = self.doc.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.width, right.width = Cm(8), Cm(8)
        recipients = [(self.o.text("signature.recipients_title"), True, True, Pt(12))]
        recipients += [
            (line, False, False, Pt(11)) for line in self.o.columns("signature.recipients")
        ]
        for number, (text, bold, italic, size) in enumerate(recipients):
            paragraph = left.paragraphs[0] if number == 0 else left.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            run = paragraph.add_run(text)
            run.bold, run.italic, run.font.size = bold, italic, size
        self._lines(
            right,
            [
                (self.o.text("signature.for"), True, False, Pt(14)),
                (self.o.text("signature.role"), True, False, Pt(14)),
                (self.o.text("signature.sign_note"), False, True, Pt(13)),
            ],
        )

    def appendix(self) -> None:
        self.doc.add_page_break()
        self.heading(self.o.text("appendix.title"))
        self.paragraph(self.o.text("appendix.intro"))
        self.table(
            self.o.columns("appendix.columns"),
            [
                [
                    f"[{f.number}]",
                    f.indicator,
                    f.period,
                    f"{f.value} {f.unit}".strip(),
                    f.status_word,
                    f.vintage,
                    f.source.citation(),
                ]
                for f in self.c.figures
            ],
            [1, 3, 1.3, 1.8, 1.8, 2.8, 4.3],
        )


# Characters XML 1.0 does not allow (a pasted control character would break the file).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TABLE_SIZE = int(TABLE_SIZE.pt * 2)  # half-points


def _rows_xml(rows: list[list[str]], widths: list[int], merge_groups: bool) -> list[Any]:
    """Return the ``w:tr`` elements of ``rows``, cells of ``widths`` twips, text 12 pt."""
    parts = []
    for row in rows:
        if merge_groups and row and row[0] and not any(row[1:]):
            span = f'<w:gridSpan w:val="{len(row)}"/>'
            parts.append(f"<w:tr>{_cell_xml(row[0], sum(widths), bold=True, span=span)}</w:tr>")
            continue
        cells = "".join(_cell_xml(text, width) for text, width in zip(row, widths, strict=True))
        parts.append(f"<w:tr>{cells}</w:tr>")
    table = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(parts)}</w:tbl>")
    return list(table)


def _cell_xml(text: str, width: int, *, bold: bool = False, span: str = "") -> str:
    clean = escape(_ILLEGAL_XML.sub("", text))
    weight = "<w:b/>" if bold else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}</w:tcPr>'
        '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
        f'<w:r><w:rPr>{weight}<w:sz w:val="{_TABLE_SIZE}"/><w:szCs w:val="{_TABLE_SIZE}"/></w:rPr>'
        f'<w:t xml:space="preserve">{clean}</w:t></w:r></w:p></w:tc>'
    )


def _repeat_header(row: Any) -> None:
    """Repeat the header row on every page a table runs over."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
