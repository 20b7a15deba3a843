"""Small rota problems for the generator's tests, built in code so each test shows the
facts it depends on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

from hypothesis import strategies as st

from rotaplan.engine.rota import Period, ShiftKind
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


@st.composite
def small_problems(draw: st.DrawFn) -> RotaProblem:
    doctors = draw(st.integers(3, 7))
    grades = tuple(draw(st.lists(st.sampled_from(["ST3", "CT2", "FY1"]), min_size=1, max_size=3)))
    leave = {
        i: days(MONDAY + timedelta(days=draw(st.integers(0, 12))), draw(st.integers(1, 4)))
        for i in draw(st.sets(st.integers(0, doctors - 1), max_size=2))
    }
    wte = {
        i: draw(st.sampled_from([0.5, 0.6, 0.8]))
        for i in draw(st.sets(st.integers(0, doctors - 1), max_size=2))
    }
    return ward(
        doctors=doctors,
        grades=grades,
        nights=draw(st.integers(0, 2)),
        long_days=draw(st.integers(0, 2)),
        day_minimum=draw(st.integers(0, 2)),
        day_ideal=draw(st.integers(2, 3)),
        unavailable=leave,
        wte=wte,
        first=draw(st.sampled_from([MONDAY, date(2026, 10, 21), date(2027, 3, 24)])),
    )


ODD_SHIFTS = (
    ShiftTypeSpec("N0", "Night from midnight", time(0), time(8)),
    ShiftTypeSpec("N23", "Night from 23:00", time(23), time(7)),
    ShiftTypeSpec("N12", "Long night", time(20), time(8)),
    ShiftTypeSpec("LE", "Long late evening", time(13), time(23, 30)),
    ShiftTypeSpec("ON", "Overnight on call", time(17), time(9), kind=ShiftKind.ON_CALL),
    ShiftTypeSpec("D", "Day", time(9), time(17)),
)


@st.composite
def odd_shift_problems(draw: st.DrawFn) -> RotaProblem:
    """Wards whose shifts test the readings: nights from midnight beside nights from
    23:00, long nights, long late evenings (limited apart before 2019) and overnight on
    call, each wanted on some days, over periods across a clock change or before 2019."""
    first = draw(st.sampled_from([MONDAY, date(2026, 10, 19), date(2018, 8, 6)]))
    types = tuple(draw(st.sets(st.sampled_from(ODD_SHIFTS), min_size=2, max_size=4)))
    demand = tuple(
        CoverDemand(day, spec.code, 0, 1)
        for spec in types
        for day in days(first, 14)
        if draw(st.booleans())
    )
    base = ward(doctors=draw(st.integers(2, 4)), first=first, shift_types=types)
    return replace(base, demand=demand)


def half_timers_on_long_days() -> RotaProblem:
    """Three half-timers for a long day every day of four weeks: 28 long days of 12.5 h
    need 350 h; held pro rata they may work 3 x 24 h x 4 = 288 h, under the contract 3 x
    192 h."""
    return ward(
        doctors=3,
        weeks=4,
        grades=("ST3",),
        nights=0,
        long_days=1,
        day_ideal=0,
        wte={0: 0.5, 1: 0.5, 2: 0.5},
    )
