"""DOCX and text-layer PDF decisions are read as text; other files are refused clearly."""

import pytest
from extraction_helpers import docx_bytes
from extraction_pdf import text_pdf

from plantrack.extraction.extractor import extract_targets
from plantrack.extraction.readers import ReadError, read_text

LINES = [
    "Mục tiêu đến năm 2030:",
    "GRDP bình quân/người khoảng 102 triệu đồng/người.",
    "Thu ngân sách tăng bình quân trên 12%/năm giai đoạn 2021 - 2030.",
]


def test_a_docx_gives_its_paragraphs_then_its_table_rows():
    data = docx_bytes(LINES, table=[["Chỉ tiêu", "Đơn vị"], ["Tỷ lệ đô thị hóa", "%"]])

    text = read_text("quyet-dinh.docx", data)

    assert text.splitlines() == [*LINES, "Chỉ tiêu | Đơn vị", "Tỷ lệ đô thị hóa | %"]
    assert [c.indicator_text for c in extract_targets(text)] == [
        "GRDP bình quân/người",
        "Thu ngân sách",
    ]


def test_a_text_layer_pdf_gives_its_text():
    text = read_text("quyet-dinh.pdf", text_pdf(LINES))

    assert text.splitlines() == LINES
    assert [(c.value, c.unit) for c in extract_targets(text)] == [
        (102, "triệu đồng/người"),
        (12, "%/năm"),
    ]


def test_plain_text_is_utf8_without_its_bom_and_in_nfc():
    decomposed = "Tỷ lệ".encode().decode()  # already NFC; build an NFD one below
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Mục tiêu: tỷ lệ đô thị hóa đạt 35%.")
    text = read_text("a.txt", b"\xef\xbb\xbf" + nfd.encode("utf-8"))

    assert decomposed == "Tỷ lệ"
    assert text == "Mục tiêu: tỷ lệ đô thị hóa đạt 35%."


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bang.xlsx", b"PK\x03\x04", "chỉ nhận tệp .txt, .docx hoặc .pdf"),
        ("a.txt", "Tỷ lệ".encode("cp1258", errors="replace") + b"\xff", "không phải văn bản UTF-8"),
        ("a.docx", b"not a zip", "không phải tệp Word"),
        ("a.pdf", b"not a pdf", "không phải tệp PDF"),
        ("a.txt", b"   \n", "không có nội dung"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_vietnamese_message(name, data, message):
    with pytest.raises(ReadError, match=message):
        read_text(name, data)


def test_a_pdf_without_a_text_layer_is_refused_as_a_scan():
    empty_page = text_pdf([""])

    with pytest.raises(ReadError, match="không có lớp văn bản"):
        read_text("scan.pdf", empty_page)
