"""The client's address: X-Forwarded-For is read only as far as our own proxies wrote it."""

import pytest
from django.test import RequestFactory

from plantrack.accounts.addresses import client_address


def request_from(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "127.0.0.1"),  # no proxy: the header is the client's word
        (0, None, "127.0.0.1"),
        (1, "203.0.113.9", "203.0.113.9"),  # what our proxy saw
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged entry before it is ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),  # two proxies
        (2, "203.0.113.9", "203.0.113.9"),  # fewer entries than proxies: the first
        (1, " , ", "127.0.0.1"),  # an empty header: the connection
    ],
)
def test_the_client_is_the_address_our_outermost_proxy_saw(settings, proxies, forwarded, expected):
    settings.PLANTRACK_TRUSTED_PROXIES = proxies
    assert client_address(request_from("127.0.0.1", forwarded)) == expected
