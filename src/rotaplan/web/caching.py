"""No page or API answer is kept by a browser's or a proxy's cache.

Every page Rotaplan writes is about people (doctors' shifts, sickness, pay) or carries a
session's CSRF token, and a shared computer's browser cache or a trust's proxy must not
keep it after the user signs out. Static files are served before this middleware runs
(WhiteNoise in production, ``runserver`` in development) and keep their long caching.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class PrivateNoStore:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, private=True, no_store=True)
        return response
