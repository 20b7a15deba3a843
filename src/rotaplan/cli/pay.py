"""``rotaplan pay FILE --doctor D1``: a doctor's annual pay from a rota, each line explained.

It needs no database, so it imports only the engine (and the exchange-format reader) and
never sets Django up.

Exit status: 0 the statement was printed; 2 it could not be made (an unreadable file, an
unknown doctor, pay year or flexible pay premium, a nodal point outside 1-5), with the
reason on stderr.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .files import Echo, read_rota_file

PRINTED, COULD_NOT_RUN = 0, 2


class PayFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def command(
    # Not typer's exists/readable checks: the file is read (and each problem said on one
    # line) by files.py, as for every command.
    file: Annotated[Path, typer.Argument(help="A rota: exchange JSON or a CSV of shifts")],
    doctor: Annotated[str, typer.Option(metavar="ID", help="The doctor's id in the file")],
    nodal_point: Annotated[
        int | None,
        typer.Option(help="Nodal point 1-5; without it, taken from the doctor's grade"),
    ] = None,
    pay_year: Annotated[
        str | None,
        typer.Option(help="Pay year such as 2026/27; without it, the year the rota starts in"),
    ] = None,
    pay_format: Annotated[str, typer.Option("--format", help="text for people, or json")] = "text",
    comparator: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            help="A full-time doctor in the file whose weekend and on-call commitment an LTFT "
            "doctor's is measured against; without it, the rota's full-time doctors",
        ),
    ] = None,
    premium: Annotated[
        str | None,
        typer.Option(
            metavar="KEY",
            help="A flexible pay premium from the pay year's table, e.g. general-practice or "
            "emergency-medicine-5-years (the rota does not say the training programme); an "
            "unknown key lists the known ones",
        ),
    ] = None,
) -> None:
    """A doctor's annual pay from a rota file under the 2016 TCS (doctors in training):
    basic pay, additional hours, nights, weekends, on-call, a flexible pay premium if named,
    LTFT allowance, each line explained, unverified figures marked. No database is needed.
    See docs/pay.md.

    Exit status 0 printed, 2 could not be worked out (unreadable file, unknown doctor, pay
    year or premium, nodal point outside 1-5).
    """
    if pay_format not in {f.value for f in PayFormat}:
        typer.echo(f"--format must be text or json; got {pay_format!r}.", err=True)
        raise typer.Exit(2)
    raise typer.Exit(
        run_pay(
            file,
            doctor=doctor,
            nodal_point=nodal_point,
            pay_year=pay_year,
            output=PayFormat(pay_format),
            comparator=comparator,
            premium=premium,
            echo=typer.echo,
        )
    )


def run_pay(
    file: Path,
    *,
    doctor: str,
    nodal_point: int | None,
    pay_year: str | None,
    output: PayFormat,
    echo: Echo,
    comparator: str | None = None,
    premium: str | None = None,
) -> int:
    # The pay tables load only for this command.
    from rotaplan.engine.pay import (
        PayError,
        UnknownDoctor,
        known_pay_years,
        load_table,
        nodal_point_for_grade,
        pay_for,
        pay_year_for,
    )
    from rotaplan.engine.pay.text import format_statement

    if pay_year is not None and pay_year not in known_pay_years():
        echo(
            f"No pay table for pay year {pay_year!r}; known pay years: "
            f"{', '.join(known_pay_years())}.",
            err=True,
        )
        return COULD_NOT_RUN
    if nodal_point is not None and not 1 <= nodal_point <= 5:
        echo(f"--nodal-point must be 1 to 5; got {nodal_point}.", err=True)
        return COULD_NOT_RUN
    rota = read_rota_file(file, echo, "no pay worked out")
    if rota is None:
        return COULD_NOT_RUN
    year = pay_year or pay_year_for(rota.period.start)
    try:
        if nodal_point is None:
            terms = {d.id: d for d in rota.doctors}.get(doctor)
            load_table(year)  # an unknown pay year is the first thing to say
            if terms is None:
                raise UnknownDoctor(doctor, tuple(d.id for d in rota.doctors))
            if not terms.grade:
                echo(
                    f"Give --nodal-point (1-5): doctor {doctor!r} has no grade in the file, so "
                    "the nodal point cannot be taken from it.",
                    err=True,
                )
                return COULD_NOT_RUN
            nodal_point = nodal_point_for_grade(terms.grade, year)
        statement = pay_for(rota, doctor, nodal_point, year, comparator=comparator, premium=premium)
    except PayError as error:
        echo(f"{error}.", err=True)
        return COULD_NOT_RUN
    if output is PayFormat.JSON:
        echo(json.dumps(statement.as_dict(), indent=2, ensure_ascii=False))
    else:
        echo(format_statement(statement))
    return PRINTED
