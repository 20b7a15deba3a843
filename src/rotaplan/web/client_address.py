"""The address a request came from, settled once at the edge for everything that records or
counts it: the audit log (django-auditlog reads ``X-Forwarded-For`` itself, taking the
left-most entry, which the client writes) and sign-in throttling (django-axes reads
``REMOTE_ADDR``).

Anyone can send an ``X-Forwarded-For`` header, so it is believed only as far as the trust's
own proxies wrote it: with ``TRUSTED_PROXIES`` = n, the n-th entry from the right is the
address the outermost trusted proxy saw. With none (the default), the header is dropped and
the address is the connection's. Either way the header is removed, so no later reader can
take a forged entry.
"""

from __future__ import annotations

from collections.abc import Callable
from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest, HttpResponse

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def client_address(remote_addr: str | None, forwarded_for: str, trusted_proxies: int) -> str | None:
    """The client's address: ``remote_addr`` unless ``trusted_proxies`` proxies stand in front
    and the header holds an address the outermost of them wrote."""
    if trusted_proxies < 1:
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    if len(hops) < trusted_proxies:
        return remote_addr  # not through all the proxies: only the connection is known
    candidate = hops[-trusted_proxies]
    try:
        return str(ip_address(candidate))
    except ValueError:
        return remote_addr


class ClientAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        forwarded_for = request.META.pop(FORWARDED_FOR, "")
        address = client_address(
            request.META.get("REMOTE_ADDR"), forwarded_for, settings.TRUSTED_PROXIES
        )
        if address is not None:
            request.META["REMOTE_ADDR"] = address
        return self.get_response(request)
