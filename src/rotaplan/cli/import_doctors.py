"""``rotaplan import-doctors``: wires the people app's doctor import to the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .django_setup import setup_django
from .imports import AsUser


def command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    department: Annotated[
        str | None, typer.Option(help="Department code for rows that name none")
    ] = None,
    as_user: AsUser = None,
) -> None:
    """Import incoming doctors from a CSV or XLSX file: every row checked, all or nothing.

    Exit status 0 imported, 1 the file has problems (nothing imported), 2 could not run.
    """
    setup_django()
    from rotaplan.people.doctor_import.command import run_import

    raise typer.Exit(
        run_import(file, default_department=department, actor=as_user, echo=typer.echo)
    )
