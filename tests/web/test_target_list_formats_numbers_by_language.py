"""Numbers read 9,72 in Vietnamese (the default) and 9.72 after switching to English."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


def test_target_list_shows_values_in_vietnamese_format_by_default(client, growth_target):
    response = client.get("/targets/")

    assertContains(response, '<html lang="vi">')
    assertContains(response, "≥ 9,72 %/năm")
    assertNotContains(response, "9.72")


def test_target_list_shows_values_in_english_format_after_switching_language(client, growth_target):
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/targets/"})
    assert switched.status_code == 302

    response = client.get("/targets/")

    assertContains(response, '<html lang="en">')
    assertContains(response, "≥ 9.72 %/year")
    assertNotContains(response, "9,72 %")


def test_latest_value_follows_the_language_too(
    client, growth_target, grdp_growth, province, publish
):
    publish(grdp_growth, province, "2024", "6.74")

    assertContains(client.get("/targets/"), "6,74 %")
    client.post("/i18n/setlang/", {"language": "en", "next": "/targets/"})
    assertContains(client.get("/targets/"), "6.74 %")


def test_english_pages_write_dates_day_first(client, growth_target, settings):
    import datetime

    from plantrack.progress.live import rejudge_all

    rejudge_all(growth_target.plan, as_of=datetime.date(2026, 3, 12))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/targets/")

    assertContains(response, "as of 12/03/2026")  # 12 March, not 3 December
