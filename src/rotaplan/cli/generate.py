"""``rotaplan generate``: the rota solver from the command line.

It reads a rota problem document (docs/rota-problem.md) and needs no database. The rota
goes out in the rules engine's exchange format, to a file or stdout; the summary (gaps
with their reasons, requests not honoured, fairness) goes to stderr, so the rota can be
piped straight into ``rotaplan check``.

Exit status: 0 a compliant rota meeting every minimum; 1 a compliant rota with gaps; 2 the
problem could not be read (or the rota could not be written to ``--output``); 3 no rota
(the fixed shifts clash, or none was found in the time allowed). ``rotaplan repair`` and
``rotaplan rota-size`` answer with the same codes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rotaplan.engine.clock import format_day
from rotaplan.engine.formats.exchange_writer import write_exchange

from .files import Echo, output_problem, read_problem_file, write_output
from .solver_options import Deterministic, Workers, seconds

if TYPE_CHECKING:
    from rotaplan.engine.solver.outcome import GeneratedRota, Progress
    from rotaplan.engine.solver.problem import RotaProblem

COVERED, GAPS, UNREADABLE, NO_ROTA = 0, 1, 2, 3


def command(
    problem: Annotated[Path, typer.Argument(help="A rota problem (docs/rota-problem.md)")],
    time_limit: Annotated[float, typer.Option(help="Seconds to search", callback=seconds)] = 60.0,
    workers: Workers = 2,
    seed: Annotated[int, typer.Option(help="Random seed")] = 0,
    output: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Write the rota here, not to stdout")
    ] = None,
    deterministic: Deterministic = False,
) -> None:
    """Generate a compliant rota and write it in the exchange format; the gaps and their
    reasons, requests not honoured and the fairness table go to stderr.

    Exit status 0 every minimum met, 1 gaps, 2 unreadable problem, 3 no rota.
    """
    raise typer.Exit(
        run_generate(
            problem, output, time_limit, workers, seed, typer.echo, deterministic=deterministic
        )
    )


def run_generate(
    file: Path,
    output: Path | None,
    time_limit: float,
    workers: int,
    seed: int,
    echo: Echo,
    *,
    deterministic: bool = False,
) -> int:
    from rotaplan.engine.solver.generate import generate  # the solver loads only to solve

    problem = read_problem_file(file, echo)
    if problem is None:
        return UNREADABLE
    if unwritable := output_problem(output):
        echo(unwritable, err=True)
        return UNREADABLE

    def progress(p: Progress) -> None:
        echo(f"{p.seconds:6.1f} s  best {p.objective:,.0f}", err=True)

    result = generate(
        problem,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        on_progress=progress,
        deterministic=deterministic,
    )
    return answer(result, output, echo, lambda: summary(problem, result))


def answer(
    result: GeneratedRota, output: Path | None, echo: Echo, said: Callable[[], list[str]]
) -> int:
    """The rota in the exchange format to stdout or ``output``, what ``said`` says of it to
    stderr, and the exit status: how ``generate`` and ``repair`` both answer."""
    if not result.compliant:
        echo(result.message, err=True)
        return NO_ROTA
    document = json.dumps(write_exchange(result.rota), indent=2) + "\n"
    if output is None:
        echo(document.rstrip("\n"))
    elif not write_output(output, document, echo):
        return UNREADABLE
    for line in said():
        echo(line, err=True)
    return GAPS if any(g.below == "minimum" for g in result.gaps) else COVERED


def summary(problem: RotaProblem, result: GeneratedRota) -> list[str]:
    """The result in a coordinator's words: how it went, the gaps and their reasons, the
    requests not honoured, and the fairness table."""
    names = {d.id: d.display_name for d in problem.doctors}
    first = f", first rota after {result.seconds_to_first:.1f} s" if result.seconds_to_first else ""
    lines = [
        f"{result.status.value} rota: {len(result.shifts)} shifts, "
        f"{len(result.report.breaches)} breaches, in {result.seconds:.1f} s{first}."
    ]
    short = [g for g in result.gaps if g.below == "minimum"]
    thin = [g for g in result.gaps if g.below == "ideal"]
    lines.append(
        f"{len(short)} shifts below their minimum (locum requests), {len(thin)} below ideal."
    )
    lines.extend(f"- {c.message}" for c in result.capacity)
    for gap in short:
        lines.append(
            f"- {gap.shift} on {format_day(gap.day)}: {gap.rostered} of {gap.needed}"
            f"{' ' + gap.of if gap.of else ''} needed."
        )
        lines.extend(f"    {reason}" for reason in gap.reasons)
    broken = [r for r in result.requests if not r.honoured]
    lines.append(
        f"{len(result.requests) - len(broken)} of {len(result.requests)} requests honoured."
    )
    lines.extend(f"- {r.message}" for r in broken)
    lines.append(
        "Fairness, within each tier (in brackets: per full-time share of the days available):"
    )
    fairness = result.fairness
    for tier in fairness.tiers():
        lines.append(f"  {tier}:")
        lines.append(
            f"  {'doctor':<24} {'wte':>4} {'nights':>11} {'weekends':>11} {'long days':>11} "
            f"{'h/week':>13}"
        )
        for row in (r for r in fairness.rows if r.tier == tier):
            figures = " ".join(
                f"{_with_share(getattr(row, kind), row.per_share(kind)):>{width}}"
                for kind, width in (
                    ("nights", 11),
                    ("weekends", 11),
                    ("long_days", 11),
                    ("hours", 13),
                )
            )
            lines.append(f"  {names[row.doctor][:24]:<24} {row.wte:>4.2f} {figures}")
        lines.append(
            "  spread (most - fewest per full-time share): "
            f"nights {fairness.spread('nights', tier):.2f}, "
            f"weekends {fairness.spread('weekends', tier):.2f}, "
            f"long days {fairness.spread('long_days', tier):.2f}, "
            f"hours a week {fairness.spread('hours', tier):.2f}"
        )
    return lines


def _with_share(value: float, per_share: float) -> str:
    return f"{round(value, 1):g} ({per_share:.1f})"
