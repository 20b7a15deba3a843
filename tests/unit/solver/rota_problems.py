"""Small rota problems for the generator's tests, built in code so each test shows the
facts it depends on."""

from __future__ import annotations

from datetime import date, time, timedelta

from rotaplan.engine.rota import Period
from rotaplan.engine.solver.problem import (
    CoverDemand,
    FixedShift,
    ProblemDoctor,
    Request,
    RotaProblem,
    ShiftTypeSpec,
    Unavailable,
)

MONDAY = date(2026, 8, 3)
DAY = ShiftTypeSpec("D", "Day", time(9), time(17))
LONG_DAY = ShiftTypeSpec("LD", "Long day", time(8), time(20, 30))
NIGHT = ShiftTypeSpec("N", "Night", time(20), time(8, 30), grades=frozenset({"ST3", "CT2"}))


def days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(count)]


def ward(
    doctors: int = 8,
    weeks: int = 2,
    *,
    first: date = MONDAY,
    nights: int = 1,
    long_days: int = 1,
    day_minimum: int = 2,
    day_ideal: int = 3,
    grades: tuple[str, ...] = ("ST3", "CT2", "FY1"),
    wte: dict[int, float] | None = None,
    unavailable: dict[int, list[date]] | None = None,
    fixed: dict[int, list[tuple[date, str]]] | None = None,
    requests: tuple[Request, ...] = (),
    shift_types: tuple[ShiftTypeSpec, ...] = (DAY, LONG_DAY, NIGHT),
) -> RotaProblem:
    """A ward staffed around the clock: ``nights`` on N and ``long_days`` on LD every
    day, days on weekdays; doctor ``i`` has grade ``grades[i % len(grades)]``."""
    period = Period(first, first + timedelta(days=7 * weeks - 1))
    team = tuple(
        ProblemDoctor(
            f"D{i + 1}",
            f"Dr {i + 1}",
            grades[i % len(grades)],
            wte=(wte or {}).get(i, 1.0),
            unavailable=tuple(Unavailable(d) for d in (unavailable or {}).get(i, [])),
            fixed=tuple(FixedShift(d, s) for d, s in (fixed or {}).get(i, [])),
        )
        for i in range(doctors)
    )
    codes = {s.code for s in shift_types}
    demand = []
    for day in days(first, 7 * weeks):
        if "N" in codes and nights:
            demand.append(CoverDemand(day, "N", nights, nights))
        if "LD" in codes and long_days:
            demand.append(CoverDemand(day, "LD", long_days, long_days))
        if "D" in codes and day.weekday() < 5 and day_ideal:
            demand.append(CoverDemand(day, "D", day_minimum, day_ideal))
    return RotaProblem(period, team, shift_types, tuple(demand), requests)
