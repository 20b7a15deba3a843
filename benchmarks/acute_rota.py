"""The demo trust's 24/7 acute medicine junior rota, generated and repaired.

Run: .venv/bin/python benchmarks/acute_rota.py [--workers 2] [--problem FILE]

Builds the demo trust in a fresh SQLite file, exports acute medicine's junior rota problem
for the 26 weeks after the demo's published rota (Mon 1 Feb 2027 to Sun 1 Aug 2027: its
doctors, cover requirements, leave, requests, and the published rota's last fortnight,
which the new rota must rest doctors after), then, in this process and with no database:

1. generates it with 30 s and with 60 s allowed: the time to the first rota that has every
   shift built, the shifts below their minimum, and the fairness spreads (most minus
   fewest nights, weekends and long days per whole-time equivalent) at the end;
2. repairs the 60-s rota for a week's sickness of the doctor with most shifts that week,
   with 4 s allowed for building and searching (the wall time printed adds the rules
   check and the explanations): changes proposed, and cover kept.

Every rota is re-checked by the rules engine before it counts (``generate`` does so).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rotaplan.engine.formats.problem_reader import read_problem
from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.outcome import GeneratedRota
from rotaplan.engine.solver.problem import RotaProblem
from rotaplan.engine.solver.repair import repair, with_absence

BIN = Path(sys.executable).parent
FIRST, LAST = date(2027, 2, 1), date(2027, 8, 1)


def export_problem(target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ}
        env.pop("DATABASE_URL", None)
        manage = Path(__file__).resolve().parents[1] / "manage.py"
        subprocess.run(
            [sys.executable, str(manage), "migrate", "-v0"], cwd=folder, env=env, check=True
        )
        subprocess.run(
            [str(BIN / "rotaplan"), "demo"], cwd=folder, env=env, check=True, capture_output=True
        )
        subprocess.run(
            [
                str(BIN / "rotaplan"),
                "export-problem",
                "--department",
                "acute-medicine",
                "--from",
                FIRST.isoformat(),
                "--to",
                LAST.isoformat(),
                "--output",
                str(target),
            ],
            cwd=folder,
            env=env,
            check=True,
        )


def describe(result: GeneratedRota, label: str) -> None:
    short = [g for g in result.gaps if g.below == "minimum"]
    thin = [g for g in result.gaps if g.below == "ideal"]
    fairness = result.fairness
    first = f"{result.seconds_to_first:.1f} s" if result.seconds_to_first is not None else "none"
    print(
        f"{label}: {result.status.value}, {len(result.shifts)} shifts, "
        f"{len(result.report.breaches)} breaches, first complete rota after {first}, "
        f"{sum(g.missing for g in short)} doctor-shifts below minimum on {len(short)} shifts, "
        f"{len(thin)} shifts below ideal; objective {result.objective:,.0f}; spread per WTE: "
        f"nights {fairness.spread('nights'):.2f}, weekends {fairness.spread('weekends'):.2f}, "
        f"long days {fairness.spread('long_days'):.2f}; "
        f"requests honoured {sum(r.honoured for r in result.requests)}/{len(result.requests)}"
    )


def sickness_week(problem: RotaProblem, result: GeneratedRota) -> tuple[str, list[date]]:
    """The doctor with most shifts in the rota's eighth week, and that week."""
    week = [problem.period.start + timedelta(days=49 + i) for i in range(7)]
    busiest = max(
        problem.doctors,
        key=lambda d: sum(s.doctor == d.id and s.day in week for s in result.shifts),
    )
    return busiest.id, week


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--problem", type=Path, default=None, help="Use this exported problem")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.problem or Path(folder) / "acute-medicine.json"
        if args.problem is None:
            export_problem(path)
        problem = read_problem(path.read_text())
    print(
        f"Acute medicine juniors {FIRST} to {LAST}: {len(problem.doctors)} doctors, "
        f"{len(problem.shift_types)} shift types, {len(problem.demand)} shifts of cover, "
        f"{len(problem.requests)} requests ({platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, {args.workers} workers)"
    )
    describe(generate(problem, time_limit=30, workers=args.workers), "30 s")
    result = generate(problem, time_limit=60, workers=args.workers)
    describe(result, "60 s")
    doctor, week = sickness_week(problem, result)
    sick = with_absence(problem, doctor, week)
    lost = sum(s.doctor == doctor and s.day in week for s in result.shifts)
    started = time.perf_counter()
    proposal = repair(sick, result.shifts, (week[0], week[-1]), time_limit=4, workers=args.workers)
    elapsed = time.perf_counter() - started
    before = {(g.day, g.shift) for g in result.gaps if g.below == "minimum"}
    after = {(g.day, g.shift) for g in proposal.result.gaps if g.below == "minimum"}
    print(
        f"repair, doctor {doctor} sick {week[0]} to {week[-1]} ({lost} shifts lost): "
        f"{proposal.result.status.value} in {elapsed:.2f} s wall, "
        f"{len(proposal.removed)} shifts removed, {len(proposal.added)} added, "
        f"{len(proposal.result.report.breaches)} breaches, "
        f"shifts below minimum {len(before)} before, {len(after)} after"
    )


if __name__ == "__main__":
    main()
