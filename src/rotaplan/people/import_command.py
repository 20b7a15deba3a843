"""``rotaplan import-doctors``: the doctor import from a shell, for a changeover run by script.

Exit status: 0 imported; 1 the file has problems and nothing was imported; 2 the command
could not run (an unreadable file, an unknown ``--department`` or ``--as``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from django.core.exceptions import PermissionDenied

from rotaplan.engine.formats.spreadsheet import UnreadableFile, read_path

from .doctor_import import department_by_code, doctors_import
from .models import User

IMPORTED, BAD_DATA, COULD_NOT_RUN = 0, 1, 2


class Echo(Protocol):
    def __call__(self, message: str, *, err: bool = False) -> None: ...


def active_user(username: str) -> User | None:
    """The user a command acts as (``--as``); the audit log records them."""
    return User.objects.filter(username=username, is_active=True).first()


def run_import(
    file: Path,
    *,
    default_department: str | None = None,
    actor: str | None = None,
    echo: Echo,
) -> int:
    """Import ``file``; ``actor`` is the username the audit log records, None for the system."""
    department = None
    if default_department:
        department = department_by_code(default_department)
        if department is None:
            echo(f"No department has the code '{default_department}'.", err=True)
            return COULD_NOT_RUN
    user = None
    if actor:
        user = active_user(actor)
        if user is None:
            echo(f"No active user is called '{actor}'.", err=True)
            return COULD_NOT_RUN
    try:
        table = read_path(file)
    except UnreadableFile as error:
        echo(f"{file.name}: {error.message}", err=True)
        return COULD_NOT_RUN
    try:
        result = doctors_import(actor=user, table=table, default_department=department)
    except PermissionDenied as error:
        echo(f"{actor}: {error}", err=True)
        return COULD_NOT_RUN
    if not result.ok:
        for problem in result.problems:
            echo(str(problem), err=True)
        echo(result.summary, err=True)
        return BAD_DATA
    count = len(result.doctors)
    where = ", ".join(f"{name} ({n})" for name, n in sorted(result.count_by_department.items()))
    echo(f"Imported {count} doctor{'' if count == 1 else 's'} into {where}.")
    if user is None:
        echo("No --as user was given: the audit log records these doctors with no user.")
    else:
        echo(f"The audit log records these doctors as made by {user.username}.")
    return IMPORTED
