"""``rotaplan pay FILE --doctor D1``: a doctor's annual pay from a rota, each line explained.

It needs no database, so it imports only the engine (and the exchange-format reader) and
never sets Django up.

Exit status: 0 the statement was printed; 2 it could not be made (an unreadable file, an
unknown doctor or pay year, a nodal point outside 1-5), with the reason on stderr.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

from rotaplan.check_command import Echo, read_rota_file
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

PRINTED, COULD_NOT_RUN = 0, 2


class PayFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def run_pay(
    file: Path,
    *,
    doctor: str,
    nodal_point: int | None,
    pay_year: str | None,
    output: PayFormat,
    echo: Echo,
    comparator: str | None = None,
) -> int:
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
        statement = pay_for(rota, doctor, nodal_point, year, comparator=comparator)
    except PayError as error:
        echo(f"{error}.", err=True)
        return COULD_NOT_RUN
    if output is PayFormat.JSON:
        echo(json.dumps(statement.as_dict(), indent=2, ensure_ascii=False))
    else:
        echo(format_statement(statement))
    return PRINTED
