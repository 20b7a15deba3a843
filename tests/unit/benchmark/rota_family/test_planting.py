"""The family of rota problems: each has a compliant rota planted in it that meets every
minimum, so full cover is known to exist; the suite's shapes stay within the ranges issue
17 names; a seed always gives the same problem."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest

from rotaplan.benchmark.rota_family.planting import PlantedProblem, plant
from rotaplan.benchmark.rota_family.policies import within_solver_policies
from rotaplan.benchmark.rota_family.shape import (
    CONSULTANTS,
    DRAWN_SEEDS,
    JUNIORS,
    REGISTRARS_ON_CALL,
    STANDARD_SEEDS,
    RotaShape,
    TierStaff,
    suite_shape,
)
from rotaplan.engine.formats.problem_reader import read_problem
from rotaplan.engine.formats.problem_writer import write_problem
from rotaplan.engine.solver.generate import offer
from rotaplan.engine.solver.outcome import RotaShift, SolveStatus

SMALL = RotaShape(
    seed=5,
    start=date(2026, 10, 5),  # across the October clock change
    weeks=8,
    staff=(
        TierStaff(JUNIORS, 12),
        TierStaff(CONSULTANTS, 6),
        TierStaff(REGISTRARS_ON_CALL, 7),
    ),
    ltft_share=0.3,
    leave_share=0.06,
    demand_share=0.9,
)


@pytest.fixture(scope="module")
def small() -> PlantedProblem:
    return plant(SMALL)


def test_the_planted_rota_passes_the_rules_engine(small):
    answer = offer(
        small.problem,
        small.planted,
        status=SolveStatus.FEASIBLE,
        objective=0.0,
        bound=0.0,
        seconds=0.0,
        seconds_to_first=None,
    )
    assert answer.status == SolveStatus.FEASIBLE, answer.message
    assert answer.report.breaches == ()


def test_the_planted_rota_meets_every_minimum_asked(small):
    worked = Counter((s.day, s.shift) for s in small.planted)
    short = [d for d in small.problem.demand if worked[(d.day, d.shift)] < d.minimum]
    assert short == []
    assert sum(d.minimum for d in small.problem.demand) == len(small.planted)


def test_no_one_works_on_leave_or_outside_their_tier(small):
    leave = {(d.id, u.day) for d in small.problem.doctors for u in d.unavailable}
    grades = {d.id: d.grade for d in small.problem.doctors}
    assert not [s for s in small.planted if (s.doctor, s.day) in leave]
    assert all(grades[s.doctor] in small.problem.shift_type(s.shift).grades for s in small.planted)


def test_the_problem_is_real_work_and_reads_back_as_written(small):
    assert 0.5 < small.demand_share <= 0.97
    assert {s.shift for s in small.planted} == {spec.code for spec in small.problem.shift_types}
    assert read_problem(json.dumps(write_problem(small.problem))) == small.problem


def test_a_seed_always_gives_the_same_problem():
    assert plant(SMALL) == plant(SMALL)


@pytest.mark.parametrize("seed", STANDARD_SEEDS + DRAWN_SEEDS)
def test_the_suites_shapes_are_within_the_familys_ranges(seed):
    shape = suite_shape(seed)
    assert 1 <= len(shape.staff) <= 4
    assert 10 <= shape.doctors <= 80
    assert 8 <= shape.weeks <= 52
    assert 0 <= shape.ltft_share <= 0.4
    assert 0.03 <= shape.leave_share <= 0.10
    assert 0.80 <= shape.demand_share <= 0.97
    assert shape.start.weekday() == 0
    assert 3 <= sum(len(staff.tier.patterns) for staff in shape.staff) <= 15
    if seed in STANDARD_SEEDS:
        assert (shape.weeks, shape.doctors, len(shape.staff)) == (26, 30, 2)


def test_the_planted_rota_is_within_the_solvers_own_policies(small):
    assert within_solver_policies(small) is True


def test_a_rota_breaking_the_solvers_rest_between_shifts_is_refused(small):
    night = next(s for s in small.planted if s.shift == "J-N")
    # A long day starting eight hours after the night ends.
    too_soon = RotaShift(night.doctor, night.day + timedelta(days=1), "J-LD")
    broken = replace(small, planted=(*small.planted, too_soon))
    assert within_solver_policies(broken) is False
