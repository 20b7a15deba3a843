"""``rotaplan import-doctors``: the doctor import from a shell, for a changeover run by script.

Exit status: 0 imported; 1 the file has problems and nothing was imported; 2 the command
could not run (an unreadable file, an unknown ``--department`` or ``--as``).
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied

from rotaplan.imports.command import (
    BAD_DATA,
    COULD_NOT_RUN,
    IMPORTED,
    Echo,
    active_user,
    read_table,
    report_actor,
    report_problems,
)

from .services import department_by_code, doctors_import


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
    user = active_user(actor) if actor else None
    if actor and user is None:
        echo(f"No active user is called '{actor}'.", err=True)
        return COULD_NOT_RUN
    table = read_table(file, echo)
    if table is None:
        return COULD_NOT_RUN
    try:
        result = doctors_import(actor=user, table=table, default_department=department)
    except PermissionDenied as error:
        echo(f"{actor}: {error}", err=True)
        return COULD_NOT_RUN
    if not report_problems(result, echo):
        return BAD_DATA
    count = len(result.doctors)
    where = ", ".join(f"{name} ({n})" for name, n in sorted(result.count_by_department.items()))
    echo(f"Imported {count} doctor{'' if count == 1 else 's'} into {where}.")
    report_actor(user, "doctors", echo)
    return IMPORTED
