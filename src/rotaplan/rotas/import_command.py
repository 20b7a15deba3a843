"""``rotaplan import-rota``: a rota's shifts imported from a shell.

Exit status as ``import-doctors``: 0 imported; 1 the file has problems and nothing was
imported; 2 the command could not run (an unreadable file, an unknown ``--rota`` or
``--as``, a user who may not change the rota, a published rota).
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied

from rotaplan.import_command import (
    BAD_DATA,
    COULD_NOT_RUN,
    IMPORTED,
    Echo,
    active_user,
    read_table,
    report_actor,
    report_problems,
)

from .models import Rota
from .shift_import import RotaNotDraft, assignments_import


def run_import(file: Path, *, rota_id: int, actor: str | None = None, echo: Echo) -> int:
    """Import ``file`` into the rota ``rota_id``; ``actor`` is the username the audit log
    records, None for the system."""
    rota = Rota.objects.select_related("department").filter(pk=rota_id).first()
    if rota is None:
        echo(f"No rota has the id {rota_id}.", err=True)
        return COULD_NOT_RUN
    user = active_user(actor) if actor else None
    if actor and user is None:
        echo(f"No active user is called '{actor}'.", err=True)
        return COULD_NOT_RUN
    table = read_table(file, echo)
    if table is None:
        return COULD_NOT_RUN
    try:
        result = assignments_import(actor=user, rota=rota, table=table)
    except PermissionDenied as error:
        echo(f"{actor}: {error}", err=True)
        return COULD_NOT_RUN
    except RotaNotDraft as error:
        echo(f"{rota.name}: {error.message}", err=True)
        return COULD_NOT_RUN
    if not report_problems(result, echo):
        return BAD_DATA
    echo(
        f"{result.imported_text} into {rota.name} ({rota.department.name}), "
        f"now version {result.version}."
    )
    report_actor(user, "shifts", echo)
    return IMPORTED
