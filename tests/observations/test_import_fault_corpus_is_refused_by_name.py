"""A malformed or hostile file is refused with a named problem, writes nothing, and is
refused in bounded time: a workbook that is no zip, a zip bomb, an XML bomb in a sheet, a
gigabyte of shared strings, a CSV with NUL bytes, a million columns, a 200,000-character
field, damaged UTF-8, a JSON file nested 10,000 deep or holding a 5,000-digit integer; and
files past the row, column and size limits. Figures, tasks and projects alike, through the
web upload, the API and the command (tabular.limits, docs/security.md)."""

import io
import struct
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation
from entry_pages_helpers import upload

from plantrack.investment.models import Project
from plantrack.investment.services import import_projects
from plantrack.observations.imports import import_observations
from plantrack.workplan.models import Task
from plantrack.workplan.services import import_tasks

pytestmark = pytest.mark.django_db

HEADER = b"indicator,unit,period,value,source\n"
ROW = "grdp_growth,04,2024,6.5,Báo cáo KT-XH năm 2024 của UBND tỉnh Cao Bằng\n".encode()
# A refusal reads at most the zip directory and the heads of its members: well under this,
# where reading the file whole would take minutes and gigabytes.
BOUND_SECONDS = 3.0

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'.encode()
        for n in range(1, 10)
    )
    + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


