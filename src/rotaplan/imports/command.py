"""The steps every ``rotaplan import-*`` command shares, so they answer alike.

Exit status: 0 imported; 1 the file has problems and nothing was imported; 2 the command
could not run (an unreadable file, an unknown option value, a refused user).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from rotaplan.engine.formats.input_problems import Outcome
from rotaplan.engine.formats.spreadsheet import RawTable, UnreadableFile, read_path
from rotaplan.people.models import User

IMPORTED, BAD_DATA, COULD_NOT_RUN = 0, 1, 2


class Echo(Protocol):
    def __call__(self, message: str, *, err: bool = False) -> None: ...


def active_user(username: str) -> User | None:
    """The user a command acts as (``--as``); the audit log records them."""
    return User.objects.filter(username=username, is_active=True).first()


def read_table(file: Path, echo: Echo) -> RawTable | None:
    """The file's rows, or None once the reason it cannot be read has been printed."""
    try:
        return read_path(file)
    except UnreadableFile as error:
        echo(f"{file.name}: {error.message}", err=True)
        return None


def report_problems(outcome: Outcome, echo: Echo) -> bool:
    """Print each problem as ``line 4, gmc_number: ...``; True when there were none."""
    if outcome.ok:
        return True
    for problem in outcome.problems:
        echo(str(problem), err=True)
    echo(outcome.summary, err=True)
    return False


def report_actor(user: User | None, what: str, echo: Echo) -> None:
    if user is None:
        echo(f"No --as user was given: the audit log records these {what} with no user.")
    else:
        echo(f"The audit log records these {what} as made by {user.username}.")
