"""The pages shown when something goes wrong, in the NHS service manual's words.

Wired up as Django's ``handler403``, ``handler404`` and ``handler500`` (``rotaplan.urls``)
and as ``CSRF_FAILURE_VIEW``; they apply when ``DEBUG`` is off, as in production and the
tests. Under ``/api/`` the same errors answer in the API's JSON shape instead, so a client
never has to parse a page: the API's own handlers (``rotaplan.api``) catch what is raised
inside an endpoint, and these catch the rest (an unknown address, a crash).
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template

logger = logging.getLogger(__name__)

API_PATH = "/api/"  # where rotaplan.urls mounts the API

SERVER_ERROR = "Sorry, there is a problem with the service"

# What the 500 page falls back to when even the template cannot be rendered: no
# stylesheet, no header, but still the service manual's words.
PLAIN_SERVER_ERROR = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
    f"<title>{SERVER_ERROR} &ndash; Rotaplan</title></head><body>"
    f"<h1>{SERVER_ERROR}</h1><p>Try again later.</p></body></html>"
)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PATH)


def _api_error(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail, "errors": []}, status=status)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Also what a record outside the user's scope answers, so the page never says what
    was asked for: the exception's message is not shown."""
    if _is_api(request):
        return _api_error("Not found.", 404)
    return render(request, "web/errors/404.jinja", status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _api_error("You do not have permission to do this.", 403)
    return render(request, "web/errors/403.jinja", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its valid token: most often a page left open past the end of
    the session, or a sign-in in another tab. Django logs ``reason``; the user needs only
    to know what to do."""
    return render(request, "web/errors/csrf.jinja", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request, so no context processor runs: the database or the
    session may be what failed, and the page must not fail the same way. If rendering the
    template fails too, a plain page says the same."""
    if _is_api(request):
        return _api_error(f"{SERVER_ERROR}. Try again later.", 500)
    try:
        html = get_template("web/errors/500.jinja").render({})
    except Exception:
        logger.exception("The error page could not be rendered")
        html = PLAIN_SERVER_ERROR
    return HttpResponse(html, status=500)