def workbook(rows=((" indicator", "unit", "period", "value"),)) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def replaced(content: bytes, member: str, data=None, *, stream=None) -> bytes:
    """Return the workbook ``content`` with ``member`` replaced by ``data`` (or by the chunks
    ``stream`` yields, compressed as they come, for a member too large to hold)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        if member not in source.namelist():  # openpyxl writes no shared strings: add them
            target.writestr(member, data, compress_type=zipfile.ZIP_DEFLATED)
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info), compress_type=zipfile.ZIP_DEFLATED)
            elif stream is None:
                target.writestr(member, data, compress_type=zipfile.ZIP_DEFLATED)
            else:
                info = zipfile.ZipInfo(member)
                info.compress_type = zipfile.ZIP_DEFLATED
                with target.open(info, "w", force_zip64=True) as opened:
                    for chunk in stream:
                        opened.write(chunk)
    return out.getvalue()


def declared_size(content: bytes, member: str, size: int) -> bytes:
    """Return ``content`` with the uncompressed size its zip directory declares for
    ``member`` set to ``size`` (what a crafted archive says, whatever it holds)."""
    name = member.encode()
    entry = content.index(b"PK\x01\x02")
    while True:
        name_length = struct.unpack_from("<H", content, entry + 28)[0]
        if content[entry + 46 : entry + 46 + name_length] == name:
            return content[: entry + 24] + struct.pack("<I", size) + content[entry + 28 :]
        entry = content.index(b"PK\x01\x02", entry + 4)


def zip_bomb() -> bytes:
    """A workbook whose sheet unpacks to a gigabyte of spaces (a megabyte on disk)."""
    head = b'<?xml version="1.0"?><worksheet><sheetData>'
    chunks = (head if n == 0 else b" " * (1 << 20) for n in range(1025))
    return replaced(workbook(), "xl/worksheets/sheet1.xml", stream=chunks)


def sheet_xml(dimension: str) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.'
        b'openxmlformats.org/spreadsheetml/2006/main"><dimension ref="'
        + dimension.encode()
        + b'"/><sheetData/></worksheet>'
    )


def many_parts(count: int) -> bytes:
    """A workbook with ``count`` more empty parts (a zip directory to read part by part)."""
    out = io.BytesIO(workbook())
    with zipfile.ZipFile(out, "a") as archive:
        for number in range(count):
            archive.writestr(f"xl/x{number}.xml", b"")
    return out.getvalue()


CORPUS = {
    # name: (file name, bytes, the problem's code, words its message must name)
    "xlsx-not-a-zip": ("so-lieu.xlsx", b"PK\x03\x04" + b"\x00" * 200, "unreadable_xlsx", ()),
    "xlsx-truncated": ("so-lieu.xlsx", workbook()[:-100], "unreadable_xlsx", ()),
    "zip-bomb": ("bom.xlsx", zip_bomb(), "file_too_large", ("xl/worksheets/sheet1.xml",)),
    "billion-laughs": (
        "cuoi.xlsx",
        replaced(workbook(), "xl/worksheets/sheet1.xml", BILLION_LAUGHS),
        "unreadable_xlsx",
        ("DOCTYPE", "xl/worksheets/sheet1.xml"),
    ),
    "billion-laughs-after-padding": (
        "cuoi.xlsx",
        replaced(
            workbook(),
            "xl/worksheets/sheet1.xml",
            BILLION_LAUGHS.replace(b"\n", b"\n<!--" + b"x" * 20_000 + b"-->\n", 1),
        ),
        "unreadable_xlsx",
        ("DOCTYPE",),
    ),
    "huge-shared-strings": (
        "chuoi.xlsx",
        declared_size(
            replaced(workbook(), "xl/sharedStrings.xml", b"<sst/>"),
            "xl/sharedStrings.xml",
            1 << 30,
        ),
        "file_too_large",
        ("xl/sharedStrings.xml", "1.024 MB"),
    ),
    "zip-of-20000-parts": ("phan.xlsx", many_parts(20_000), "unreadable_xlsx", ("20.009",)),
    "declared-million-columns": (
        "cot.xlsx",
        replaced(workbook(), "xl/worksheets/sheet1.xml", sheet_xml("A1:XFD2")),
        "too_many_columns",
        ("16.384", "4.096"),
    ),
    "declared-two-million-rows": (
        "dong.xlsx",
        replaced(workbook(), "xl/worksheets/sheet1.xml", sheet_xml("A1:D2000000")),
        "too_many_rows",
        ("2.000.000", "1.048.576"),
    ),
    "csv-nul-bytes": (
        "nul.csv",
        HEADER + b"grdp\x00growth,04,2024,6.5,x\n",
        "nul_byte",
        (f"vị trí {len(HEADER) + 4} (dòng 2)",),
    ),
    "csv-million-columns": (
        "cot.csv",
        HEADER.rstrip() + b"," * 1_000_000 + b"\n" + ROW,
        "too_many_columns",
        ("1.000.005", "4.096"),
    ),
    "csv-200000-character-field": (
        "o-dai.csv",
        HEADER + b"grdp_growth,04,2024,6.5," + b"x" * 200_000 + b"\n",
        "cell_too_long",
        ("32.767",),
    ),
    "csv-whole-file-in-one-quote": (
        "ngoac.csv",
        HEADER + b'grdp_growth,04,2024,6.5,"' + b"x\n" * 200_000,
        "cell_too_long",
        (),
    ),
    "utf8-with-a-stray-ff": (
        "hong.csv",
        HEADER + ROW + b"grdp_growth,04,2025,7,B\xffo c\xc3\xa1o\n",
        "damaged_utf8",
        ("0xFF", f"vị trí {len(HEADER + ROW) + 23} (dòng 3)"),
    ),
    "utf8-cut-in-a-letter": (
        "cat.csv",
        HEADER + ROW.replace("ằ".encode(), "ằ".encode()[:2]),
        "damaged_utf8",
        ("dòng 2",),
    ),
    "json-nested-10000-deep": ("sau.json", b"[" * 10_000 + b"]" * 10_000, "invalid_json", ()),
    "json-5000-digit-integer": (
        "so.json",
        b'[{"indicator": "grdp_growth", "unit": "04", "period": "2024", "value": '
        + b"9" * 5_000
        + b"}]",
        "invalid_json",
        (),
    ),
    "xls": ("cu.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 500, "unsupported_format", ()),
}


@pytest.fixture(autouse=True)
def _language_restored():
    """An API request in English leaves English active in the thread: restore it after."""
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def api():
    """Return a function giving an API client with the user's token and request headers."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def client_for(user, **headers) -> APIClient:
        client = APIClient(**headers)
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return client_for


