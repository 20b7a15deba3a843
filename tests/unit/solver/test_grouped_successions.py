"""The grouped succession builder forbids exactly what the pairwise one does."""

from __future__ import annotations

import itertools
import random

from ortools.sat.python import cp_model

from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.grid import ShiftGrid


class _Count(cp_model.CpSolverSolutionCallback):
    def __init__(self, grid: ShiftGrid) -> None:
        super().__init__()
        self.grid = grid
        self.rosters: set[tuple[int, ...]] = set()

    def on_solution_callback(self) -> None:
        self.rosters.add(tuple(self.value(var) for _, var in self.grid.cells()))


def _rosters(pairs: list[tuple[int, int]], grouped: bool) -> set[tuple[int, ...]]:
    g = ShiftGrid(cp_model.CpModel(), 1, 3, 3)
    b.at_most_one_shift_a_day(g)
    if grouped:
        b.forbidden_successions_grouped(g, 0, pairs)
    else:
        b.forbidden_successions(g, 0, pairs)
    solver = cp_model.CpSolver()
    solver.parameters.enumerate_all_solutions = True
    solver.parameters.num_workers = 1
    count = _Count(g)
    assert solver.solve(g.model, count) == cp_model.OPTIMAL
    return count.rosters


def test_grouped_successions_allow_the_same_rosters_as_pairwise() -> None:
    rng = random.Random(7)
    every_pair = list(itertools.product(range(3), repeat=2))
    for _ in range(8):
        pairs = rng.sample(every_pair, rng.randrange(1, len(every_pair)))
        assert _rosters(pairs, grouped=True) == _rosters(pairs, grouped=False), pairs


def test_no_pairs_leave_every_roster_allowed() -> None:
    assert len(_rosters([], grouped=True)) == 4**3
