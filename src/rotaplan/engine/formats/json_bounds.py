"""What a JSON document must not hold, found before it is parsed (style habit 14: every
reader is bounded before the work, not after).

Python's ``json.loads`` trusts its input in ways a document from outside must not be
trusted:

- it recurses once per level of nesting, so ``[[[[...`` a thousand deep raises
  ``RecursionError`` (and a million deep does the same, after reading all of it);
- it turns an integer of more than 4,300 digits into a ``ValueError`` (Python 3.11's limit
  on converting text to an int), and keeps an integer of a few hundred digits that the
  solver cannot hold;
- it reads ``NaN``, ``Infinity`` and ``-Infinity``, which are not JSON, and ``1e999`` as
  infinity, so a number such as ``wte`` may be no number at all;
- it decodes ``"\\ud800"`` to half a character that cannot be printed or written as UTF-8.

``scan_json`` finds the first of the first three in one pass over the text, before
``json.loads`` runs: strings are skipped whole (escapes and all), so a bracket in a name
is not nesting; ``lone_surrogate`` finds the last once the text is known to be JSON. Each
answers with a ``Problem`` at a line and column, as a JSON syntax error is reported, so
the CLI, the pages and the API say what is wrong and where. The API's body parser uses the
same functions (``rotaplan.api.site``), so a request body is held to the same bounds.

The bounds are documented in docs/exchange-format.md and docs/rota-problem.md.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .input_problems import Problem

# Both rota documents nest 4 levels at most (the document, a list, an entry, a list of
# dates or names); 32 leaves room for any document they might grow into while keeping
# json.loads about 30 times inside Python's recursion limit.
MAX_DEPTH = 32

# The numbers in a rota document are WTEs, counts and weights; a number written with more
# than 100 characters is a mistake or an attack, and stays far below the 4,300 digits at
# which Python refuses to read an integer.
MAX_NUMBER_LENGTH = 100

# Room for the benchmark's year of 1,000 doctors (260,000 shifts: 23 MB as written, 33 MB
# indented) twice over; a 100,000-shift rota is about 9 MB.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

_SKIPPED = r"""
    (?: [^"\[\]{}\-0-9NI]*+              # spaces, commas, colons, true, false, null...
        "[^"\\]*+(?:\\.[^"\\]*+)*+"?     # ...then a string, escapes and all (to the end
    )*+                                  # if unclosed): one turn of the loop per string
    [^"\[\]{}\-0-9NI]*+
"""
# Every match ends in exactly one token or at the end of the text, so the scan never
# restarts inside a string it has skipped.
_TOKEN = re.compile(
    _SKIPPED
    + r"""
    (?: (?P<opening>[\[{]++)             # a run of opening brackets: that many levels deeper
      | (?P<closing>[\]}]++)             # a run of closing brackets
      | (?P<number>-?[0-9][0-9.eE+\-]*+)
      | (?P<not_a_number>NaN|-?Infinity)
      | [\-NI]                           # a stray character: json.loads will name it
      | \Z
    )
    """,
    re.VERBOSE | re.DOTALL,
)

# Half of a UTF-16 pair, written raw (only in text that did not come from UTF-8 bytes), or
# as an escape that is not itself escaped (an even run of backslashes before it).
_RAW_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*+(?P<escape>\\u[dD][89a-fA-F][0-9a-fA-F]{2})")


@dataclass(frozen=True)
class JsonScan:
    """How deep the document nests (counted up to one past the limit, where the scan stops)
    and the first thing in it ``json.loads`` must not be given, if any."""

    deepest: int
    problem: Problem | None = None


def place(text: str, offset: int, message: str) -> Problem:
    """A problem at ``offset`` in ``text``, by line and column as ``json`` numbers them."""
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return Problem(message, line, f"column {column}")


def scan_json(text: str, most_deep: int = MAX_DEPTH) -> JsonScan:
    """The nesting depth of ``text`` and its first problem: nesting deeper than
    ``most_deep``, a number too long to be one, or a number that is not finite. Linear in
    the text and stopped at the first problem, so a million brackets cost microseconds."""
    depth = deepest = 0
    for match in _TOKEN.finditer(text):
        token = match.lastgroup  # the one named group that matched, or None (a stray, the end)
        if token == "opening":
            run = len(match[token])
            if depth + run > most_deep:
                offset = match.start(token) + most_deep - depth
                return JsonScan(most_deep + 1, place(text, offset, too_deep(most_deep)))
            depth += run
            if depth > deepest:  # plain comparisons: this loop is the scan's cost
                deepest = depth
        elif token == "closing":
            depth -= len(match[token])
            if depth < 0:  # more closed than opened: json.loads will name it
                depth = 0
        elif token == "number" and (wrong := number_problem(match[token])):
            return JsonScan(deepest, place(text, match.start(token), wrong))
        elif token == "not_a_number":
            return JsonScan(deepest, place(text, match.start(token), not_json(match[token])))
    return JsonScan(deepest)


def too_deep(most_deep: int) -> str:
    return (
        f"the document nests more than {most_deep} levels deep; a rota document needs 4, "
        "so look for brackets that are not closed"
    )


def not_json(word: str) -> str:
    return f"{word} is not a number JSON allows; give a number such as 0.6"


def number_problem(number: str) -> str | None:
    """Why a number as written cannot be read, if it cannot: too long, or beyond the
    largest number a float holds (about 1.8e308), which Python reads as infinity."""
    if len(number) > MAX_NUMBER_LENGTH:
        return (
            f"a number written with {len(number):,} characters (at most "
            f"{MAX_NUMBER_LENGTH}); the numbers in a rota document are small"
        )
    if number.lstrip("-").isdigit():
        return None
    try:
        finite = math.isfinite(float(number))
    except ValueError:
        return None  # not a number at all: json.loads names it
    return None if finite else f"{number[:20]} is too large to be a number"


def lone_surrogate(text: str) -> Problem | None:
    """The first half-character in text that is JSON: a ``\\ud800``-``\\udbff`` escape not
    followed at once by a ``\\udc00``-``\\udfff`` one, or the second half alone.
    ``json.loads`` keeps such a half, which cannot be printed or written as UTF-8."""
    if not text.isascii() and (raw := _RAW_SURROGATE.search(text)):
        return _half(text, raw.start(), f"\\u{ord(raw.group()):04x}")
    if "\\u" not in text:
        return None
    waiting: re.Match[str] | None = None  # a first half, waiting for its second
    for match in _SURROGATE_ESCAPE.finditer(text):
        second_half = match["escape"][3].lower() in "cdef"
        if waiting is None and not second_half:
            waiting = match
        elif waiting is not None and second_half and match.start("escape") == waiting.end():
            waiting = None
        else:
            alone = waiting or match
            return _half(text, alone.start("escape"), alone["escape"])
    return None if waiting is None else _half(text, waiting.start("escape"), waiting["escape"])


def _half(text: str, offset: int, written: str) -> Problem:
    return place(
        text,
        offset,
        f"{written} is half of a character (a lone surrogate); give both halves of the pair "
        "or the character itself",
    )
