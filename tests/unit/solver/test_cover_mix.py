"""Cover as coordinators say it: "three juniors on nights, at least one of them an FY2 or
core trainee". The generator meets the mix where it can, and where it cannot, the gap
says whose cover is short and why."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from rotaplan.engine.rules import check_rota
from rotaplan.engine.solver.cells import RotaCells
from rotaplan.engine.solver.first_rota import first_rota
from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.problem import (
    CoverDemand,
    CoverMix,
    ProblemDoctor,
    RotaProblem,
    ShiftTypeSpec,
    Unavailable,
)

from .rota_problems import MONDAY, days, ward

JUNIORS = frozenset({"FY1", "FY2", "CT"})
SENIOR = CoverMix(1, frozenset({"FY2", "CT"}))
NIGHT = ShiftTypeSpec("N", "Night", time(20), time(8, 30), grades=JUNIORS)
DAY = ShiftTypeSpec("D", "Day", time(8), time(17), grades=JUNIORS)


def junior_nights(weeks: int = 4, away: tuple[int, ...] = ()) -> RotaProblem:
    """Fourteen juniors, six of them FY2 or CT; three on every night, one of them
    senior; two on every weekday. ``away``: days (from the start) every senior is on leave."""
    grades = ["FY1"] * 8 + ["FY2", "FY2", "FY2", "CT", "CT", "CT"]
    leave = tuple(Unavailable(d) for i in away for d in days(MONDAY, weeks * 7)[i : i + 1])
    doctors = tuple(
        ProblemDoctor(
            f"J{i + 1}", f"Dr J{i + 1}", grade, unavailable=leave if grade != "FY1" else ()
        )
        for i, grade in enumerate(grades)
    )
    demand = tuple(
        cover
        for day in days(MONDAY, weeks * 7)
        for cover in (CoverDemand(day, "N", 3, 3, (SENIOR,)), CoverDemand(day, "D", 2, 2))
        if cover.shift == "N" or day.weekday() < 5
    )
    base = ward(weeks=weeks)
    return replace(base, doctors=doctors, shift_types=(NIGHT, DAY), demand=demand)


def seniors_on(shifts, day) -> int:
    senior = {f"J{i}" for i in range(9, 15)}
    return sum(1 for s in shifts if s.day == day and s.shift == "N" and s.doctor in senior)


def test_every_night_has_its_senior_junior() -> None:
    problem = junior_nights()

    result = generate(problem, time_limit=3, deterministic=True)

    assert result.compliant, result.message
    assert check_rota(result.rota).breaches == ()
    assert [g for g in result.gaps if g.below == "minimum"] == []
    for day in days(MONDAY, 28):
        assert seniors_on(result.shifts, day) >= 1
        assert sum(1 for s in result.shifts if s.day == day and s.shift == "N") == 3


def test_the_written_rota_puts_a_senior_on_every_night_first() -> None:
    problem = junior_nights()

    written = first_rota(problem, RotaCells(problem))

    assert all(seniors_on(written, day) >= 1 for day in days(MONDAY, 28))


def test_a_night_every_senior_is_away_is_a_gap_that_says_whose_and_why() -> None:
    """Every senior on leave on Wednesday of the second week: that night and the one
    before (which runs into Wednesday morning) have no senior, and say so."""
    problem = junior_nights(away=(9,))

    result = generate(problem, time_limit=3, deterministic=True)

    assert result.compliant, result.message
    gaps = [g for g in result.gaps if g.below == "minimum"]
    assert [(g.day, g.shift, g.of, g.needed, g.rostered) for g in gaps] == [
        (day, "N", "CT or FY2", 1, 0) for day in days(MONDAY, 28)[8:10]
    ]
    for gap in gaps:
        assert gap.reasons == ("Of the 6 qualified doctors of CT or FY2: 6 on leave.",)