@pytest.fixture
def written():
    """Return a function counting what the imports write: figures, records, tasks, projects."""
    from plantrack.observations.models import ImportBatch, Observation

    def count() -> tuple[int, ...]:
        return tuple(m.objects.count() for m in (Observation, ImportBatch, Task, Project))

    return count


@pytest.mark.parametrize("name", CORPUS)
def test_a_malformed_file_of_figures_is_refused_by_name_in_bounded_time(
    name, planner, grdp_growth, province, written
):
    file_name, content, code, words = CORPUS[name]
    before = written()

    started = time.perf_counter()
    report = import_observations(content, file_name, user=planner)
    elapsed = time.perf_counter() - started

    print(f"{name}: {len(content):,} bytes, {code}, {elapsed * 1000:.0f} ms")
    (problem,) = report.errors
    assert problem.code == code, problem.message
    assert problem.file == file_name
    assert all(word in problem.message for word in words), problem.message
    assert not report.written and written() == before
    assert elapsed < BOUND_SECONDS


@pytest.mark.parametrize(
    "name",
    ["zip-bomb", "billion-laughs", "huge-shared-strings", "csv-nul-bytes", "utf8-with-a-stray-ff"],
)
@pytest.mark.parametrize("service", [import_tasks, import_projects])
def test_tasks_and_projects_refuse_the_same_files_alike(name, service, planner, written):
    file_name, content, code, _words = CORPUS[name]
    before = written()

    report = service(content, file_name, user=planner)

    assert [problem.code for problem in report.errors] == [code]
    assert not report.written and written() == before


def test_the_refusals_read_no_more_than_the_archive_says(planner, grdp_growth, province):
    """The zip bomb is a megabyte that would unpack to a gigabyte; the refusal happens
    without unpacking it (the time bound above), and names the sizes."""
    file_name, content, code, _words = CORPUS["zip-bomb"]
    assert len(content) < 2 * 1024 * 1024

    report = import_observations(content, file_name, user=planner)

    message = report.errors[0].message
    assert "1.024 MB" in message and "256 MB" in message, message


def test_a_csv_past_the_row_limit_is_refused_before_any_row_is_checked(
    planner, grdp_growth, province, written, settings
):
    settings.PLANTRACK_IMPORT_MAX_ROWS = 10
    rows = [ROW.replace(b"2024", str(year).encode()) for year in range(2000, 2010)]
    content = HEADER + b"".join(rows)

    report = import_observations(content, "dai.csv", user=planner)

    (problem,) = report.errors
    assert (problem.code, problem.file) == ("too_many_rows", "dai.csv")
    assert "10" in problem.message and "11" in problem.message
    assert import_observations(HEADER + b"".join(rows[:9]), "vua.csv", user=planner).written


def test_a_workbook_that_declares_no_dimension_is_stopped_at_the_first_row_past_the_limit(
    planner, grdp_growth, province, written, settings
):
    settings.PLANTRACK_IMPORT_MAX_ROWS = 10
    rows = [("indicator", "unit", "period", "value", "source")]
    rows += [("grdp_growth", "04", str(2000 + n), 6.5, "Báo cáo") for n in range(12)]
    sheet = zipfile.ZipFile(io.BytesIO(workbook(rows))).read("xl/worksheets/sheet1.xml")
    undeclared = sheet.replace(b'<dimension ref="A1:E13"/>', b"")
    assert undeclared != sheet
    content = replaced(workbook(rows), "xl/worksheets/sheet1.xml", undeclared)
    before = written()

    report = import_observations(content, "dai.xlsx", user=planner)

    (problem,) = report.errors
    assert (problem.code, problem.sheet) == ("too_many_rows", "Sheet")
    assert not report.written and written() == before


