"""``rotaplan import-rota``: wires the rotas app's shift import to the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .django_setup import setup_django
from .imports import AsUser


def command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    rota: Annotated[int, typer.Option(metavar="ID", help="The id of the draft rota to fill")],
    as_user: AsUser = None,
    reason: Annotated[
        str,
        typer.Option(
            metavar="TEXT",
            help="Why the shifts are imported although they break the contract rules; "
            "recorded with the breaches. Needs --as.",
        ),
    ] = "",
) -> None:
    """Import a draft rota's shifts from a CSV or XLSX file: every row checked, all or nothing.

    Columns gmc_number, date, shift, and optionally start and end (UK times). Shifts that
    break the contract rules are imported only with --reason.

    Exit status 0 imported, 1 the file has problems or breaks the rules without --reason
    (nothing imported), 2 could not run.
    """
    setup_django()
    from rotaplan.rotas.shift_import.command import run_import

    raise typer.Exit(run_import(file, rota_id=rota, actor=as_user, reason=reason, echo=typer.echo))
