"""How fast the rules engine checks a year of rotas, and where the time goes.

Run: .venv/bin/python benchmarks/rules_check.py [--doctors 1000] [--weeks 52] [--profile]

The rota is synthetic and the same every run: the demo trust's ten-week junior pattern
(``rotaplan.demo.pattern``) rolled over ``--weeks`` weeks from Monday 3 August 2026, doctor
``i`` on line ``i mod 10``, with a 24-hour on-call on the free Saturday of pattern week 3.
That is about 255 shifts a doctor a year, across both clock changes. It times, on one
core: building the ``RotaShifts``; ``check_rota``; writing the rota as an exchange JSON file and
reading it back (what ``rotaplan check`` does before checking). ``--profile`` runs the
check once more under cProfile and prints the functions the time goes to.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import platform
import pstats
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from functools import cache
from pathlib import Path
from typing import TypeVar

from rotaplan.demo.pattern import planned_shift
from rotaplan.engine.clock import hours_between, shift_bounds
from rotaplan.engine.formats.exchange_reader import read_exchange
from rotaplan.engine.formats.exchange_writer import write_exchange
from rotaplan.engine.rota import DoctorTerms, Period, RotaShifts, Shift, ShiftKind
from rotaplan.engine.rules import check_rota

T = TypeVar("T")

FIRST_MONDAY = date(2026, 8, 3)

# The demo's shift times (rotaplan.demo.shift_types, which needs Django, so they are repeated
# here): a night the clocks going back would stretch past 13 hours ends at 08:00 instead.
TIMES = {
    "D": (clock_time(9, 0), clock_time(17, 0)),
    "LD": (clock_time(8, 0), clock_time(20, 30)),
    "N": (clock_time(20, 0), clock_time(8, 30)),
}
CLOCKS_BACK_NIGHT = (clock_time(20, 0), clock_time(8, 0))
ON_CALL_24 = (clock_time(9, 0), clock_time(9, 0))
ON_CALL_WEEK, SATURDAY = 3, 5


def bounds(code: str, day: date) -> tuple[datetime, datetime]:
    if code == "OC24":
        return shift_bounds(day, *ON_CALL_24)
    start, end = shift_bounds(day, *TIMES[code])
    if hours_between(start, end) > 13:
        return shift_bounds(day, *CLOCKS_BACK_NIGHT)
    return start, end


def build_rota(doctors: int, weeks: int) -> RotaShifts:
    """Every doctor works the same few shifts on the same days, so each shift's London times
    are worked out once (``bounds``) and shared."""
    terms = tuple(DoctorTerms(f"D{i:04d}", grade="ST3") for i in range(doctors))
    shifts: list[Shift] = []
    times = cache(bounds)
    for line, doctor in enumerate(terms):
        for week in range(weeks):
            monday = FIRST_MONDAY + timedelta(weeks=week)
            for weekday in range(7):
                day = monday + timedelta(days=weekday)
                code = planned_shift(line, week, weekday)
                if code is not None:
                    shifts.append(Shift(doctor.id, *times(code, day)))
                elif weekday == SATURDAY and (line + week) % 10 == ON_CALL_WEEK:
                    shifts.append(Shift(doctor.id, *times("OC24", day), ShiftKind.ON_CALL))
    period = Period(FIRST_MONDAY, FIRST_MONDAY + timedelta(weeks=weeks, days=-1))
    return RotaShifts(period, terms, tuple(shifts))


def timed(what: str, action: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    print(f"{what:<34} {elapsed:8.2f} s")
    return result, elapsed


def machine() -> str:
    try:
        lines = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        model = next(ln.split(":", 1)[1].strip() for ln in lines.splitlines() if "Model name" in ln)
    except (OSError, subprocess.CalledProcessError, StopIteration):
        model = platform.processor() or platform.machine()
    return f"{model}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doctors", type=int, default=1000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--profile", action="store_true", help="profile the check")
    parser.add_argument("--top", type=int, default=20, help="functions to list with --profile")
    args = parser.parse_args()

    print(machine())
    rota, _ = timed("build the Rota", lambda: build_rota(args.doctors, args.weeks))
    print(f"{args.doctors:,} doctors, {args.weeks} weeks, {len(rota.shifts):,} shifts")
    report, checking = timed("check_rota", lambda: check_rota(rota))
    doctor_years = args.doctors * args.weeks / 52
    print(
        f"{len(report.breaches):,} breaches; {doctor_years / checking:,.0f} doctor-years "
        "a second checked, on one core"
    )

    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "rota.json"
        file.write_text(json.dumps(write_exchange(rota)))
        size = file.stat().st_size / 1024 / 1024
        read, _ = timed(
            f"read exchange JSON ({size:.1f} MB)", lambda: read_exchange(file.read_text())
        )
    assert len(read.shifts) == len(rota.shifts)

    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(check_rota, rota)
        print("\nWhere the time goes in check_rota (own time, then cumulative):")
        stats = pstats.Stats(profiler)
        stats.strip_dirs().sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
