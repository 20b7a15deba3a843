"""``rotaplan repair``: a published rota mended for a new absence, from the command line.

A coordinator told on Monday morning that a doctor is off sick all week needs the fewest
changes that restore cover, not a new rota: doctors have planned their lives round the
published one. This reads the rota problem the rota was made for and the published rota
(the exchange format, JSON or CSV), adds the absence to the doctor's unavailable days,
and asks the solver for a repair near the absence. No database is needed.

The repaired rota goes out in the exchange format, to a file or stdout, so it can be
piped into ``rotaplan check``; what changed, and the gaps left for locums, go to stderr.

Exit status: 0 every minimum met; 1 gaps remain (locum requests); 2 the problem, the rota
or the absence could not be read (or the rota could not be written to ``--output``); 3 no
change near the absence keeps within the rules.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rotaplan.engine.clock import format_day, format_moment, shift_bounds, to_london
from rotaplan.engine.rota import RotaShifts, Shift

from .files import Echo, output_problem, read_problem_file, read_rota_file
from .generate import UNREADABLE, answer
from .solver_options import Deterministic, Workers, seconds

if TYPE_CHECKING:
    from rotaplan.engine.solver.outcome import RotaShift
    from rotaplan.engine.solver.problem import Reason, RotaProblem, ShiftTypeSpec
    from rotaplan.engine.solver.repair import Repair


def command(
    problem: Annotated[
        Path, typer.Argument(help="The rota problem the rota was made for (docs/rota-problem.md)")
    ],
    rota: Annotated[Path, typer.Argument(help="The published rota: exchange JSON or CSV")],
    doctor: Annotated[str, typer.Option(metavar="ID", help="The absent doctor's id")],
    start: Annotated[
        datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="First day of the absence")
    ],
    end: Annotated[
        datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day of the absence")
    ],
    reason: Annotated[
        str, typer.Option(help="leave (annual, study, parental) or other (sickness, anything else)")
    ] = "other",
    output: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Write the repaired rota here, not to stdout"),
    ] = None,
    time_limit: Annotated[float, typer.Option(help="Seconds to search", callback=seconds)] = 5.0,
    workers: Workers = 2,
    deterministic: Deterministic = False,
) -> None:
    """Repair a published rota for a new absence with the fewest changes near it; the
    repaired rota goes out in the exchange format, each shift removed and added and the
    gaps left for locums go to stderr. No database is needed.

    Exit status 0 every minimum met, 1 gaps remain, 2 unreadable input, 3 no repair.
    """
    raise typer.Exit(
        run_repair(
            problem,
            rota,
            doctor,
            start.date(),
            end.date(),
            reason,
            output,
            time_limit,
            workers,
            typer.echo,
            deterministic=deterministic,
        )
    )


def run_repair(
    problem_file: Path,
    rota_file: Path,
    doctor: str,
    first: date,
    last: date,
    reason: str,
    output: Path | None,
    time_limit: float,
    workers: int,
    echo: Echo,
    *,
    deterministic: bool = False,
) -> int:
    """Everything is checked before the solver runs, so a typing slip costs no search
    time and each problem is named."""
    from rotaplan.engine.solver.repair import repair  # the solver loads only to solve

    problem = read_problem_file(problem_file, echo)
    if problem is None:
        return UNREADABLE
    rota = read_rota_file(rota_file, echo, "not repaired")
    if rota is None:
        return UNREADABLE
    absent = with_absence(problem, doctor, first, last, reason, echo)
    current = rota_shifts(problem, rota, rota_file, echo)
    if absent is None or current is None:
        return UNREADABLE
    if unwritable := output_problem(output):
        echo(unwritable, err=True)
        return UNREADABLE

    started = time.monotonic()
    proposal = repair(
        absent,
        current,
        (first, last),
        time_limit=time_limit,
        workers=workers,
        deterministic=deterministic,
    )
    seconds = time.monotonic() - started
    return answer(proposal.result, output, echo, lambda: repair_summary(proposal, seconds))


def with_absence(
    problem: RotaProblem, doctor: str, first: date, last: date, reason: str, echo: Echo
) -> RotaProblem | None:
    """The problem with the doctor unavailable every day of the absence: the repair
    takes the absence from the problem, and only the days around it may change. A day
    already unavailable keeps the reason it had. None, with the reason printed, when the
    absence cannot be: an unknown doctor or reason, or days outside the period."""
    ok = True
    ids = [d.id for d in problem.doctors]
    if doctor not in ids:
        echo(
            f"No doctor in the problem has the id {doctor!r}; the doctors are {', '.join(ids)}.",
            err=True,
        )
        ok = False
    reasons = _reasons()
    if reason not in reasons:
        echo(f"--reason must be {' or '.join(reasons)}; got {reason!r}.", err=True)
        ok = False
    period = problem.period
    if last < first:
        echo(
            f"The absence ends ({format_day(last)}) before it starts ({format_day(first)}).",
            err=True,
        )
        ok = False
    elif first < period.start or last > period.end:
        echo(
            f"The absence, {format_day(first)} to {format_day(last)}, is not within the "
            f"rota's period, {format_day(period.start)} to {format_day(period.end)}.",
            err=True,
        )
        ok = False
    if not ok:
        return None
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    from rotaplan.engine.solver.repair import with_absence as engine_with_absence

    return engine_with_absence(problem, doctor, days, reasons[reason])


def _reasons() -> dict[str, Reason]:
    from rotaplan.engine.solver.problem import Reason

    return {r.value: r for r in Reason}


def rota_shifts(
    problem: RotaProblem, rota: RotaShifts, file: Path, echo: Echo
) -> list[RotaShift] | None:
    """The rota's shifts as the solver's cells: each shift is the problem's shift type
    that starts and ends at the same London times, of the same kind, on the day the shift
    starts. The solver can only move shifts it knows, so a shift it cannot place (no such
    type, an unknown doctor, a day outside the period) stops the repair; None, with every
    such shift printed."""
    from rotaplan.engine.solver.outcome import RotaShift

    known = {d.id for d in problem.doctors}
    found: list[RotaShift] = []
    problems: list[str] = []
    for shift in rota.shifts:
        where = f"{file}: {_shift_words(shift)}"
        if shift.doctor not in known:
            problems.append(f"{where}: the doctor is not in the rota problem.")
            continue
        if not problem.period.start <= shift.day <= problem.period.end:
            problems.append(
                f"{where}: the day is outside the problem's period, "
                f"{format_day(problem.period.start)} to {format_day(problem.period.end)}."
            )
            continue
        spec = _shift_type_of(problem, shift)
        if spec is None:
            types = ", ".join(
                f"{s.code} {s.start:%H:%M}-{s.end:%H:%M} {s.kind.value}"
                for s in problem.shift_types
            )
            problems.append(
                f"{where}: matches no shift type in the problem (same start, end and kind); "
                f"the shift types are {types}."
            )
            continue
        found.append(RotaShift(shift.doctor, shift.day, spec.code))
    for line in problems:
        echo(line, err=True)
    return None if problems else found


def _shift_type_of(problem: RotaProblem, shift: Shift) -> ShiftTypeSpec | None:
    """The first shift type (in the problem's order) that the shift is an instance of."""
    start, end = to_london(shift.start), to_london(shift.end)
    for spec in problem.shift_types:
        if spec.kind == shift.kind and shift_bounds(shift.day, spec.start, spec.end) == (
            start,
            end,
        ):
            return spec
    return None


def _shift_words(shift: Shift) -> str:
    source = f" ({shift.source})" if shift.source else ""
    return (
        f"{shift.doctor}'s {shift.kind.value} shift on {format_day(shift.day)}, "
        f"{format_moment(shift.start)} to {format_moment(shift.end)}{source}"
    )


def repair_summary(proposal: Repair, seconds: float) -> list[str]:
    """The changes in a coordinator's words, one line a shift so each can be phoned
    through, then what still needs a locum."""
    result = proposal.result
    lines = [
        f"Repaired in {seconds:.1f} s: {len(proposal.removed)} shifts removed, "
        f"{len(proposal.added)} added."
    ]
    lines += [f"- {s.doctor} {s.shift} on {format_day(s.day)}" for s in proposal.removed]
    lines += [f"+ {s.doctor} {s.shift} on {format_day(s.day)}" for s in proposal.added]
    short = [g for g in result.gaps if g.below == "minimum"]
    lines.append(f"{len(short)} shifts still below their minimum (locum requests).")
    for gap in short:
        lines.append(
            f"- {gap.shift} on {format_day(gap.day)}: {gap.rostered} of {gap.needed} needed."
        )
        lines.extend(f"    {reason}" for reason in gap.reasons)
    lines.append(f"{len(result.report.breaches)} breaches.")
    return lines
