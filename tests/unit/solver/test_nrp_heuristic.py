"""The line-by-line construction gives a roster the independent evaluator accepts."""

from __future__ import annotations

import time

from rotaplan.engine.nrp.evaluate import evaluate
from rotaplan.engine.nrp.instance import read_instance
from rotaplan.engine.solver.nrp_heuristic import plan_lines
from rotaplan.engine.solver.nrp_model import line_model
from tests.unit.nrp.conftest import TINY


def test_planned_lines_make_a_feasible_roster() -> None:
    instance = read_instance(TINY, name="tiny")
    lines = plan_lines(instance, line_model, time.perf_counter() + 10)
    assert lines is not None
    roster = {(emp, d): s for emp, line in lines.items() for d, s in line.items()}
    assert evaluate(instance, roster).feasible


def test_no_time_gives_no_roster() -> None:
    instance = read_instance(TINY, name="tiny")
    assert plan_lines(instance, line_model, time.perf_counter() - 1) is None
