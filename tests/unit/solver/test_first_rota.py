"""The rota written by hand before the search starts: the solver's own model must accept
it exactly as written (the search starts from it), the rules engine must find nothing in
it, and it never puts more doctors on a shift than its ideal (or than are fixed to it).

The model is the real one, every cell fixed as the written rota has it; a line the
writer lets through and the model refuses fails here, not in a coordinator's search."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace
from datetime import date, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from rotaplan.engine.clock import local_datetime
from rotaplan.engine.rota import ShiftKind
from rotaplan.engine.solver.cells import RotaCells
from rotaplan.engine.solver.first_rota import first_rota
from rotaplan.engine.solver.generate import offer
from rotaplan.engine.solver.model import RotaModel, Weights
from rotaplan.engine.solver.outcome import RotaShift, SolveStatus
from rotaplan.engine.solver.problem import FixedShift, FixedTime, RotaProblem

from .rota_problems import days, odd_shift_problems, small_problems, ward

EXAMPLES = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def model_accepts(problem: RotaProblem, shifts: tuple[RotaShift, ...]) -> bool:
    built = RotaModel(problem, Weights(), current=shifts, free_days=range(problem.period.days))
    for p, cells in enumerate(built.allowed):
        for cell in cells - built.held[p]:
            domain = built.model.proto.variables[built.x(p, cell).index].domain
            domain[0] = domain[1] = int(cell in built.now[p])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 20
    return solver.solve(built.model) == cp_model.OPTIMAL


def assert_written_within_everything(problem: RotaProblem) -> tuple[RotaShift, ...]:
    written = first_rota(problem, RotaCells(problem))
    assert model_accepts(problem, written)
    answer = offer(
        problem,
        written,
        status=SolveStatus.FEASIBLE,
        objective=0.0,
        bound=0.0,
        seconds=0.0,
        seconds_to_first=None,
    )
    assert answer.compliant, answer.message
    assert answer.report.breaches == ()
    on_shift = Counter((s.day, s.shift) for s in written)
    fixed = Counter(
        (f.day, f.shift) for d in problem.doctors for f in d.fixed if isinstance(f, FixedShift)
    )
    for cover in problem.demand:
        where = (cover.day, cover.shift)
        assert on_shift[where] <= max(cover.ideal, fixed[where])
    return written


@st.composite
def committed_problems(draw: st.DrawFn) -> RotaProblem:
    """Wards over four weeks where doctors came off nights or on call on another rota
    just before the period or during it, and some shifts are fixed already."""
    first = draw(st.sampled_from([date(2026, 8, 3), date(2026, 10, 19), date(2027, 3, 22)]))
    team = ward(doctors=draw(st.integers(4, 8)), weeks=4, first=first, grades=("ST3", "CT2"))
    doctors = list(team.doctors)
    for p in draw(st.sets(st.integers(0, len(doctors) - 1), max_size=3)):
        start = first + timedelta(days=draw(st.integers(-3, 20)))
        if draw(st.booleans()):
            fixed: tuple[FixedShift | FixedTime, ...] = tuple(
                FixedTime(
                    local_datetime(day, time(20)),
                    local_datetime(day + timedelta(days=1), time(8, 30)),
                    "N",
                )
                for day in days(start, draw(st.integers(1, 4)))
            )
        else:
            fixed = (
                FixedTime(
                    local_datetime(start, time(9)),
                    local_datetime(start + timedelta(days=1), time(9)),
                    "on call",
                    ShiftKind.ON_CALL,
                ),
            )
        if draw(st.booleans()):
            fixed += (FixedShift(first + timedelta(days=draw(st.integers(22, 27))), "LD"),)
        doctors[p] = replace(doctors[p], fixed=fixed)
    return replace(team, doctors=tuple(doctors))


@EXAMPLES
@given(small_problems())
def test_written_rotas_on_random_wards_are_within_the_model_and_the_rules(
    problem: RotaProblem,
) -> None:
    assert_written_within_everything(problem)


@EXAMPLES
@given(odd_shift_problems())
def test_written_rotas_read_odd_shifts_as_the_model_does(problem: RotaProblem) -> None:
    """Nights from midnight, long nights, long late evenings before 2019, on call."""
    assert_written_within_everything(problem)


@EXAMPLES
@given(committed_problems())
def test_written_rotas_work_round_fixed_times_and_keep_fixed_shifts(problem: RotaProblem) -> None:
    written = assert_written_within_everything(problem)
    for doctor in problem.doctors:
        for fixed in doctor.fixed:
            if isinstance(fixed, FixedShift):
                assert RotaShift(doctor.id, fixed.day, fixed.shift) in written


def test_a_well_staffed_ward_is_written_with_every_minimum_met() -> None:
    """Eight doctors for a night and a long day a day and two or three on weekdays: the
    writer alone meets every minimum, nights in blocks."""
    problem = ward(doctors=10, weeks=4, grades=("ST3", "CT2"))

    written = assert_written_within_everything(problem)

    on_shift = Counter((s.day, s.shift) for s in written)
    assert all(on_shift[(c.day, c.shift)] >= c.minimum for c in problem.demand)
    nights = sorted((s.doctor, s.day) for s in written if s.shift == "N")
    followed = sum(
        1
        for (a, day), (b, then) in itertools.pairwise(nights)
        if a == b and then == day + timedelta(1)
    )
    assert followed >= len(nights) // 2  # most nights are in blocks, not alone


def test_half_timers_are_written_about_half_the_nights() -> None:
    problem = ward(doctors=8, weeks=8, grades=("ST3",), wte={0: 0.5, 1: 0.5}, day_ideal=2)

    written = first_rota(problem, RotaCells(problem))

    nights = Counter(s.doctor for s in written if s.shift == "N")
    half = (nights["D1"] + nights["D2"]) / 2
    full = sum(nights[f"D{i}"] for i in range(3, 9)) / 6
    assert 0.4 * full <= half <= 0.75 * full
