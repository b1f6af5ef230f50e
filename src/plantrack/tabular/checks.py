"""The row checker of tables of records (tasks, projects) and the checks they share.

``RecordChecker`` checks every row of a table whose records are known by their code: the
code (given, or derived from the section heading and STT), then a table of column → check.
The checks shared by several tables are here: free and required text, choices named by
code, label or synonym, "illustrative" cells naming fields. ``update_changed`` sets a
record's fields whose value changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.options import Options
from django.utils.translation import gettext as _
from django.utils.translation import override

from plantrack.tabular.problems import Problem
from plantrack.tabular.readers import SourceRow, Table
from plantrack.tabular.text import key, stt_of, text_of


def choice_of(
    choices: type[models.TextChoices], synonyms: Mapping[str, str], raw: str
) -> str | None:
    """Return the value of ``choices`` a cell names: its code, its Vietnamese label, or one
    of the ``synonyms`` appendices use (keys as ``key`` makes them)."""
    wanted = key(raw)
    with override("vi"):
        for value, label in choices.choices:
            if wanted in (key(value), key(label)):
                return value
    return synonyms.get(wanted)


def illustrative_labels(model: type[models.Model]) -> dict[str, str]:
    """Return field name → its Vietnamese name, as the export writes illustrative fields."""
    with override("vi"):
        return {
            model_field.name: str(model_field.verbose_name)
            for model_field in model._meta.get_fields()
            if hasattr(model_field, "verbose_name") and not model_field.auto_created
        }


def read_illustrative(model: type[models.Model], raw: str) -> tuple[list[str], list[str]]:
    """Return (field names, unknown parts) of an illustrative cell: "thời hạn; tình trạng"."""
    by_key: dict[str, str] = {}
    for name, label in illustrative_labels(model).items():
        by_key[key(name)] = name
        by_key[key(label)] = name
    found: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"[;\n]+", raw):
        if not part.strip():
            continue
        named = by_key.get(key(part))
        if named is None:
            unknown.append(part.strip())
        elif named not in found:
            found.append(named)
    return found, unknown


def check_code(
    row: RecordRow, seen: dict[str, SourceRow], *, limit: int, messages: Mapping[str, Any]
) -> None:
    """Report a row's missing, too long or repeated code; remember the row under its code."""
    code = row.code
    if not code:
        row.fail("missing_code", messages["missing_code"], "code", "")
    elif len(code) > limit:
        row.fail(
            "code_too_long",
            _("Mã “%(code)s” dài quá %(limit)s ký tự.") % {"code": code, "limit": limit},
            "code",
            code,
        )
    elif code in seen:
        duplicate = str(messages["duplicate_code"]) % {"code": code, "row": seen[code].row}
        row.fail("duplicate_row", duplicate, "code", code)
    else:
        seen[code] = row.source


class IllustratedRecord(Protocol):
    """A record with fields a demo may have made up (a task, a project)."""

    illustrative_fields: list[str]

    @property
    def _meta(self) -> Options[Any]: ...


def update_changed(
    instance: IllustratedRecord,
    values: Mapping[str, Any],
    fields: Iterable[str],
    illustrative: list[str] | None,
) -> list[str]:
    """Set the fields of ``instance`` whose value in ``values`` differs; return their names.

    An empty cell is simply absent from ``values``: it never clears a stored value.
    ``illustrative`` (None when the file says nothing) replaces ``illustrative_fields``.
    """
    changed: list[str] = []
    for name in fields:
        if name in values:
            model_field = instance._meta.get_field(name)
            if not isinstance(model_field, models.Field):
                raise TypeError(f"update_changed: {name} is not a field with a column")
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


# --- checking the rows of a table of records ---------------------------------------------


@dataclass
class RecordRow:
    """A row of a table of records (a task, a project) as it is checked, then written.

    ``values`` holds only the fields whose cells are filled: an empty cell leaves the stored
    value as it is. ``related`` holds what the writer adds beside the fields (co-operating
    agencies, locations, capital sources): added, never removed. ``record`` is the stored
    record of the row's code, or None for a new one.
    """

    source: SourceRow
    code: str
    record: Any = None
    file_name: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    related: dict[str, list[Any]] = field(default_factory=dict)
    illustrative: list[str] | None = None
    problems: list[Problem] = field(default_factory=list)

    def text(self, column: str) -> str:
        return text_of(self.source.cells.get(column))

    def raw(self, column: str) -> Any:
        return self.source.cells.get(column)

    def current(self, name: str) -> Any:
        """The value the record will have: the file's, else the stored one, else None."""
        if self.values.get(name) is not None:
            return self.values[name]
        return getattr(self.record, name, None)

    def fail(self, code: str, message: str, column: str, raw: Any = "") -> None:
        """Say what is wrong with the row, where: its sheet, row and column, and the value."""
        self.problems.append(
            Problem(
                code=code,
                message=str(message),
                file=self.file_name,
                sheet=self.source.sheet,
                row=self.source.row,
                column=self.source.columns.get(column, column),
                value=text_of(raw),
            )
        )


