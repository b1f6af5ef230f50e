"""Pages are Vietnamese unless the visitor chose English with the switch."""

import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_vietnamese(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assertContains(response, '<html lang="vi">')


def test_choosing_english_with_the_switch_gives_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assertContains(client.get("/"), '<html lang="en">')


def test_an_unknown_language_cookie_falls_back_to_vietnamese(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    assertContains(client.get("/"), '<html lang="vi">')
