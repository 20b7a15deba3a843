"""``rotaplan rota-size``: the fewest full-time doctors who can cover a rota problem's
demand within the rules. It needs no database.

Exit status: 0 a team size was found; 1 none was; 2 the problem could not be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .files import Echo, read_problem_file
from .generate import COVERED, GAPS, UNREADABLE
from .solver_options import Deterministic, Workers, seconds

if TYPE_CHECKING:
    from rotaplan.engine.solver.rota_size import SizeTrial


def command(
    problem: Annotated[Path, typer.Argument(help="A rota problem; its doctors are ignored")],
    time_limit: Annotated[
        float, typer.Option(help="Seconds to try each team size", callback=seconds)
    ] = 30.0,
    workers: Workers = 2,
    deterministic: Deterministic = False,
) -> None:
    """The fewest full-time doctors who can cover the problem's demand within the rules.

    Exit status 0 found, 1 none found, 2 unreadable problem.
    """
    raise typer.Exit(
        run_rota_size(problem, time_limit, workers, typer.echo, deterministic=deterministic)
    )


def run_rota_size(
    file: Path, time_limit: float, workers: int, echo: Echo, *, deterministic: bool = False
) -> int:
    from rotaplan.engine.solver.rota_size import (  # the solver loads only to solve
        NO_BETTER_TRIALS,
        rota_size,
    )

    problem = read_problem_file(file, echo)
    if problem is None:
        return UNREADABLE

    def trial(t: SizeTrial) -> None:
        verdict = "covers every minimum" if t.covered else f"{t.gaps} doctor-shifts short"
        echo(f"{t.doctors} doctors: {verdict} ({t.seconds:.1f} s)", err=True)

    size = rota_size(
        problem,
        time_limit=time_limit,
        workers=workers,
        on_trial=trial,
        deterministic=deterministic,
    )
    echo(
        f"Lower bounds: {size.hours_bound} doctors for the hours (48 h average), "
        f"{size.weekend_bound} for the weekends (1 in 2)."
    )
    if size.doctors is None:
        if size.stuck:
            echo(
                f"More doctors do not help beyond {size.trials[-1].doctors - NO_BETTER_TRIALS}: "
                "the cover is short because of the rules, not the headcount. For example, "
                f"{size.stuck[0]}: " + " ".join(size.stuck[1:])
            )
        else:
            echo("No team size tried covered every minimum.")
        return GAPS
    echo(
        f"{size.doctors} full-time doctors, each able to work every shift type, cover "
        "this pattern within the rules."
    )
    return COVERED
