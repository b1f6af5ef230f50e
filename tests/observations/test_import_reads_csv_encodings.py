"""CSV files are read in UTF-8 (with or without BOM), UTF-16 and Windows-1258; others refused."""

import unicodedata
from decimal import Decimal

import pytest

from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db

# Vietnamese headers, a unit and an indicator named rather than coded, a Vietnamese comment:
# every one of them must survive the decoding to be matched.
HEADER = ("chỉ số", "đơn vị", "kỳ", "giá trị", "tình trạng", "ghi chú")
ROW = ("Tốc độ tăng trưởng GRDP (giá so sánh)", "Tỉnh Cao Bằng", "2024", "6,74", "ước", "Ước tính")


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters (ă, â, ê, ô, ơ, ư) and tone marks apart."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        shape = "".join(mark for mark in decomposed if mark not in tones)
        out += unicodedata.normalize("NFC", shape).encode("cp1258")
        out += "".join(mark for mark in decomposed if mark in tones).encode("cp1258")
    return bytes(out)


def imported(content: bytes, user, name="so-lieu.csv"):
    report = import_observations(content, name, user=user)
    assert report.errors == [], [p.as_dict() for p in report.errors]
    assert report.written
    return Observation.objects.get()


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16"], ids=["utf8", "utf8-bom", "utf16-bom"]
)
def test_a_unicode_csv_is_read_with_its_vietnamese_names(
    encoding, csv_file, planner, grdp_growth, province
):
    observation = imported(csv_file([ROW], HEADER, encoding=encoding), planner)

    assert (observation.indicator, observation.unit) == (grdp_growth, province)
    assert observation.value == Decimal("6.74")
    assert observation.comment == "Ước tính"


def test_utf16_without_a_bom_is_recognised_by_its_zero_bytes(
    csv_file, planner, grdp_growth, province
):
    observation = imported(csv_file([ROW], HEADER, encoding="utf-16-le"), planner)

    assert observation.comment == "Ước tính"


def test_a_windows_1258_csv_is_detected_and_its_tone_marks_composed(
    csv_file, planner, grdp_growth, province
):
    text = csv_file([ROW], HEADER).decode("utf-8")
    content = cp1258(text)
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")

    observation = imported(content, planner)

    assert (observation.indicator, observation.unit) == (grdp_growth, province)
    assert observation.comment == "Ước tính"
    assert unicodedata.is_normalized("NFC", observation.comment)


def test_a_semicolon_separated_csv_with_decimal_commas_is_read(
    csv_file, planner, grdp_growth, province
):
    content = csv_file([("grdp_growth", "04", "2024", "6,74", "", "", "")], delimiter=";")

    assert imported(content, planner).value == Decimal("6.74")


@pytest.mark.parametrize(
    "content",
    [
        "indicator,unit,period,value,comment\r\ngrdp_growth,04,2024,7,Café crème\r\n".encode(
            "latin-1"
        ),
        bytes(range(128, 256)) * 8,
    ],
    ids=["latin-1", "garbage"],
)
def test_a_latin1_or_garbage_file_is_refused_with_a_clear_message(
    content, planner, grdp_growth, province, tables
):
    before = tables()

    report = import_observations(content, "la-tinh.csv", user=planner)

    (problem,) = report.errors
    assert problem.code == "unknown_encoding"
    assert problem.file == "la-tinh.csv"
    assert problem.message == (
        "Không đọc được bảng mã của tệp: hãy lưu tệp CSV dưới dạng UTF-8 "
        "(hoặc UTF-16, Windows-1258)."
    )
    assert not report.written
    assert tables() == before


def test_a_file_without_the_required_columns_is_refused_naming_them(csv_file, planner):
    content = csv_file([("grdp_growth", "04", "2024")], ("indicator", "unit", "year"))

    report = import_observations(content, "thieu-cot.csv", user=planner)

    (problem,) = report.errors
    assert problem.code == "missing_columns"
    assert "value (giá trị)" in problem.message


def test_a_csv_that_merely_starts_with_pk_is_not_taken_for_a_workbook(csv_file, planner):
    content = csv_file([("1", "2")], ("PK", "name"))

    report = import_observations(content, "pk.csv", user=planner)

    assert report.file_format == "csv"
    assert [p.code for p in report.errors] == ["missing_columns"]


def test_quotes_and_apostrophes_inside_texts_are_read_as_excel_writes_them(
    csv_file, planner, grdp_growth, province
):
    source = "Wikipedia 'Cao Bằng', bản lưu"
    comment = 'Khoảng 6,7, theo "báo cáo khác"'
    content = csv_file([("grdp_growth", "04", "2024", "6,74", "", source, comment)])
    assert '"Khoảng 6,7, theo ""báo cáo khác"""'.encode() in content

    observation = imported(content, planner)

    assert (observation.source, observation.comment) == (source, comment)


def test_the_separator_is_the_one_that_shows_the_header(planner, grdp_growth, province):
    # Every line holds a comma and a semicolon; only the semicolon splits out the columns.
    content = (
        "indicator;unit;period;value;comment\r\n"
        "grdp_growth;04;2024;6,74;ước, chưa chính thức\r\n"
        "grdp_growth;04;2023;2,24;ước, tháng 12\r\n"
    ).encode()

    report = import_observations(content, "cham-phay.csv", user=planner)

    assert report.errors == []
    assert Observation.objects.get(period="2024").comment == "ước, chưa chính thức"
