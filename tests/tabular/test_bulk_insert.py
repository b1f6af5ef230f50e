"""The shared fast insert writes what bulk_create writes, refuses an incomplete row and
turns a database error into Django's own, with nothing written (SQLite and PostgreSQL)."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.tabular.bulk import insert_rows

COLUMNS = (
    "code",
    "name",
    "kind",
    "level",
    "parent_id",
    "valid_from",
    "valid_to",
    "area_km2",
    "latitude",
    "longitude",
    "geometry",
)


def _read(code):
    unit = AdminUnit.objects.get(code=code)
    return (
        unit.name,
        unit.kind,
        unit.level,
        unit.parent_id,
        unit.valid_from,
        unit.valid_to,
        unit.area_km2,
        unit.latitude,
        unit.longitude,
        unit.geometry,
        unit.source,
    )


@pytest.mark.django_db(transaction=True)
def test_rows_read_back_as_bulk_create_writes_them():
    province = AdminUnit.objects.create(code="04", name="Cao Bằng", level=UnitLevel.PROVINCE)
    geometry = {"type": "Point", "coordinates": [106.25, 22.67]}
    values = {
        "name": "Hòa An",
        "kind": "huyện",
        "level": UnitLevel.DISTRICT,  # an enum member, written as its value
        "parent_id": province.pk,
        "valid_from": datetime.date(2020, 1, 1),
        "valid_to": None,
        "area_km2": Decimal("606.97"),
        "latitude": 22.67,
        "longitude": 106.25,
        "geometry": geometry,
    }
    AdminUnit.objects.bulk_create([AdminUnit(code="A", source="x", **values)])
    insert_rows(
        AdminUnit,
        COLUMNS,
        [("B", *values.values())],
        constants={"source": "x"},
    )

    assert _read("B") == _read("A")
    assert AdminUnit.objects.get(code="B").geometry == geometry


@pytest.mark.django_db
def test_a_column_left_out_is_refused_by_name():
    with pytest.raises(RuntimeError, match=r"missing \['source'\]"):
        insert_rows(AdminUnit, COLUMNS, [])


@pytest.mark.django_db(transaction=True)
def test_a_database_error_is_djangos_and_writes_nothing():
    AdminUnit.objects.create(code="05", name="Có sẵn", level=UnitLevel.PROVINCE)
    rows = [
        ("06", "Mới", "", UnitLevel.PROVINCE, None, None, None, None, None, None, None),
        ("05", "Trùng mã", "", UnitLevel.PROVINCE, None, None, None, None, None, None, None),
    ]

    # COPY on PostgreSQL bypasses Django's cursor wrapper: the error is still Django's.
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(AdminUnit, COLUMNS, rows, constants={"source": ""})

    assert sorted(AdminUnit.objects.values_list("code", flat=True)) == ["05"]
