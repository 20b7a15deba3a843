"""Pages that htmx updates in part: one view answers both the whole page and its part.

Without JavaScript, or when htmx restores a page from history, the whole page is wanted;
only an htmx request made from within the page gets just the part it swaps in. The view
runs the same scoped query either way, so the part never shows more than the page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request for part of the page. When htmx misses its history cache it sends
    ``HX-Request`` too, with ``HX-History-Restore-Request``, and swaps the answer into the
    whole body: that one needs the whole page."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_page_or_partial(
    request: HttpRequest, page: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """``partial`` for htmx, ``page`` otherwise. ``Vary: HX-Request`` stops a browser or
    proxy cache answering a later full page load with the part, as both share a URL."""
    response = render(request, partial if wants_partial(request) else page, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
