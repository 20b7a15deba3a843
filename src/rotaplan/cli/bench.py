"""``rotaplan bench nrp``: solve Curtois & Qu instances with CP-SAT and compare with the best
known results. No database: it imports only the engine and never sets Django up.

Every roster is re-checked by the independent evaluator; a roster it rejects is a solver bug
and is printed as ``INVALID``.

Exit status: 0 every instance solved and accepted; 1 some instance had no solution or was
rejected; 2 could not run (bad ``--instances``, data folder or file missing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import rotaplan
from rotaplan.benchmark.nrp.best_known import BEST_KNOWN_UB
from rotaplan.benchmark.nrp.evaluate import evaluate
from rotaplan.benchmark.nrp.instance import InstanceError, read_instance_file
from rotaplan.benchmark.nrp.solution import write_solution_csv

from .files import Echo

ALL_OK, SOME_FAILED, COULD_NOT_RUN = 0, 1, 2


app = typer.Typer(help="Benchmarks of the rota solver. No database is needed.")


@app.command("nrp")
def nrp(
    instances: Annotated[
        str, typer.Option(help='Instances 1-24 as a range or list: "1-12", "1,3,5"')
    ] = "1-24",
    time_limit: Annotated[float, typer.Option(help="Seconds per instance")] = 20.0,
    workers: Annotated[int, typer.Option(help="CP-SAT worker threads")] = 2,
    seed: Annotated[int, typer.Option(help="CP-SAT random seed")] = 0,
    write_solutions: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Write InstanceN.csv (employee,day,shift) here"),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="Folder of InstanceN.txt; default shared/benchmarks/shift-scheduling "
            "beside the repository",
        ),
    ] = None,
) -> None:
    """Solve Curtois & Qu nurse rostering instances with CP-SAT, re-check each roster with
    the independent evaluator, and compare with the best known results.

    Exit status 0 all solved and accepted, 1 some unsolved or rejected, 2 could not run.
    """
    raise typer.Exit(
        run_bench_nrp(
            instances=instances,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            data=data,
            write_solutions=write_solutions,
            echo=typer.echo,
        )
    )


def default_data_dir() -> Path:
    """``shared/benchmarks/shift-scheduling`` beside the repository (src/rotaplan → ../../..)."""
    return Path(rotaplan.__file__).resolve().parents[3] / "shared/benchmarks/shift-scheduling"


def parse_instances(text: str) -> list[int]:
    """``"1-12"``, ``"1,3,5"`` or a mix such as ``"1-3,8"``; each number in 1..24."""
    out: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        first, sep, last = part.partition("-")
        try:
            lo = int(first)
            hi = int(last) if sep else lo
        except ValueError:
            raise ValueError(f"{part!r} is not a number or a range like 1-12") from None
        if lo > hi:
            raise ValueError(f"range {part!r} runs backwards")
        for n in range(lo, hi + 1):
            if n not in BEST_KNOWN_UB:
                raise ValueError(f"instance {n} does not exist; they are numbered 1-24")
            if n not in out:
                out.append(n)
    if not out:
        raise ValueError("no instances given")
    return out


def _secs(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def run_bench_nrp(
    *,
    instances: str,
    time_limit: float,
    workers: int,
    seed: int,
    data: Path | None,
    write_solutions: Path | None,
    echo: Echo,
) -> int:
    from rotaplan.benchmark.nrp.model import SolveParams, solve

    try:
        numbers = parse_instances(instances)
    except ValueError as exc:
        echo(f"--instances: {exc}", err=True)
        return COULD_NOT_RUN
    folder = data or default_data_dir()
    if not folder.is_dir():
        echo(
            f"The benchmark folder {folder} was not found. Pass --data DIR pointing at the "
            "folder holding Instance1.txt ... Instance24.txt.",
            err=True,
        )
        return COULD_NOT_RUN
    if write_solutions is not None:
        write_solutions.mkdir(parents=True, exist_ok=True)
    params = SolveParams(time_limit=time_limit, workers=workers, seed=seed)
    header = (
        f"{'inst':>4} {'objective':>9} {'bound':>9} {'best':>6} {'gap %':>7} "
        f"{'first s':>8} {'best s':>8} {'status':>9} evaluator"
    )
    echo(header)
    failed = False
    for n in numbers:
        path = folder / f"Instance{n}.txt"
        try:
            instance = read_instance_file(path)
        except (OSError, InstanceError) as exc:
            echo(f"Cannot read {path}: {exc}", err=True)
            return COULD_NOT_RUN
        result = solve(instance, params)
        best = BEST_KNOWN_UB[n]
        if result.objective is None:
            failed = True
            echo(
                f"{n:>4} {'-':>9} {result.bound:>9.0f} {best:>6} {'-':>7} "
                f"{'-':>8} {'-':>8} {result.status:>9} no solution"
            )
            continue
        if write_solutions is not None:
            (write_solutions / f"Instance{n}.csv").write_text(
                write_solution_csv(result.roster, instance), encoding="utf-8"
            )
        check = evaluate(instance, result.roster)
        if not check.feasible:
            verdict = "INVALID: " + "; ".join(v.message for v in check.hard_violations[:5])
            failed = True
        elif check.objective != result.objective:
            verdict = f"INVALID: evaluator objective {check.objective} != {result.objective}"
            failed = True
        else:
            verdict = "OK"
        gap = 100.0 * (result.objective - best) / best
        echo(
            f"{n:>4} {result.objective:>9} {result.bound:>9.0f} {best:>6} {gap:>7.2f} "
            f"{_secs(result.time_to_first):>8} {_secs(result.time_to_best):>8} "
            f"{result.status:>9} {verdict}"
        )
    return SOME_FAILED if failed else ALL_OK
