"""The Word report of the Cao Bằng master plan as of today (python-docx reads it back)."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from report_world import docx_text

pytestmark = pytest.mark.django_db


def _targets_table(document):
    for table in document.tables:
        if table.rows and table.rows[0].cells[1].text.startswith("Chỉ tiêu (nguyên văn)"):
            return table
    raise AssertionError("no targets table")


def test_grdp_growth_row_has_target_status_and_required_rate(reports):
    document = Document(io.BytesIO(reports["today"].files["docx"]))
    table = _targets_table(document)
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    grdp = next(row for row in rows if "9,72%/năm" in row[1])
    assert grdp[3] == "≥ 9,72 %/năm (2021–2030)"
    assert grdp[4].startswith("7,22 (2025) [")
    assert grdp[5] == "ước"
    assert grdp[6] == "cần đẩy nhanh"
    assert grdp[7] == "5,89 / 9,72 %/năm"
    assert grdp[8] == "13,69 %/năm (2026–2030)"


def test_every_target_of_the_plan_has_a_row_under_its_section(reports):
    document = Document(io.BytesIO(reports["today"].files["docx"]))
    rows = [[cell.text for cell in row.cells] for row in _targets_table(document).rows]
    numbered = [row for row in rows[1:] if row[0].isdigit()]
    assert len(numbered) == reports["plan"].targets.count()
    # A section row spans the table (merged cells repeat its title).
    assert any(row[0] == row[-1] and row[0] for row in rows[1:])


def test_layout_of_a_vietnamese_administrative_document(reports):
    data = reports["today"].files["docx"]
    document = Document(io.BytesIO(data))
    text = docx_text(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text
    assert "Điều 49 khoản 4" in text
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman"
    assert normal.size.pt == 14


def test_sections_follow_article_49(reports):
    text = docx_text(reports["today"].files["docx"])
    headings = [
        "I. TÌNH HÌNH TỔ CHỨC THỰC HIỆN QUY HOẠCH",
        "II. KẾT QUẢ THỰC HIỆN SO VỚI MỤC TIÊU, CHỈ TIÊU",
        "III. TÌNH HÌNH THỰC HIỆN CÁC DỰ ÁN ƯU TIÊN",
        "IV. CÁC YẾU TỐ, NGUYÊN NHÂN",
        "V. GIẢI PHÁP VÀ KIẾN NGHỊ ĐIỀU CHỈNH QUY HOẠCH",
    ]
    places = [text.index(heading) for heading in headings]
    assert places == sorted(places)


def test_off_track_targets_get_a_paragraph_of_the_data_and_a_place_for_causes(reports):
    text = docx_text(reports["today"].files["docx"])
    factors = text[text.index("IV. CÁC YẾU TỐ") : text.index("V. GIẢI PHÁP")]
    assert "Chỉ tiêu “tốc độ tăng trưởng kinh tế (GRDP) bình quân" in factors
    assert "cần bình quân 13,69 %/năm" in factors
    assert "[Nguyên nhân (khách quan, chủ quan): cán bộ ghi vào đây.]" in factors


def test_adjustment_is_drafted_where_the_required_rate_was_never_reached(reports):
    document = Document(io.BytesIO(reports["today"].files["docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    solutions = text[text.index("2. Kiến nghị điều chỉnh") : text.index("PHỤ LỤC")]
    assert "DỰ THẢO ĐỂ RÀ SOÁT" in solutions
    assert "2026–2030 cần bình quân 13,69 %/năm" in solutions
    assert "mức cao nhất từng đạt trong các năm có số liệu là 7,22 %/năm (năm 2025)" in solutions
    # Budget revenue needs 11,66 %/năm and has grown 14,04 %: no adjustment is proposed.
    assert "thu ngân sách" not in solutions


def test_project_tables_by_status_and_capital_source(reports):
    text = docx_text(reports["today"].files["docx"])
    paragraphs = text[text.index("III. TÌNH HÌNH") : text.index("IV. CÁC YẾU TỐ")]
    under_way = paragraphs[
        paragraphs.index("1. Dự án đang triển khai") : paragraphs.index("2. Dự án")
    ]
    assert "Nguồn vốn: Đối tác công tư (PPP)" in under_way
    header = "Mã | Tên dự án | Tình trạng | Kế hoạch vốn | Vốn đã giao | Đã giải ngân"
    assert header in text
    rows = {
        row[3]: (row[0], row[1])
        for row in load_workbook(io.BytesIO(reports["today"].files["xlsx"]))["Dự án"].iter_rows(
            min_row=2, values_only=True
        )
    }
    expressway = next(name for name in rows if "Đồng Đăng (Lạng Sơn) - Trà Lĩnh" in name)
    assert rows[expressway] == (
        "1. Dự án đang triển khai (tiến độ, theo nguồn vốn)",
        "Đối tác công tư (PPP)",
    )
    assert f"{expressway} | " in text
    bac_kan = next(name for name in rows if name.startswith("Đường bộ cao tốc Bắc Kạn"))
    assert rows[bac_kan][0] == "3. Dự án chưa triển khai (lý do, vướng mắc)"


def test_illustrative_values_are_labelled(reports):
    text = docx_text(reports["today"].files["docx"])
    assert "Các giá trị ghi “(minh họa)” là giá trị minh họa" in text
    assert "(minh họa)" in text
