"""Every query parameter and form field checked for control characters once, at the edge,
before any view or endpoint reads it: a NUL byte never reaches the database (PostgreSQL
refuses it with an error, which was a 500), and the person who sent it is told which field
to fix, with 422.

JSON bodies are checked where the API reads them (``rotaplan.api.bodies``), and the cells
of an imported file where each row is read (``engine.formats.rows``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

from rotaplan.engine.formats.control_characters import (
    control_character_problem,
    has_control_character,
)

from .errors import API_PATH

FieldProblem = tuple[str, str]  # the field's name, what is wrong with it


def _problems_in(data: QueryDict) -> Iterator[FieldProblem]:
    for name, values in data.lists():
        if has_control_character(name):
            yield name, control_character_problem(name)
            continue
        for value in values:
            if isinstance(value, str) and has_control_character(value):
                yield name, control_character_problem(value)
                break


def control_character_problems(request: HttpRequest) -> list[FieldProblem]:
    """Each field of the query string and of a posted form that holds a control character,
    and the names of uploaded files. A body too big or malformed to read is left for the
    view to refuse in its own words."""
    problems = list(_problems_in(request.GET))
    if request.method in {"POST", "PUT", "PATCH", "DELETE"}:
        try:
            problems.extend(_problems_in(request.POST))
            for field, uploads in request.FILES.lists():
                for upload in uploads:
                    if has_control_character(upload.name or ""):
                        problems.append((field, control_character_problem(upload.name or "")))
        except (RequestDataTooBig, TooManyFieldsSent, MultiPartParserError):
            pass
    return problems


def refusal(request: HttpRequest, problems: list[FieldProblem]) -> HttpResponse:
    count = len(problems)
    if request.path.startswith(API_PATH):
        return JsonResponse(
            {
                "detail": f"The request has {count} {'problem' if count == 1 else 'problems'}.",
                "errors": [{"field": field, "message": message} for field, message in problems],
            },
            status=422,
        )
    return render(
        request,
        "web/errors/422.jinja",
        {"problems": [{"field": field, "message": message} for field, message in problems]},
        status=422,
    )


class ControlCharacterMiddleware:
    """Refuses, with 422, a request whose query string or form holds a control character."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problems = control_character_problems(request)
        if problems:
            return refusal(request, problems)
        return self.get_response(request)
