"""Loading a province's units for both eras and the 2025 succession mapping."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import REFORM_DATE, AdminUnit, UnitSuccession
from plantrack.geo.services import load_units

pytestmark = pytest.mark.django_db

LAST_DISTRICT_DAY = datetime.date(2025, 6, 30)


def test_cao_bang_has_one_province_ten_districts_161_old_and_56_new_communes():
    load_units("04")

    province = AdminUnit.objects.get(code="04", level=UnitLevel.PROVINCE)
    assert province.name == "Tỉnh Cao Bằng"
    assert province.valid_from is None and province.valid_to is None
    districts = AdminUnit.objects.filter(level=UnitLevel.DISTRICT)
    assert districts.count() == 10
    assert set(districts.values_list("valid_to", flat=True)) == {LAST_DISTRICT_DAY}
    assert set(districts.values_list("parent", flat=True)) == {province.pk}
    old = AdminUnit.objects.filter(level=UnitLevel.COMMUNE, valid_to=LAST_DISTRICT_DAY)
    new = AdminUnit.objects.filter(level=UnitLevel.COMMUNE, valid_from=REFORM_DATE)
    assert old.count() == 161
    assert new.count() == 56
    assert set(new.values_list("parent", flat=True)) == {province.pk}
    assert not new.filter(valid_to__isnull=False).exists()


def test_units_valid_on_a_day_follow_the_reform():
    load_units("04")
    communes = AdminUnit.objects.filter(level=UnitLevel.COMMUNE)

    assert communes.valid_on(datetime.date(2025, 6, 30)).count() == 161
    assert communes.valid_on(REFORM_DATE).count() == 56
    assert AdminUnit.objects.filter(level=UnitLevel.DISTRICT).valid_on(REFORM_DATE).count() == 0


def test_every_old_commune_maps_to_exactly_one_new_commune_with_full_weight():
    load_units("04")

    old = AdminUnit.objects.filter(level=UnitLevel.COMMUNE, valid_to=LAST_DISTRICT_DAY)
    per_old = old.annotate(n=Count("successions"), w=Sum("successions__weight"))
    assert {(row.n, row.w) for row in per_old} == {(1, Decimal(1))}
    assert UnitSuccession.objects.count() == 161
    # Every new commune was formed from at least one old one.
    new = AdminUnit.objects.filter(level=UnitLevel.COMMUNE, valid_from=REFORM_DATE)
    assert not new.annotate(n=Count("predecessions")).filter(n=0).exists()


def test_thuc_phan_ward_is_formed_from_five_named_old_units():
    load_units("04")

    thuc_phan = AdminUnit.objects.get(code="01273", valid_from=REFORM_DATE)
    assert thuc_phan.name == "Phường Thục Phán"
    old_codes = set(thuc_phan.predecessions.values_list("predecessor__code", flat=True))
    # Sông Hiến, Hợp Giang (same code as the new ward), Đề Thám, Hoàng Tung, Hưng Đạo.
    assert old_codes == {"01267", "01273", "01282", "01696", "01705"}


def test_communes_sharing_a_name_stay_distinct_by_code():
    load_units("04")

    hung_dao = AdminUnit.objects.filter(name="Xã Hưng Đạo", valid_to=LAST_DISTRICT_DAY)
    assert sorted(hung_dao.values_list("code", "parent__name")) == [
        ("01351", "Huyện Bảo Lạc"),
        ("01705", "Thành phố Cao Bằng"),
        ("01783", "Huyện Nguyên Bình"),
    ]
    # The new Hưng Đạo commune reuses an old code: (code, valid_from) names a unit.
    assert AdminUnit.objects.filter(code="01351").count() == 2


def test_loading_twice_changes_nothing():
    load_units("04")
    counts = (AdminUnit.objects.count(), UnitSuccession.objects.count())

    report = load_units("04")

    assert not report.changed_anything
    assert report.legacy_communes.unchanged == 161
    assert (AdminUnit.objects.count(), UnitSuccession.objects.count()) == counts


def test_loading_repairs_an_edited_unit():
    load_units("04")
    AdminUnit.objects.filter(code="040").update(name="sửa nhầm")

    report = load_units("04")

    assert report.legacy_districts.updated == 1
    assert AdminUnit.objects.get(code="040").name == "Thành phố Cao Bằng"


def test_a_merged_province_ends_and_its_successor_begins_on_the_reform_day():
    load_units("08")  # Tuyên Quang, merged with Hà Giang in 2025

    old = AdminUnit.objects.filter(level=UnitLevel.PROVINCE, valid_to=LAST_DISTRICT_DAY)
    assert sorted(old.values_list("code", flat=True)) == ["02", "08"]
    new = AdminUnit.objects.get(level=UnitLevel.PROVINCE, valid_from=REFORM_DATE)
    assert new.code == "08"
    assert set(new.predecessions.values_list("predecessor__code", flat=True)) == {"02", "08"}


def test_split_old_communes_share_their_weight_over_the_new_ones():
    load_units("08")

    split = (
        UnitSuccession.objects.values("predecessor")
        .annotate(n=Count("id"), total=Sum("weight"))
        .filter(n__gt=1)
    )
    assert split.exists()
    assert {row["total"] for row in split} == {Decimal(1)}
    for row in split:
        defaults = UnitSuccession.objects.filter(predecessor=row["predecessor"], is_default=True)
        assert defaults.count() == 1


def test_unknown_province_is_refused_by_the_command_with_its_code():
    with pytest.raises(CommandError, match="“99”"):
        call_command("load_units", province="99")
    assert not AdminUnit.objects.exists()


def test_unit_kinds_come_from_the_source():
    load_units("04")

    assert AdminUnit.objects.get(code="04").kind == "Tỉnh"
    assert AdminUnit.objects.get(code="040").kind == "Thành phố"
    assert AdminUnit.objects.get(code="01273", valid_from=REFORM_DATE).kind == "Phường"
