"""The PDF (WeasyPrint) carries the same content; its pages are rendered to PNG for review."""

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(os.environ.get("PLANTRACK_REPORT_ARTIFACTS", "test-artifacts/report"))


def _text(reports) -> str:
    reader = PdfReader(io.BytesIO(reports["today"].files["pdf"]))
    # Table cells wrap: compare the words, whatever the line breaks.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_pdf_has_the_targets_table_and_the_national_motto(reports):
    text = _text(reports)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    compact = text.replace(" ", "")  # a narrow cell may break a value anywhere
    assert "≥9,72%/năm" in compact
    assert "5,89/9,72%/năm" in compact
    assert "13,69%/năm(2026–2030)" in compact
    assert "cần đẩy nhanh" in text
    assert "Báo cáo tình hình kinh tế - xã hội tháng 12 và năm 2024" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text
    # The appendix traces the revised 2023 growth to its vintage and document.
    assert "2023: 3,73 % (tính từ số liệu công bố; lần 2/2, công bố 31/12/2024)" in text


def test_pdf_uses_a_times_font(reports):
    reader = PdfReader(io.BytesIO(reports["today"].files["pdf"]))
    fonts = set()
    for page in reader.pages[:2]:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).replace("-", ""))
    # Liberation Serif and Tinos have Times New Roman's metrics (evaluation.css).
    assert any(
        "TimesNewRoman" in name or "LiberationSerif" in name or "Tinos" in name for name in fonts
    ), fonts


def test_pdf_pages_render_to_png(reports, tmp_path):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(reports["today"].files["pdf"])
    for old in ARTIFACTS.glob("page-*.png"):
        old.unlink(missing_ok=True)  # another run may have removed it
    subprocess.run([pdftoppm, "-r", "70", "-png", str(pdf), str(ARTIFACTS / "page")], check=True)
    pages = sorted(ARTIFACTS.glob("page-*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(reports["today"].files["pdf"])).pages)
    assert all(page.stat().st_size > 10_000 for page in pages)
