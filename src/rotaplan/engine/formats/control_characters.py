"""Control characters in text that people send: refused wherever text comes in.

A NUL byte cannot be stored in a PostgreSQL text column (the database answers with an
error, which became a 500), and the other C0 controls (bell, backspace, escape...) are
never part of a name, a code or a reason: they come from a broken export or from someone
probing. Tab, line feed and carriage return are ordinary in a reason typed over several
lines, so they are let through.
"""

from __future__ import annotations

import re

CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CONTROL_CHARACTER_PROBLEM = (
    "Remove the control character (such as a NUL byte, shown as {shown}): it is not "
    "part of any text Rotaplan keeps."
)


def has_control_character(text: str) -> bool:
    return CONTROL_CHARACTER.search(text) is not None


def visible(text: str) -> str:
    """``text`` with each control character written out (``\\x00``), so a message can
    show where it was without sending it on."""
    return CONTROL_CHARACTER.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def control_character_problem(text: str) -> str:
    """What to tell the person who sent ``text``, which holds a control character."""
    first = CONTROL_CHARACTER.search(text)
    shown = visible(first.group()) if first else "\\x00"
    return CONTROL_CHARACTER_PROBLEM.format(shown=shown)
