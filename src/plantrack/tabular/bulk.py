"""One fast bulk insert: ``executemany`` on SQLite, ``COPY`` on PostgreSQL.

Django's ``bulk_create`` builds a model instance a row and compiles every value into SQL; for
an import of 100,000 figures or a national assessment of 100,000 targets that took longer
than the work itself (bench/import.py, bench/assess.py). ``insert_rows`` sends the same
values the way the driver takes them fastest: values of plain types (text, numbers) as they
are, the rest through their field's ``get_db_prep_save``, which is what ``bulk_create``
calls. COPY does not pass through Django's execute wrappers (query counters do not see it),
so its errors are translated here into Django's database errors, as for any query.

It runs in the caller's transaction: an error writes nothing once the caller's
``transaction.atomic`` rolls back.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import NOT_PROVIDED, Field, Model

# The most rows given to one ``executemany`` (SQLite): what it holds at once.
EXECUTEMANY_ROWS = 10_000

# Values of these exact types go to the driver unchanged.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def insert_rows(
    model: type[Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    constants: Mapping[str, Any] | None = None,
    prepared: bool = False,
) -> None:
    """Insert ``rows`` (values in ``columns`` order, by attribute name) into ``model``'s table.

    ``constants`` are values the same in every row. Every concrete column but the primary
    key must be named in one of the two: a column added to the model later needs its value,
    and failing loudly beats writing it empty. A constant that is NULL for a column without a
    database default is left out of the statement (the column is NULL anyway).
    ``prepared=True`` says the row values are already what the driver takes (each row's values
    are then not looked at), which saves a type check per value on large imports.
    """
    constants = dict(constants or {})
    fields = {field.attname: field for field in model._meta.concrete_fields}
    fields.pop(model._meta.pk.attname, None)
    named = [*columns, *constants]
    unknown = set(named) - set(fields)
    missing = set(fields) - set(named)
    if unknown or missing or len(set(named)) != len(named):
        raise RuntimeError(
            f"insert_rows into {model.__name__}: columns must name every field once "
            f"(missing {sorted(missing)}, unknown {sorted(unknown)})"
        )
    connection = connections[router.db_for_write(model)]
    fixed = {
        name: plain(fields[name].get_db_prep_save(value, connection))
        for name, value in constants.items()
    }
    fixed = {
        name: value
        for name, value in fixed.items()
        if value is not None or fields[name].db_default is not NOT_PROVIDED
    }
    tail = tuple(fixed.values())
    row_fields = [fields[name] for name in columns]
    if prepared:
        values: Iterable[Sequence[Any]] = (tuple(row) + tail for row in rows)
    else:
        values = (_prepare(row_fields, row, connection) + tail for row in rows)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(fields[name].column) for name in (*columns, *fixed))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # psycopg writes each value in its type's text form, as an INSERT would send it.
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                write = copy.write_row
                for row in values:
                    write(row)
        else:
            marks = ", ".join(["%s"] * (len(columns) + len(tail)))
            # The table and column names are the model's own; the values are parameters.
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
            # A batch a call: Django's SQLite cursor peeks at the first row with
            # itertools.tee, which then keeps every row given to the call until it ends
            # (a million rows: half a gigabyte, bench/import.py).
            rows_left = iter(values)
            while batch := list(itertools.islice(rows_left, EXECUTEMANY_ROWS)):
                cursor.executemany(sql, batch)


def _prepare(
    fields: list[Field[Any, Any]], row: Sequence[Any], connection: BaseDatabaseWrapper
) -> tuple[Any, ...]:
    return tuple(
        value if type(value) in _PLAIN_TYPES else plain(field.get_db_prep_save(value, connection))
        for field, value in zip(fields, row, strict=True)
    )


def plain(value: Any) -> Any:
    """Return a text value as a plain ``str`` (an enum member as its value), else as is."""
    return str.__str__(value) if isinstance(value, str) else value