# A check of one column: (the row, the column's name, the import's context). It sets the
# row's values or calls ``row.fail``; the context holds what is loaded once per import.
Check = Callable[[RecordRow, str, Any], None]


@dataclass(frozen=True)
class RecordChecker:
    """Checks the rows of a table of records known by their code: the code first, then each
    column's check in the order of ``checks``, so a row's problems read left to right.

    ``messages`` says, in the record's words: ``no_code_column`` (the file has no code column
    and no prefix was given), ``missing_code`` and ``duplicate_code`` (with ``%(code)s`` and
    ``%(row)s``).
    """

    model: Any
    checks: Sequence[tuple[str, Check]]
    messages: dict[str, Any]
    # Returns a problem (a warning) for a row that is not a record, such as a group title.
    skip: Callable[[RecordRow], Problem | None] | None = None
    # Reads the stored records of some codes (with what the checks look at).
    stored: Callable[[list[str]], Any] | None = None

    def check(
        self, table: Table, file_name: str, *, prefix: str | None, context: Any
    ) -> tuple[list[RecordRow], list[Problem]]:
        """Return (the rows that passed every check, the problems of all rows)."""
        problems: list[Problem] = []
        if table.rows and not any("code" in row.columns for row in table.rows) and not prefix:
            message = str(self.messages["no_code_column"])
            return [], [Problem(code="missing_code", message=message, file=file_name)]
        codes = codes_in(table, prefix)
        stored = self.stored(codes) if self.stored else self.model.objects.filter(code__in=codes)
        existing = {record.code: record for record in stored}
        limit = self.model._meta.get_field("code").max_length
        seen: dict[str, SourceRow] = {}
        checked: list[RecordRow] = []
        for source in table.rows:
            code = derived_code(source, table, prefix)
            row = RecordRow(source, code, existing.get(code), file_name)
            if self.skip is not None and (skipped := self.skip(row)) is not None:
                problems.append(skipped)
                continue
            check_code(row, seen, limit=limit, messages=self.messages)
            for column, check in self.checks:
                check(row, column, context)
            check_lengths(row, self.model)
            if row.problems:
                problems += row.problems
            else:
                checked.append(row)
        return checked, problems


def check_lengths(row: RecordRow, model: type[models.Model]) -> None:
    """Report each text of the row longer than its field (a project's sector, 120 characters).

    PostgreSQL would refuse the row at the write (StringDataRightTruncation) and SQLite store
    it past the limit: the same refusal on both, before anything is written.
    """
    for name, value in row.values.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        limit = getattr(model_field, "max_length", None)
        if isinstance(model_field, models.CharField) and isinstance(value, str) and limit:
            if len(value) > limit:
                row.fail(
                    "too_long",
                    _("“%(field)s” dài %(length)s ký tự, quá %(limit)s ký tự cho phép.")
                    % {"field": model_field.verbose_name, "length": len(value), "limit": limit},
                    name,
                    value,
                )


def text_column(row: RecordRow, column: str, context: Any) -> None:
    """A free text: kept as written when filled."""
    if text := row.text(column):
        row.values[column] = text


def required_text(code: str, message: Any) -> Check:
    """A text a new record must have (a task's title, a project's name)."""

    def check(row: RecordRow, column: str, context: Any) -> None:
        if text := row.text(column):
            row.values[column] = text
        elif row.record is None:
            row.fail(code, message, column)

    return check


def choice_column(
    choices: type[models.TextChoices], synonyms: Mapping[str, str], message: Callable[[str], str]
) -> Check:
    """One of ``choices``, named by code, Vietnamese label or one of ``synonyms``;
    ``message(text)`` says what is wrong with another text."""

    def check(row: RecordRow, column: str, context: Any) -> None:
        if text := row.text(column):
            value = choice_of(choices, synonyms, text)
            if value is None:
                row.fail(f"unknown_{column}", message(text), column, text)
            else:
                row.values[column] = value

    return check


def illustrative_column(message: Any) -> Check:
    """The fields whose values are illustrative ("thời hạn; tình trạng"); ``message`` has
    ``%(value)s`` for a part that names no field of the record."""

    def check(row: RecordRow, column: str, context: Any) -> None:
        if text := row.text(column):
            row.illustrative, unknown = read_illustrative(context.model, text)
            for part in unknown:
                row.fail("unknown_field", str(message) % {"value": part}, column, part)

    return check
