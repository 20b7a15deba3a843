"""A problem written out reads back the same: the example, and one with every kind of
entry, fixed times before the period and on call among them."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

from rotaplan.engine.clock import local_datetime
from rotaplan.engine.formats.problem_reader import read_problem
from rotaplan.engine.formats.problem_writer import write_problem
from rotaplan.engine.rota import ShiftKind
from rotaplan.engine.solver.problem import (
    FixedTime,
    Request,
    RequestKind,
    RotaProblem,
)

from .rota_problems import ward

EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "rota-problem.json"


def _round_trip(problem: RotaProblem) -> RotaProblem:
    return read_problem(json.dumps(write_problem(problem)))


def test_the_example_reads_back_the_same() -> None:
    problem = read_problem(EXAMPLE.read_text())

    assert _round_trip(problem) == problem


def test_fixed_times_on_call_and_requests_read_back_the_same() -> None:
    before = FixedTime(
        local_datetime(date(2026, 8, 2), time(20)),
        local_datetime(date(2026, 8, 3), time(8, 30)),
        "N on the rota before",
    )
    on_call = FixedTime(
        local_datetime(date(2026, 10, 24), time(9)),
        local_datetime(date(2026, 10, 25), time(9)),
        "OC24",
        ShiftKind.ON_CALL,
    )
    team = ward(
        doctors=4,
        first=date(2026, 10, 19),
        unavailable={1: [date(2026, 10, 21)]},
        fixed={2: [(date(2026, 10, 20), "N")]},
        requests=(
            Request("D1", RequestKind.OFF, (date(2026, 10, 24), date(2026, 10, 25)), weight=3),
            Request("D4", RequestKind.ON, (date(2026, 10, 22),), "LD"),
        ),
    )
    problem = replace(
        team, doctors=(replace(team.doctors[0], fixed=(before, on_call)), *team.doctors[1:])
    )

    back = _round_trip(problem)

    assert back.doctors == problem.doctors
    assert back.demand == problem.demand
    assert back.requests == problem.requests
    assert back == problem
    assert back.doctors[0].fixed[1].kind is ShiftKind.ON_CALL
    assert back.period.end == date(2026, 10, 19) + timedelta(days=13)
