"""Each builder on a tiny hand-made grid: a feasible case and an infeasible one."""

from __future__ import annotations

from ortools.sat.python import cp_model

from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.grid import ShiftGrid


def grid(persons: int = 1, horizon: int = 4, shifts: int = 1) -> ShiftGrid:
    return ShiftGrid(cp_model.CpModel(), persons, horizon, shifts)


def feasible(g: ShiftGrid) -> bool:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver.solve(g.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def minimum(g: ShiftGrid, penalties: list[b.Penalty]) -> int:
    b.objective(g.model, penalties)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(g.model) == cp_model.OPTIMAL
    return round(solver.objective_value)


def work(g: ShiftGrid, pattern: str, p: int = 0) -> None:
    """Fix person p's days: '1' works, '0' off, '.' free."""
    for d, ch in enumerate(pattern):
        if ch != ".":
            g.model.add(g.works(p, d) == int(ch))


def test_two_shifts_on_one_day_are_refused() -> None:
    g = grid(shifts=2)
    b.at_most_one_shift_a_day(g)
    g.model.add(g.cell(0, 0, 0) == 1)
    assert feasible(g)
    g.model.add(g.cell(0, 0, 1) == 1)
    assert not feasible(g)


def test_night_may_not_be_followed_by_an_early() -> None:
    g = grid(shifts=2, horizon=2)
    b.forbidden_successions(g, 0, [(1, 0)])  # shift 1 (night) then shift 0 (early)
    g.model.add(g.cell(0, 0, 1) == 1)
    g.model.add(g.cell(0, 1, 1) == 1)  # night after night is allowed
    assert feasible(g)

    g = grid(shifts=2, horizon=2)
    b.forbidden_successions(g, 0, [(1, 0)])
    g.model.add(g.cell(0, 0, 1) == 1)
    g.model.add(g.cell(0, 1, 0) == 1)
    assert not feasible(g)


def test_max_shifts_of_a_type() -> None:
    g = grid(horizon=3)
    b.max_shifts_of_type(g, 0, 0, 2)
    work(g, "11.")
    assert feasible(g)
    work(g, "..1")
    assert not feasible(g)


def test_total_minutes_between_limits() -> None:
    g = grid(horizon=3)
    b.total_minutes_between(g, 0, {0: 480}, 960, 1000)
    work(g, "1.0")
    assert feasible(g)  # day 1 must be worked
    g.model.add(g.works(0, 1) == 0)
    assert not feasible(g)


def test_max_two_consecutive_days_over_four_days_forces_an_off_day() -> None:
    g = grid(horizon=4)
    b.max_consecutive_working_days(g, 0, 2)
    g.model.add(sum(g.works(0, d) for d in g.days()) >= 3)
    assert feasible(g)
    g.model.add(sum(g.works(0, d) for d in g.days()) == 4)
    assert not feasible(g)


def test_single_working_day_is_refused_inside_the_horizon() -> None:
    g = grid(horizon=5)
    b.min_consecutive_working_days(g, 0, 2)
    work(g, ".010.")
    assert not feasible(g)


def test_short_work_stretch_at_the_boundary_depends_on_the_convention() -> None:
    g = grid(horizon=4)
    b.min_consecutive_working_days(g, 0, 2, b.Boundary.CONTINUES)
    work(g, "10..")
    assert feasible(g)

    g = grid(horizon=4)
    b.min_consecutive_working_days(g, 0, 2, b.Boundary.OFF)
    work(g, "10..")
    assert not feasible(g)


def test_single_day_off_is_refused_but_not_at_the_boundary() -> None:
    g = grid(horizon=5)
    b.min_consecutive_days_off(g, 0, 2)
    work(g, ".101.")
    assert not feasible(g)

    g = grid(horizon=5)
    b.min_consecutive_days_off(g, 0, 2, b.Boundary.OFF)
    work(g, "0111.")
    assert feasible(g)


def test_weekend_counts_if_saturday_or_sunday_is_worked() -> None:
    g = grid(horizon=14)
    b.max_weekends_worked(g, 0, 1)
    work(g, ".....11")  # both days of the first weekend: one weekend
    assert feasible(g)
    g = grid(horizon=14)
    b.max_weekends_worked(g, 0, 1)
    work(g, ".....1.......1")  # Saturday of week 1, Sunday of week 2
    assert not feasible(g)


def test_no_work_on_a_day_off() -> None:
    g = grid(horizon=3)
    b.days_off(g, 0, [1])
    work(g, "1.1")
    assert feasible(g)
    work(g, ".1.")
    assert not feasible(g)


def test_cover_gap_and_excess_are_charged() -> None:
    g = grid(persons=3, horizon=1)
    penalties = b.soft_cover(g, 0, 0, 2, weight_under=5, weight_over=1)
    b.days_off(g, 1, [0])
    b.days_off(g, 2, [0])
    assert minimum(g, penalties) == 5  # one nurse missing

    g = grid(persons=3, horizon=1)
    penalties = b.soft_cover(g, 0, 0, 2, weight_under=5, weight_over=1)
    for p in range(3):
        work(g, "1", p)
    assert minimum(g, penalties) == 1  # one nurse too many


def test_requests_cost_their_weight_when_not_met() -> None:
    g = grid(horizon=1)
    penalties = b.soft_requests(g, on=[(0, 0, 0, 3)], off=[(0, 0, 0, 2)])
    assert minimum(g, penalties) == 2  # cheaper to assign it and break the off request
    assert [p.name for p in penalties] == [
        "shift-on request p0 d0 s0 missed",
        "shift-off request p0 d0 s0 assigned",
    ]


def test_cover_gap_and_excess_are_exact_in_any_solution() -> None:
    # Maximising the penalties instead of minimising them: they still equal the true cost.
    g = grid(persons=3, horizon=1)
    penalties = b.soft_cover(g, 0, 0, 2, weight_under=5, weight_over=1)
    for p in range(2):
        work(g, "1", p)
    work(g, "0", 2)
    g.model.maximize(sum(p.weight * p.var for p in penalties))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(g.model) == cp_model.OPTIMAL
    assert round(solver.objective_value) == 0

    g = grid(persons=3, horizon=1)
    penalties = b.soft_cover(g, 0, 0, 2, weight_under=5, weight_over=1)
    work(g, "1", 0)
    g.model.maximize(sum(p.weight * p.var for p in penalties))
    assert solver.solve(g.model) == cp_model.OPTIMAL
    assert round(solver.objective_value) == 5  # worst true cost: both free nurses off
