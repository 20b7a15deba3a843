"""What the commands that run the NHS rota solver (``generate``, ``repair``, ``rota-size``)
share on the command line, so each option reads and behaves the same in all three."""

from __future__ import annotations

import math
from typing import Annotated

import typer

Workers = Annotated[int, typer.Option(help="CP-SAT worker threads")]


def seconds(value: float) -> float:
    """A time limit the search can keep: ``--time-limit nan`` passed click's float type
    and made the search run for ever."""
    if not math.isfinite(value) or value <= 0:
        raise typer.BadParameter(f"must be a number of seconds above 0; got {value}")
    return value


Deterministic = Annotated[
    bool,
    typer.Option(
        "--deterministic",
        help="Count the solver's own work instead of seconds, on one worker: the same "
        "problem gives the same rota on any machine, however busy (for tests and for "
        "reproducing a result)",
    ),
]
