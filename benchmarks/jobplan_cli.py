"""How fast ``rotaplan jobplan`` counts one job plan (issue 19: under 100 ms), beside
``rotaplan check`` on a small rota.

Run: .venv/bin/python benchmarks/jobplan_cli.py [--repeat 15] [--file FILE]
         [--rota docs/examples/rota-compliant.json]

It times, on one core:

- in process: reading the document and counting its PAs (``read_job_plan_bytes`` then
  ``job_plan_pas``), and the whole command as the CLI runs it (``run_jobplan``, the text
  report built and printed to nowhere), each ``--repeat`` times after one call to warm up;
- as a person runs it: ``rotaplan jobplan FILE`` and ``rotaplan check ROTA`` in a new
  process each, ``--repeat`` times, alternately so that a busy machine slows both alike.
  This is what the 100 ms is about, and most of it is Python starting and importing.

It prints the median and the fastest and slowest of each.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROTAPLAN = Path(sys.executable).with_name("rotaplan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--file", type=Path, default=REPO / "docs/examples/jobplan-consultant.json")
    parser.add_argument("--rota", type=Path, default=REPO / "docs/examples/rota-compliant.json")
    args = parser.parse_args()
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"{args.file.relative_to(REPO) if args.file.is_relative_to(REPO) else args.file}")

    started = time.perf_counter()
    from rotaplan.cli.jobplan import OutputFormat, run_jobplan
    from rotaplan.engine.jobplan.pas import job_plan_pas
    from rotaplan.engine.jobplan.reader import read_job_plan_bytes

    print(f"importing the command and the engine: {_ms(time.perf_counter() - started)}")

    data = args.file.read_bytes()

    def count() -> None:
        job_plan_pas(read_job_plan_bytes(data))

    def command() -> None:
        run_jobplan(args.file, OutputFormat.TEXT, echo=_nowhere)

    _report("in process: read and count", _timed(count, args.repeat))
    _report("in process: the whole command (text report)", _timed(command, args.repeat))

    jobplan_runs: list[float] = []
    check_runs: list[float] = []
    for _ in range(args.repeat):
        jobplan_runs.append(_run([str(ROTAPLAN), "jobplan", str(args.file)], {0, 1}))
        check_runs.append(_run([str(ROTAPLAN), "check", str(args.rota)], {0, 1}))
    _report("new process: rotaplan jobplan", jobplan_runs)
    _report(f"new process: rotaplan check {args.rota.name}", check_runs)
    python_runs = [_run([sys.executable, "-c", "pass"], {0}) for _ in range(args.repeat)]
    _report("new process: python -c pass (the floor)", python_runs)


def _nowhere(message: str, *, err: bool = False) -> None:
    del message, err


def _timed(work: Callable[[], None], repeat: int) -> list[float]:
    work()  # warm: the contract figures are read and cached once
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        runs.append(time.perf_counter() - started)
    return runs


def _run(argv: list[str], fine: set[int]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, check=False, cwd=REPO)
    elapsed = time.perf_counter() - started
    if done.returncode not in fine:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()}")
    return elapsed


def _report(what: str, runs: list[float]) -> None:
    print(
        f"{what}: median {_ms(statistics.median(runs))} "
        f"(fastest {_ms(min(runs))}, slowest {_ms(max(runs))}, {len(runs)} runs)"
    )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms" if seconds < 0.01 else f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    main()
