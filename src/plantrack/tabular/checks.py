"""Checks and updates shared by the row checkers of the task and project imports.

Choices named by code, label or synonym; "illustrative" cells naming fields; record codes
(given, or derived from the section heading and STT); and updating a record with only the
fields whose value changed.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import override

from plantrack.tabular.readers import SourceRow, Table
from plantrack.tabular.text import key, stt_of, text_of


def choice_of(choices, synonyms: dict[str, str], raw: str) -> str | None:
    """Return the value of ``choices`` a cell names: its code, its Vietnamese label, or one
    of the ``synonyms`` appendices use (keys as ``key`` makes them)."""
    wanted = key(raw)
    with override("vi"):
        for value, label in choices.choices:
            if wanted in (key(value), key(label)):
                return value
    return synonyms.get(wanted)


def illustrative_labels(model) -> dict[str, str]:
    """Return field name → its Vietnamese name, as the export writes illustrative fields."""
    with override("vi"):
        return {
            model_field.name: str(model_field.verbose_name)
            for model_field in model._meta.get_fields()
            if hasattr(model_field, "verbose_name") and not model_field.auto_created
        }


def read_illustrative(model, raw: str) -> tuple[list[str], list[str]]:
    """Return (field names, unknown parts) of an illustrative cell: "thời hạn; tình trạng"."""
    by_key = {}
    for name, label in illustrative_labels(model).items():
        by_key[key(name)] = name
        by_key[key(label)] = name
    found, unknown = [], []
    for part in re.split(r"[;\n]+", raw):
        if not part.strip():
            continue
        name = by_key.get(key(part))
        if name is None:
            unknown.append(part.strip())
        elif name not in found:
            found.append(name)
    return found, unknown


def check_code(code, row, seen: dict, fail, *, limit: int, missing: str, duplicate: str) -> None:
    """Report a row's missing, too long or repeated code; remember the row under its code.

    ``duplicate`` is a message with ``%(code)s`` and ``%(row)s``; ``fail`` is the checker's
    ``fail(code, message, column, raw)``.
    """
    if not code:
        fail("missing_code", missing, "code", "")
    elif len(code) > limit:
        fail(
            "code_too_long",
            _("Mã “%(code)s” dài quá %(limit)s ký tự.") % {"code": code, "limit": limit},
            "code",
            code,
        )
    elif code in seen:
        fail("duplicate_row", duplicate % {"code": code, "row": seen[code].row}, "code", code)
    else:
        seen[code] = row


def update_changed(instance, values: dict, fields, illustrative: list | None) -> list[str]:
    """Set the fields of ``instance`` whose value in ``values`` differs; return their names.

    An empty cell is simply absent from ``values``: it never clears a stored value.
    ``illustrative`` (None when the file says nothing) replaces ``illustrative_fields``.
    """
    changed = []
    for name in fields:
        if name in values:
            model_field = instance._meta.get_field(name)
            new = values[name]
            new_value = new.pk if model_field.is_relation and new is not None else new
            if getattr(instance, model_field.attname) != new_value:
                setattr(instance, name, new)
                changed.append(name)
    if illustrative is not None and set(illustrative) != set(instance.illustrative_fields):
        instance.illustrative_fields = illustrative
        changed.append("illustrative_fields")
    return changed


def derived_code(row: SourceRow, table: Table, prefix: str | None) -> str:
    """Return the row's code: its "Mã" cell, else ``<prefix>-[<heading>.]<STT>``."""
    code = text_of(row.cells.get("code"))
    if code or not prefix:
        return code
    stt = stt_of(row.cells.get("stt"))
    if not stt:
        return ""
    heading = table.headings.get((row.sheet, row.row), "")
    return f"{prefix}-{heading}.{stt}" if heading else f"{prefix}-{stt}"


def codes_in(table: Table, prefix: str | None) -> list[str]:
    return [code for row in table.rows if (code := derived_code(row, table, prefix))]
