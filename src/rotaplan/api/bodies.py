"""Reading a request's JSON body within the bounds every rota document is read within.

django-ninja parses a JSON body with ``json.loads`` for an endpoint that takes a schema,
and ``POST /api/rules/check`` reads its body itself; both go through ``json_body``, the
engine's ``load_json`` (``rotaplan.engine.formats.json_bounds``): a body nested more than
32 levels deep, a number too long or not finite, half a character, bytes that are not
UTF-8 or an empty body is refused before ``json.loads`` sees it, and answers 400 in the
API's one error shape, each problem at its line and column, never 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from django.http import HttpRequest
from ninja.parser import Parser
from ninja.types import DictStrAny

from rotaplan.api.errors import ErrorOut, problem_out
from rotaplan.engine.formats.control_characters import (
    control_character_problem,
    has_control_character,
    visible,
)
from rotaplan.engine.formats.input_problems import Problem
from rotaplan.engine.formats.json_reading import UnreadableJson, document_text, load_json

UNREADABLE_BODY = (
    "The request body could not be read. Send JSON that matches the schema at /api/docs, "
    "with the Content-Type application/json."
)
EMPTY_BODY = Problem("the request body is empty; send a JSON document")


def json_body(body: bytes) -> object:
    """The body's JSON document; raises ``UnreadableJson`` naming each problem."""
    if not body.strip():
        raise UnreadableJson([EMPTY_BODY])
    return load_json(document_text(body, UnreadableJson), UnreadableJson)


def unreadable_body_out(unreadable: UnreadableJson) -> ErrorOut:
    return ErrorOut(detail=UNREADABLE_BODY, errors=[problem_out(p) for p in unreadable.problems])


class ControlCharacters(ValueError):
    """Text in the body holds a control character; each is named by its place (``reason``,
    ``shifts.2.code``), with what to do. Answered 422: the body was read, but is wrong."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(f"{len(problems)} control characters")
        self.problems = problems


def control_characters_in(document: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Where ``document`` holds text with a control character (a NUL arrives as ``\u0000``
    inside a JSON string), and what to tell the client about each, keys included."""
    if isinstance(document, str):
        if has_control_character(document):
            yield path, control_character_problem(document)
    elif isinstance(document, dict):
        for key, value in document.items():
            place = f"{path}.{key}" if path else str(key)
            if has_control_character(str(key)):
                yield visible(place), control_character_problem(str(key))
            else:
                yield from control_characters_in(value, place)
    elif isinstance(document, list):
        for index, item in enumerate(document):
            yield from control_characters_in(item, f"{path}.{index}" if path else str(index))


class BoundedParser(Parser):
    """ninja's parser, reading bodies with ``json_body`` and refusing text with a control
    character, which must not reach the database. ninja turns any exception here into
    ``HttpError(400)`` raised from it; ``rotaplan.api.site`` answers that with the
    problems (422 for control characters)."""

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        document = json_body(request.body)
        problems = list(control_characters_in(document))
        if problems:
            raise ControlCharacters(problems)
        return cast(DictStrAny, document)
