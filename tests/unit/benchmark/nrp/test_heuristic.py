"""The line-by-line construction gives a roster the independent evaluator accepts.

Every search here runs by the deterministic clock (``WorkClock``): its deadlines are CP-SAT's
deterministic time, so each test takes the same steps on an idle or a loaded machine."""

from __future__ import annotations

import pytest

from rotaplan.benchmark.nrp.evaluate import evaluate
from rotaplan.benchmark.nrp.heuristic import greedy_lines, line_ok, plan_lines
from rotaplan.benchmark.nrp.instance import read_instance, read_instance_file
from rotaplan.benchmark.nrp.model import _lines_objective, line_model
from rotaplan.engine.solver.search_clock import WorkClock

from .conftest import BENCHMARKS, TINY, needs_benchmarks


def test_planned_lines_make_a_feasible_roster() -> None:
    instance = read_instance(TINY, name="tiny")
    lines = plan_lines(instance, line_model, WorkClock(), 10)
    assert lines is not None
    roster = {(emp, d): s for emp, line in lines.items() for d, s in line.items()}
    assert evaluate(instance, roster).feasible


def test_no_time_gives_no_roster() -> None:
    instance = read_instance(TINY, name="tiny")
    assert plan_lines(instance, line_model, WorkClock(), -1) is None


def test_greedy_lines_make_a_feasible_roster() -> None:
    instance = read_instance(TINY, name="tiny")
    lines = greedy_lines(instance, WorkClock(), 10)
    assert lines is not None
    assert all(line_ok(instance, s, lines[s.id]) for s in instance.staff)
    roster = {(emp, d): s for emp, line in lines.items() for d, s in line.items()}
    assert evaluate(instance, roster).feasible


def test_line_ok_rejects_what_the_evaluator_rejects() -> None:
    instance = read_instance(TINY, name="tiny")
    a, b = instance.staff
    # A may work E, E on days 0-1 (day 2 is a day off for A).
    assert line_ok(instance, a, {0: "E", 1: "E"})
    assert not line_ok(instance, a, {2: "E"})  # a day off
    assert not line_ok(instance, a, {0: "L", 1: "E"})  # L may not be followed by E
    assert not line_ok(instance, a, {})  # below the minimum minutes
    assert line_ok(instance, b, {0: "L", 1: "L"})
    assert not line_ok(instance, b, {0: "L", 1: "L", 2: "L"})  # above the maximum minutes


@needs_benchmarks
@pytest.mark.parametrize("number", [1, 7, 20, 22])
def test_greedy_lines_of_benchmark_instances_are_accepted(number: int) -> None:
    instance = read_instance_file(BENCHMARKS / f"Instance{number}.txt")
    lines = greedy_lines(instance, WorkClock(), 30)
    assert lines is not None
    roster = {(emp, d): s for emp, line in lines.items() for d, s in line.items()}
    check = evaluate(instance, roster)
    assert check.feasible, [v.message for v in check.hard_violations[:3]]
    assert _lines_objective(instance, lines) == check.objective


@needs_benchmarks
def test_plan_lines_finishes_a_year_long_instance_in_a_short_time() -> None:
    """Solving 100 lines of 364 days does not fit in 2 seconds of solver work: the pace
    check switches to lines built without a solver, so a roster is returned within the
    budget, and it is feasible."""
    instance = read_instance_file(BENCHMARKS / "Instance23.txt")
    clock = WorkClock()
    lines = plan_lines(instance, line_model, clock, 2)
    assert lines is not None
    assert clock.now() <= 2
    roster = {(emp, d): s for emp, line in lines.items() for d, s in line.items()}
    assert evaluate(instance, roster).feasible
