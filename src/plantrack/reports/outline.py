"""The report's outline and wording: data the office edits, not code (docs/report.md).

The shipped files are in ``templates/reports/evaluation/``: ``outline.json`` (the order of
the sections, every heading, sentence and column name, in Vietnamese and English),
``evaluation.html`` and ``evaluation.css`` (the PDF's layout); ``evaluation.docx``, not
shipped, gives the Word document its styles when the office provides one. A province or the coming
decree changes them by putting its own copy of any of these files in the folder named by
``PLANTRACK_REPORT_TEMPLATE_DIR``: a file found there is used instead of the shipped one.
"""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

from django.conf import settings

SHIPPED_DIR = Path(__file__).resolve().parent / "templates" / "reports" / "evaluation"
# The keys of outline.json's "sections", in the default order (Điều 49 khoản 4).
SECTION_KEYS = ("organisation", "results", "projects", "factors", "solutions")


class OutlineError(ValueError):
    """The outline cannot be used as written; the message names the file and the key."""


def template_path(name: str) -> Path:
    """Return the office's copy of ``name`` when it has one, else the shipped file."""
    folder = settings.PLANTRACK_REPORT_TEMPLATE_DIR
    if folder:
        own = Path(folder) / name
        if own.is_file():
            return own
    return SHIPPED_DIR / name


class Outline:
    """The outline read from ``outline.json``, in one language, with its placeholders."""

    def __init__(self, data: dict[str, Any], language: str, path: Path) -> None:
        self.path = path
        self.language = language
        try:
            self.texts: dict[str, Any] = data[language]
        except KeyError as error:
            raise OutlineError(f"{path}: thiếu phần ngôn ngữ “{language}”.") from error
        self.sections: list[str] = list(data.get("sections", SECTION_KEYS))
        unknown = [key for key in self.sections if key not in SECTION_KEYS]
        if unknown:
            raise OutlineError(
                f"{path}: mục “{', '.join(unknown)}” không có; dùng {', '.join(SECTION_KEYS)}."
            )
        self.max_charts = int(data.get("charts", {}).get("max", 6))

    def text(self, key: str, **values: object) -> str:
        """Return the text at ``key`` ("results.title"), its {placeholders} filled."""
        return fill(self.raw(key), values, f"{self.path}: {key}")

    def raw(self, key: str) -> Any:
        """Return the value at a dotted ``key`` as written."""
        node: Any = self.texts
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise OutlineError(f"{self.path}: thiếu khóa “{self.language}.{key}”.")
            node = node[part]
        return node

    def columns(self, key: str) -> list[str]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise OutlineError(f"{self.path}: “{self.language}.{key}” phải là một danh sách.")
        return [str(item) for item in value]


def fill(text: str, values: dict[str, object], where: str) -> str:
    """Fill {name} placeholders; an unknown name is an error that names it and where."""
    names = {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
    missing = names - values.keys()
    if missing:
        raise OutlineError(
            f"{where}: không có giá trị cho {', '.join('{' + n + '}' for n in sorted(missing))}."
        )
    return text.format(**values)


def load_outline(language: str = "vi") -> Outline:
    """Read the outline (the office's copy if any) in ``language``."""
    path = template_path("outline.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise OutlineError(f"Không đọc được đề cương báo cáo {path}: {error}") from error
    return Outline(data, language, path)
