"""``rotaplan import-rota``: a rota's shifts imported from a shell.

Exit status as ``import-doctors``: 0 imported; 1 the file has problems, or its shifts break
the contract rules and no ``--reason`` was given, and nothing was imported; 2 the command
could not run (an unreadable file, an unknown ``--rota`` or ``--as``, a user who may not
change the rota, a published rota, a ``--reason`` without ``--as``).
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

from ..editing.breaches import EditCreatesBreaches
from ..refusals import RotaNotDraft
from .selectors import rota_with_id
from .services import assignments_import

BREAKS_THE_RULES = (
    "Nothing was imported: these shifts break the contract rules. "
    "Run again with --reason to import them anyway."
)


def run_import(
    file: Path, *, rota_id: int, actor: str | None = None, reason: str = "", echo: Echo
) -> int:
    """Import ``file`` into the rota ``rota_id``; ``actor`` is the username the audit log
    records, None for the system. Shifts that break the rules are imported only with a
    ``reason``, recorded with the breaches as made by ``actor``, so a reason needs one."""
    rota = rota_with_id(rota_id)
    if rota is None:
        echo(f"No rota has the id {rota_id}.", err=True)
        return COULD_NOT_RUN
    user = active_user(actor) if actor else None
    if actor and user is None:
        echo(f"No active user is called '{actor}'.", err=True)
        return COULD_NOT_RUN
    if reason.strip() and user is None:
        echo("--reason needs --as USERNAME: a reason is recorded with who gave it.", err=True)
        return COULD_NOT_RUN
    table = read_table(file, echo)
    if table is None:
        return COULD_NOT_RUN
    try:
        result = assignments_import(
            actor=user, rota=rota, table=table, reason=reason, file_name=file.name
        )
    except PermissionDenied as error:
        echo(f"{actor}: {error}", err=True)
        return COULD_NOT_RUN
    except RotaNotDraft as error:
        echo(f"{rota.name}: {error.message}", err=True)
        return COULD_NOT_RUN
    except EditCreatesBreaches as breaking:
        for breach in breaking.breaches:
            echo(breach.message, err=True)
        echo(BREAKS_THE_RULES, err=True)
        return BAD_DATA
    if not report_problems(result, echo):
        return BAD_DATA
    echo(
        f"{result.imported_text} into {rota.name} ({rota.department.name}), "
        f"now version {result.version}."
    )
    report_actor(user, "shifts", echo)
    if result.breaches:
        echo(
            f"They break the contract rules {len(result.breaches)} times; your reason is "
            "recorded with the breaches."
        )
    return IMPORTED
