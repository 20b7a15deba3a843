"""``rotaplan export-problem``: wires the rotas app's rota problem export to the command line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from .django_setup import setup_django


def command(
    department: Annotated[str, typer.Option(metavar="CODE", help="The department's code")],
    start: Annotated[datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="First day")],
    end: Annotated[datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day")],
    staff_group: Annotated[
        str, typer.Option(help="training, senior or everyone: who works on the rota")
    ] = "training",
    output: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Write here, not to stdout")
    ] = None,
) -> None:
    """Write a department's rota problem (doctors, shift types, cover, leave, published
    shifts, requests) as the JSON document ``rotaplan generate`` reads.

    Exit status 0 written, 2 could not run.
    """
    setup_django()
    from rotaplan.rotas.generation.export_problem import run_export

    raise typer.Exit(
        run_export(department, start.date(), end.date(), staff_group, output, typer.echo)
    )
