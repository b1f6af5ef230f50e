"""Read the text of a decision from a plain-text, DOCX or text-layer PDF file (pure).

``read_text(name, data)`` returns the text that the extractor reads and that every span
points into: NFC-normalised, line breaks kept as "\n". A scanned PDF (no text layer), a
file of another type or a damaged file raises ``ReadError`` with a Vietnamese message.
"""

import io
import zipfile
from pathlib import PurePath

from plantrack.extraction.text import nfc

__all__ = ["SUPPORTED_SUFFIXES", "ReadError", "read_text"]

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")


class ReadError(ValueError):
    """The file cannot be read as a decision's text; the message says why, in Vietnamese."""


def read_text(name: str, data: bytes) -> str:
    """Return the text of the file called ``name`` whose content is ``data``."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".txt":
        text = _plain(name, data)
    elif suffix == ".docx":
        text = _docx(name, data)
    elif suffix == ".pdf":
        text = _pdf(name, data)
    else:
        raise ReadError(
            f"Tệp “{name}” không đọc được: chỉ nhận tệp .txt, .docx hoặc .pdf có lớp văn bản."
        )
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(f"Tệp “{name}” không có nội dung văn bản nào để đọc.")
    return text


def _plain(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReadError(
            f"Tệp “{name}” không phải văn bản UTF-8 (lỗi ở byte thứ {error.start + 1}). "
            "Hãy lưu lại tệp với bảng mã UTF-8."
        ) from error


def _docx(name: str, data: bytes) -> str:
    """Return the paragraphs, then each table row as cells joined by " | "."""
    import docx  # python-docx; imported here so the plain-text path needs nothing more

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(f"Tệp “{name}” không phải tệp Word (.docx) hợp lệ.")
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ReadError(f"Tệp “{name}” không phải tệp Word (.docx) hợp lệ.") from error
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)


def _pdf(name: str, data: bytes) -> str:
    """Return the text layer of every page, pages separated by a blank line."""
    import pypdf
    from pypdf.errors import PdfReadError

    if not data.startswith(b"%PDF"):
        raise ReadError(f"Tệp “{name}” không phải tệp PDF hợp lệ.")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as error:
        raise ReadError(f"Tệp “{name}” không phải tệp PDF hợp lệ.") from error
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise ReadError(
            f"Tệp PDF “{name}” không có lớp văn bản (có thể là bản quét): hãy dùng bản Word "
            "hoặc bản PDF có chữ chọn được."
        )
    return text
