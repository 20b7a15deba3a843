"""An address that matches nothing, or a record out of reach, answers with the project's own
"Page not found" (JSON under ``/api/``) with ``DEBUG`` on as well as off.

Django's ``handler404`` applies only with ``DEBUG`` off; with it on, as in ``make run``,
Django answers with its debug page, which lists every URL pattern of the site and repeats
what a view was looking for. Development should show what users will see, so this
middleware, last in ``MIDDLEWARE`` (after the session and the user are known, so the page
keeps its header), answers both cases itself. ``CommonMiddleware`` still sees the 404 and
redirects ``/doctors`` to ``/doctors/``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from .errors import page_not_found


class NotFoundPages:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404 as nowhere:
            return page_not_found(request, nowhere)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view's ``Http404``: a record that does not exist or is outside the user's scope."""
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
