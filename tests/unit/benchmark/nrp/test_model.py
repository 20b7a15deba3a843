"""The benchmark adapter, re-checked by the independent evaluator.

Every solve here is deterministic (``SolveParams.deterministic``): its limits are CP-SAT's
deterministic time on one worker, so each test takes the same steps however busy the
machine is."""

from __future__ import annotations

import pytest

from rotaplan.benchmark.nrp import model as nrp_model
from rotaplan.benchmark.nrp.evaluate import evaluate
from rotaplan.benchmark.nrp.instance import Instance, read_instance, read_instance_file
from rotaplan.benchmark.nrp.model import NrpModel, SolveParams, solve
from rotaplan.engine.solver.search_clock import WorkClock

from .conftest import BENCHMARKS, TINY


@pytest.fixture
def tiny() -> Instance:
    return read_instance(TINY, name="tiny")


def test_tiny_instance_objective_matches_the_evaluator(tiny: Instance) -> None:
    result = solve(tiny, SolveParams(time_limit=5, deterministic=True))
    assert result.status == "OPTIMAL"
    check = evaluate(tiny, result.roster)
    assert check.feasible, check.hard_violations
    assert result.objective == check.objective
    assert sum(cost for _, cost in result.penalties) == check.objective


def test_tiny_instance_without_hint_reaches_the_same_objective(tiny: Instance) -> None:
    hinted = solve(tiny, SolveParams(time_limit=5, deterministic=True))
    plain = solve(tiny, SolveParams(time_limit=5, deterministic=True, construct=False))
    assert plain.objective == hinted.objective


@pytest.mark.skipif(
    not (BENCHMARKS / "Instance1.txt").is_file(),
    reason=f"benchmark instances not found at {BENCHMARKS}",
)
def test_instance1_solves_to_a_roster_the_evaluator_accepts() -> None:
    instance = read_instance_file(BENCHMARKS / "Instance1.txt")
    result = solve(instance, SolveParams(time_limit=10, deterministic=True))
    assert result.objective is not None
    assert result.time_to_first is not None
    check = evaluate(instance, result.roster)
    assert check.feasible, check.hard_violations
    assert check.objective == result.objective


def test_tiny_instance_without_lns_reaches_the_same_objective(tiny: Instance) -> None:
    with_lns = solve(tiny, SolveParams(time_limit=5, deterministic=True))
    plain = solve(tiny, SolveParams(time_limit=5, deterministic=True, lns=False))
    assert plain.status == "OPTIMAL"
    assert plain.objective == with_lns.objective


@pytest.mark.skipif(
    not (BENCHMARKS / "Instance5.txt").is_file(),
    reason=f"benchmark instances not found at {BENCHMARKS}",
)
def test_lns_roster_is_accepted_and_its_objective_is_exact() -> None:
    instance = read_instance_file(BENCHMARKS / "Instance5.txt")
    result = solve(instance, SolveParams(time_limit=1.5, deterministic=True, first_phase=0.25))
    assert result.objective is not None
    check = evaluate(instance, result.roster)
    assert check.feasible, check.hard_violations
    assert check.objective == result.objective
    assert sum(cost for _, cost in result.penalties) == result.objective
    assert [o for _, o in result.progress] == sorted((o for _, o in result.progress), reverse=True)


def test_constructed_lines_are_returned_when_the_model_cannot_be_completed(
    tiny: Instance, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the largest instances completing the model for the constructed roster may not
    finish in time: the roster is still returned, with its objective computed directly."""

    def too_slow(m: NrpModel, lines: object, clock: WorkClock, time_limit: float) -> None:
        clock.spent += max(time_limit, 0)

    monkeypatch.setattr(nrp_model, "_complete", too_slow)
    result = solve(tiny, SolveParams(time_limit=1, deterministic=True))
    assert result.status == "FEASIBLE"  # the lines' own result: the model's would be proved
    assert result.roster
    check = evaluate(tiny, result.roster)
    assert check.feasible, check.hard_violations
    assert result.objective == check.objective
    assert result.time_to_first is not None
