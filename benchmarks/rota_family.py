"""The rota generator on the family of realistic rota problems (issue 17), each with a
compliant rota planted in it, so full cover is known to exist.

Run: .venv/bin/python benchmarks/rota_family.py [--seeds 1-30] [--time-limit 60]
         [--workers 2] [--joint] [--write FOLDER] [--demo] [--curtois 1-24
         [--curtois-time-limit 60]]

For each seed of the suite (``rotaplan.benchmark.rota_family.shape``: seeds 1 to 10 are
the standard shape, about 30 doctors in two tiers for 26 weeks; 11 to 30 are drawn across
the family's ranges) it plants the problem and prints its shape, the demand the planted
rota really meets, and whether the solver's model, stricter than the contract in places
(ADR 0015), takes the planted rota as it is (if not, full cover exists under the contract
but not under the solver's policies). With ``--time-limit`` above 0 it then generates a
rota for it and prints the time to the first complete rota, the shifts still below their
minimum at the end, and the spread (most minus fewest) of nights and weekends among the
doctors of each tier. With ``--joint`` the same problem is then given, for the
same time, to a plain joint CP-SAT model (the generator's own model with every day free and
every rule hard, cover and fairness in the objective, no search around it): the side by
side issue 17 asks the generator to beat. ``--write`` keeps each problem as a rota problem
document (``docs/rota-problem.md``) for ``rotaplan generate``.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from rotaplan.benchmark.rota_family.planting import PlantedProblem, plant
from rotaplan.benchmark.rota_family.policies import within_solver_policies
from rotaplan.benchmark.rota_family.shape import DRAWN_SEEDS, STANDARD_SEEDS, suite_shape
from rotaplan.engine.formats.problem_reader import read_problem
from rotaplan.engine.formats.problem_writer import write_problem
from rotaplan.engine.solver.generate import generate, no_rota, offer
from rotaplan.engine.solver.model import Weights
from rotaplan.engine.solver.outcome import GeneratedRota, SolveStatus
from rotaplan.engine.solver.search import RotaSearch, SearchSettings


def seeds(text: str) -> list[int]:
    """``1-30`` or ``1,4,11-12``."""
    chosen: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        chosen.extend(range(int(first), int(last or first) + 1))
    return chosen


def tier_spreads(answer: GeneratedRota, kind: str) -> Iterator[str]:
    """The spread of ``kind`` within each tier: per full-time share of the days available
    (the generator's own measure, WTE less leave), and in brackets per WTE alone."""
    fairness = answer.fairness
    for tier in fairness.tiers():
        rows = [r for r in fairness.rows if r.tier == tier and kind in r.eligible and r.wte]
        if len(rows) < 2:
            continue
        per_wte = [getattr(r, kind) / r.wte for r in rows]
        yield (
            f"{short_tier(tier)} {fairness.spread(kind, tier):.2f} "
            f"({max(per_wte) - min(per_wte):.2f})"
        )


def short_tier(tier: str) -> str:
    """ "Grades CT1, CT2, FY1 and FY2" as "CT1-FY2" for a line of figures."""
    grades = tier.removeprefix("Grades ").replace(" and ", ", ").split(", ")
    return grades[0] if len(grades) == 1 else f"{grades[0]}-{grades[-1]}"


def report(planted: PlantedProblem, answer: GeneratedRota) -> str:
    below = sum(gap.missing for gap in answer.gaps if gap.below == "minimum")
    first = f"{answer.seconds_to_first:.1f} s" if answer.seconds_to_first is not None else "none"
    nights = ", ".join(tier_spreads(answer, "nights")) or "-"
    weekends = ", ".join(tier_spreads(answer, "weekends")) or "-"
    outcome = (
        answer.status.value if answer.compliant else f"{answer.status.value}: {answer.message}"
    )
    return (
        f" {outcome}; first rota {first}; {below} shifts below minimum; "
        f"spread per full-time share (per WTE), nights {nights}; weekends {weekends}"
    )


def joint(planted: PlantedProblem, time_limit: float, workers: int) -> GeneratedRota:
    """One CP-SAT solve of the whole problem in ``time_limit`` seconds, judged as the
    generator's answers are."""
    problem = planted.problem
    began = time.perf_counter()
    settings = SearchSettings(time_limit, workers)
    search = RotaSearch(problem, settings, Weights(), lambda _: None, lambda: False)
    result = search.step((), range(problem.period.days), time_limit, Weights(), hint=False)
    seconds = time.perf_counter() - began
    if not result.shifts and result.objective == float("inf"):
        return no_rota(problem, SolveStatus.NO_ROTA, seconds, "no rota within the time")
    return offer(
        problem,
        result.shifts,
        status=SolveStatus.FEASIBLE,
        objective=result.objective,
        bound=result.bound,
        seconds=seconds,
        seconds_to_first=seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default=f"{STANDARD_SEEDS[0]}-{DRAWN_SEEDS[-1]}")
    parser.add_argument("--time-limit", type=float, default=0.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--joint", action="store_true")
    parser.add_argument("--write", type=Path)
    parser.add_argument(
        "--demo", action="store_true", help="also the demo trust's acute medicine junior rota"
    )
    parser.add_argument(
        "--curtois",
        metavar="INSTANCES",
        help='also Curtois & Qu instances ("1-24") at --curtois-time-limit, in the same run',
    )
    parser.add_argument("--curtois-time-limit", type=float, default=60.0)
    args = parser.parse_args()
    print(f"{platform.machine()}, {platform.python_version()}; time limit {args.time_limit} s")
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
    for seed in seeds(args.seeds):
        began = time.perf_counter()
        planted = plant(suite_shape(seed))
        problem = planted.problem
        policies = {True: "yes", False: "no", None: "not known"}[within_solver_policies(planted)]
        print(
            f"{planted.shape.describe()}\n  {len(problem.shift_types)} shift types, "
            f"{len(planted.planted)} shifts planted ({planted.demand_share:.0%} of supply), "
            f"planted in {time.perf_counter() - began:.1f} s; the planted rota within the "
            f"solver's own policies: {policies}"
        )
        if args.write:
            path = args.write / f"family-{seed:02d}.json"
            path.write_text(json.dumps(write_problem(problem), indent=1))
        if args.time_limit > 0:
            answer = generate(problem, time_limit=args.time_limit, workers=args.workers)
            print(f"  generate:{report(planted, answer)}", flush=True)
            if args.joint:
                plain = joint(planted, args.time_limit, args.workers)
                print(f"  joint:   {report(planted, plain)}", flush=True)
    if args.demo and args.time_limit > 0:
        demo_rota(args.time_limit, args.workers)
    if args.curtois:
        subprocess.run(
            [
                str(Path(sys.executable).parent / "rotaplan"),
                "bench",
                "nrp",
                "--instances",
                args.curtois,
                "--time-limit",
                f"{args.curtois_time_limit:g}",
                "--workers",
                str(args.workers),
            ],
            check=False,
        )


def demo_rota(time_limit: float, workers: int) -> None:
    """The demo trust's acute medicine junior rota (``acute_rota.py``), generated as the
    family's problems are; there is no planted rota, so no spread of the planted."""
    from acute_rota import export_problem  # the script beside this one

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "acute.json"
        export_problem(path)
        problem = read_problem(path.read_text())
    answer = generate(problem, time_limit=time_limit, workers=workers)
    below = sum(gap.missing for gap in answer.gaps if gap.below == "minimum")
    first = f"{answer.seconds_to_first:.1f} s" if answer.seconds_to_first is not None else "none"
    nights = ", ".join(tier_spreads(answer, "nights")) or "-"
    weekends = ", ".join(tier_spreads(answer, "weekends")) or "-"
    print(
        f"demo acute medicine juniors: {len(problem.doctors)} doctors, "
        f"{problem.period.weeks:g} weeks\n  generate: {answer.status.value}; first rota "
        f"{first}; {below} shifts below minimum; spread per full-time share (per WTE), "
        f"nights {nights}; weekends {weekends}",
        flush=True,
    )


if __name__ == "__main__":
    main()
