"""Reading a JSON document that people write by hand, so that one run lists every problem.

Both rota documents (the exchange format and the rota problem) are read with these pieces:
``document_text`` turns a file's or a request's bytes into text, bounded in size;
``load_json`` parses it, bounded in depth and numbers first (``json_bounds``), keys checked
for repeats; and ``JsonReader`` checks objects, keys, lists and text, gathering a
``Problem`` named by its JSON path ("shifts[3].end") for each thing wrong instead of
stopping at the first, up to ``MAX_PROBLEMS``.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from .cell_values import FieldProblem
from .input_problems import Problem
from .json_bounds import MAX_DOCUMENT_BYTES, lone_surrogate, scan_json

T = TypeVar("T")

# A person fixes a document a few problems at a time; listing more than this helps nobody,
# and a few megabytes of empty entries would otherwise list millions, each held in memory
# and sent back.
MAX_PROBLEMS = 1_000
STOPPED = f"{MAX_PROBLEMS:,} problems found; correct these and read it again"


class UnreadableJson(Exception):
    """A JSON document we cannot use; ``problems`` says everything wrong, each at its path."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def document_text(data: bytes, unreadable: type[UnreadableJson]) -> str:
    """The text of a document's bytes: UTF-8, with or without a byte order mark. Refused,
    unread, when larger than ``MAX_DOCUMENT_BYTES``; refused naming the first byte that is
    not UTF-8, so the person can find it."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise unreadable([too_big(len(data))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise unreadable(
            [Problem(f"The document is not UTF-8 text (byte 0x{byte:02x} at line {line}).")]
        ) from None


def too_big(size: int) -> Problem:
    return Problem(
        f"The document is {size / 1024 / 1024:,.1f} MB; a rota document may be up to "
        f"{MAX_DOCUMENT_BYTES // 1024 // 1024} MB."
    )


def load_json(text: str, unreadable: type[UnreadableJson]) -> object:
    """The parsed document, keys checked for repeats. Text that is not JSON, or that
    ``json.loads`` must not be given (nested too deep, a number too long or not finite), raises
    ``unreadable`` naming the line and column; so does half a character in a string. A
    leading byte order mark is allowed, as in a file."""
    if len(text) > MAX_DOCUMENT_BYTES:
        raise unreadable([too_big(len(text))])
    text = text.removeprefix("\ufeff")
    if (problem := scan_json(text).problem) is not None:
        raise unreadable([problem])
    try:
        document: object = json.loads(text, object_pairs_hook=json_object)
    except json.JSONDecodeError as error:
        raise unreadable(
            [Problem(f"not valid JSON: {error.msg}", error.lineno, f"column {error.colno}")]
        ) from None
    except (ValueError, RecursionError) as error:  # the scan should leave none: never a crash
        raise unreadable([Problem(f"not valid JSON: {error}")]) from None
    if (problem := lone_surrogate(text)) is not None:
        raise unreadable([problem])
    return document


class _RepeatedKeys(dict[str, object]):
    """A JSON object that names a key more than once: ``json`` would keep the last value
    without a word, so the reader reports the repeated keys."""

    repeated: tuple[str, ...] = ()


def json_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    repeated = _RepeatedKeys(found)
    counts = Counter(key for key, _ in pairs)
    repeated.repeated = tuple(key for key, count in counts.items() if count > 1)
    return repeated


def shortened(text: str, most: int = 60) -> str:
    """Text from the document as a message quotes it: a name of a megabyte is a mistake
    (or an attack), and the message should not repeat it."""
    return text if len(text) <= most else text[: most - 3] + "..."


def quoted(text: str) -> str:
    return f"'{shortened(text)}'"


def shown_value(value: object) -> str:
    """A JSON value as written, shortened if long, for a message."""
    return shortened(json.dumps(value))


def type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else type(value).__name__


def listed(names: Sequence[str], most: int = 8) -> str:
    if not names:
        return "none (the doctors list is empty)"
    shown = ", ".join(shortened(name) for name in names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def join_path(path: str, key: str) -> str:
    key = shortened(key)
    return f"{path}.{key}" if path else key


class _TooManyProblems(Exception):
    """Raised inside a reader once it holds ``MAX_PROBLEMS`` problems, so reading stops."""


class JsonReader:
    """The checks every document needs; a document's reader adds its own entries."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def read(self, entries: Callable[[object], T], document: object) -> T | None:
        """``entries(document)``, stopped after ``MAX_PROBLEMS`` problems with a last one
        saying so: the time and memory a document costs are bounded by its size, never by
        how many ways it is wrong."""
        try:
            return entries(document)
        except _TooManyProblems:
            self.problems.append(Problem(f"reading stopped: {STOPPED}"))
            return None

    def note(self, problem: Problem) -> None:
        self.problems.append(problem)
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooManyProblems

    def add(self, path: str, message: str, value: object = "") -> None:
        shown = shortened(value) if isinstance(value, str) else shown_value(value)
        self.note(Problem(message, value=shown, path=path))

    def mapping(
        self, value: object, path: str, noun: str, keys: Sequence[str]
    ) -> dict[str, object] | None:
        """``value`` as an object, its unknown keys reported; None if it is not one."""
        if not isinstance(value, dict):
            where = path or "the file"
            message = f"{noun} must be a JSON object {{...}}; got {type_name(value)}"
            self.note(Problem(message, value=shown_value(value), path=where))
            return None
        for key in value.repeated if isinstance(value, _RepeatedKeys) else ():
            self.add(join_path(path, key), f"{quoted(key)} is given more than once in {noun}", key)
        for key in value:
            if key not in keys:
                guess = difflib.get_close_matches(key, keys, n=1)
                hint = f"did you mean '{guess[0]}'? " if guess else ""
                self.add(
                    join_path(path, key),
                    f"unknown key {quoted(key)} in {noun}; {hint}the keys are {', '.join(keys)}",
                    key,
                )
        return value

    def items(self, value: object, path: str, noun: str, *, most: int) -> list[object]:
        """A list's entries, none read when there are more than ``most``: a document's
        lists are bounded before the work, not after."""
        if value is None:
            self.add(path, f"is missing; give a list of {noun}, [] for none")
            return []
        if not isinstance(value, list):
            self.add(path, f"must be a list of {noun}; got {type_name(value)}", value)
            return []
        if len(value) > most:
            self.add(path, f"there are {len(value):,} {noun}; a document may hold {most:,}")
            return []
        return value

    def required(self, item: Mapping[str, object], path: str, key: str) -> object:
        value = item.get(key)
        if value is None:
            self.add(join_path(path, key), "is missing" if key not in item else "must not be null")
        return value

    def text(self, value: object, path: str, label: str, *, empty_ok: bool = False) -> str | None:
        if not isinstance(value, str):
            self.add(path, f"{label} must be text in quotes; got {type_name(value)}", value)
            return None
        if not empty_ok and not value.strip():
            self.add(path, f"{label} must not be empty", value)
            return None
        return value.strip()

    def parsed(self, path: str, parse: Callable[[], T]) -> T | None:
        try:
            return parse()
        except FieldProblem as problem:
            self.note(Problem(str(problem), path=path))
            return None
