"""``rotaplan check FILE``: judge a rota in the exchange format against its contract rules.

It needs no database, so it imports only the engine and never sets Django up.

Exit status: 0 compliant; 1 the rota breaches a rule; 2 the file could not be read (each
problem printed to stderr, naming the JSON path or CSV line at fault).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from rotaplan.engine.formats.compliance_report import format_report_text, write_report_json

from .files import Echo, read_rota_file

COMPLIANT, BREACHES, UNREADABLE = 0, 1, 2


class OutputFormat(StrEnum):
    JSON = "json"
    TEXT = "text"


def command(
    # Not typer's exists/readable checks: the file is read (and each problem said on one
    # line) by files.py, as for every command.
    file: Annotated[Path, typer.Argument(help="A rota: exchange JSON or a CSV of shifts")],
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Report as text for people or JSON")
    ] = OutputFormat.TEXT,
) -> None:
    """Check a rota file (exchange JSON, or a CSV of doctor,start,end,kind) against the
    contract rules. No database is needed. See docs/exchange-format.md.

    Exit status 0 compliant, 1 breaches found, 2 the file could not be read.
    """
    raise typer.Exit(run_check(file, output, echo=typer.echo))


def run_check(file: Path, output: OutputFormat, echo: Echo) -> int:
    rota = read_rota_file(file, echo, "not checked")
    if rota is None:
        return UNREADABLE

    from rotaplan.engine.rules import check_rota  # the rules load only for a readable rota

    report = check_rota(rota)
    if output is OutputFormat.JSON:
        echo(json.dumps(write_report_json(report), indent=2))
    else:
        echo(format_report_text(report, {d.id: d.name for d in rota.doctors}))
    return COMPLIANT if report.compliant else BREACHES
