"""``rotaplan check FILE``: judge a rota in the exchange format against its contract rules.

It needs no database, so it imports only the engine and never sets Django up.

Exit status: 0 compliant; 1 the rota breaches a rule; 2 the file could not be read (each
problem printed to stderr, naming the JSON path or CSV line at fault).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from rotaplan.engine.formats.compliance_report import format_report_text, write_report_json
from rotaplan.engine.formats.exchange_reader import UnreadableRota, read_rota
from rotaplan.engine.rota import Rota

COMPLIANT, BREACHES, UNREADABLE = 0, 1, 2


class OutputFormat(StrEnum):
    JSON = "json"
    TEXT = "text"


class Echo(Protocol):
    def __call__(self, message: str, *, err: bool = False) -> None: ...


def read_rota_file(file: Path, echo: Echo, instead: str) -> Rota | None:
    """The rota in ``file`` (exchange JSON or CSV), or None with every problem printed and
    a last line saying what was not done ("not checked")."""
    try:
        data = file.read_bytes()
    except OSError as error:
        echo(f"{file}: {error.strerror or error}", err=True)
        return None
    try:
        return read_rota(file.name, data)
    except UnreadableRota as error:
        for problem in error.problems:
            echo(str(problem), err=True)
        count = len(error.problems)
        echo(f"{file.name}: {count} problem{'s' if count != 1 else ''}; {instead}.", err=True)
        return None


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