def test_a_long_cell_in_a_workbook_is_refused_naming_its_row_and_column(
    planner, grdp_growth, province, written
):
    # openpyxl cuts what it writes to Excel's 32,767 characters; another writer may not.
    cells = ("indicator", "unit", "period", "value", "source")
    long_row = ("grdp_growth", "04", "2024", "6.5", "x" * 40_000)
    rows = "".join(
        f'<row r="{number}">'
        + "".join(
            f'<c r="{letter}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
            for letter, text in zip("ABCDE", row, strict=True)
        )
        + "</row>"
        for number, row in ((1, cells), (2, long_row))
    )
    sheet = sheet_xml("A1:E2").replace(b"<sheetData/>", f"<sheetData>{rows}</sheetData>".encode())
    before = written()

    report = import_observations(
        replaced(workbook(), "xl/worksheets/sheet1.xml", sheet), "o-dai.xlsx", user=planner
    )

    (problem,) = report.errors
    assert (problem.code, problem.row, problem.column) == ("cell_too_long", 2, "E")
    assert "40.000" in problem.message
    assert written() == before


def test_a_windows_1258_file_is_still_read(planner, grdp_growth, province):
    """The damaged-UTF-8 refusal leaves the legacy encoding the documents promise."""
    content = HEADER + "grdp_growth,04,2024,6.5,Báo cáo năm 2024\n".encode("cp1258")

    report = import_observations(content, "cu.csv", user=planner)

    assert report.written, [problem.message for problem in report.errors]


def test_a_file_name_longer_than_the_record_keeps_is_refused(planner, grdp_growth, province):
    report = import_observations(HEADER + ROW, "a" * 300 + ".csv", user=planner)

    assert [problem.code for problem in report.errors] == ["too_long"]


# --- every way in -----------------------------------------------------------------------------


def test_the_web_upload_refuses_a_zip_bomb_in_vietnamese(
    client, reporter, industry, grdp_growth, written
):
    file_name, content, _code, _words = CORPUS["zip-bomb"]
    before = written()

    response = upload(client, reporter, content, name=file_name, agency=industry.pk)

    assert response.status_code == 422
    assert "<code>file_too_large</code>" in response.text
    assert "Tệp Excel giải nén ra" in response.text
    assert written() == before


def test_the_api_refuses_a_zip_bomb_in_the_language_of_the_request(
    api, reporter, grdp_growth, written
):
    file_name, content, _code, _words = CORPUS["zip-bomb"]
    client = api(reporter, HTTP_ACCEPT_LANGUAGE="en")
    before = written()

    response = client.post(
        "/api/imports/", {"file": SimpleUploadedFile(file_name, content)}, format="multipart"
    )

    assert response.status_code == 422
    (problem,) = response.json()["error"]["details"]["problems"]
    assert problem["code"] == "file_too_large"
    assert problem["message"].startswith("The Excel file unpacks to")
    assert written() == before


def test_the_api_refuses_a_file_past_the_size_limit_without_reading_it(
    api, planner, written, settings
):
    settings.PLANTRACK_IMPORT_MAX_BYTES = 1000
    content = HEADER + ROW * 100
    before = written()

    response = api(planner, HTTP_ACCEPT_LANGUAGE="vi").post(
        "/api/imports/tasks/", {"file": SimpleUploadedFile("lon.csv", content)}, format="multipart"
    )

    assert response.status_code == 422
    (problem,) = response.json()["error"]["details"]["problems"]
    assert problem["code"] == "file_too_large"
    assert "quá giới hạn 1.000 byte" in problem["message"], problem["message"]
    assert written() == before


def test_the_command_refuses_a_zip_bomb_and_exits_1(tmp_path, planner, grdp_growth, written):
    file_name, content, _code, _words = CORPUS["zip-bomb"]
    path = tmp_path / file_name
    path.write_bytes(content)
    out = io.StringIO()
    before = written()

    with pytest.raises(SystemExit) as exit_:
        call_command("import", str(path), "--format", "json", stdout=out)

    assert exit_.value.code == 1
    assert '"code": "file_too_large"' in out.getvalue()
    assert written() == before
