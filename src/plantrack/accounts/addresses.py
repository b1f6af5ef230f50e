"""The client's address of a request, trusting ``X-Forwarded-For`` only as far as our proxies.

Each reverse proxy appends the address it received the request from to ``X-Forwarded-For``;
anything before those entries was written by the client and proves nothing. With
``PLANTRACK_TRUSTED_PROXIES`` = N the client is the N-th address from the right, the one the
outermost of our proxies saw; with 0 (no proxy) the header is ignored and the client is the
connection's own address. The rule is DRF's for ``NUM_PROXIES`` (its token throttle reads the
same setting), so login throttling (django-axes, ``AXES_CLIENT_IP_CALLABLE``) and the API's
throttle always name the same client.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """Return the address the request came from, as the trusted proxies saw it."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PLANTRACK_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies == 0 or not forwarded:
        return remote
    addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
    if not addresses:
        return remote
    return addresses[-min(proxies, len(addresses))]
