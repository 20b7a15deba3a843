"""What the fields both rota documents share may hold: dates in this century, offsets
within a day, a period of at most three years, a WTE from a tenth to one; anything else is
a problem at its path, never a crash further on (Python's calendar ends in year 9999, and
the solver divides by the WTE)."""

from __future__ import annotations

import copy

import pytest

from .example_documents import (
    PROBLEM,
    ROTA,
    changed,
    problem_problems,
    rota_problems,
    shift,
)


def test_a_period_of_more_than_three_years_is_refused():
    document = changed(ROTA, period={"start": "2026-08-03", "end": "2029-08-03"}, shifts=[])
    assert rota_problems(document) == [
        "period.end: the period is 1,097 days; a rota may cover at most 1,096 (three years)"
    ]


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("9999-12-27T08:00", "start must be in the years 2000 to 2099; got '9999-12-27T08:00'"),
        ("0001-01-01T08:00", "start must be in the years 2000 to 2099; got '0001-01-01T08:00'"),
        (
            "2026-08-03T08:00+99:00",
            "start has an offset that is not one (at most +23:59); got '2026-08-03T08:00+99:00'",
        ),
    ],
)
def test_a_time_out_of_this_world_is_a_problem_not_a_crash(start, message):
    document = {"doctors": [{"id": "D1"}], "shifts": [shift(start, "2026-08-03T17:00")]}
    assert f"shifts[0].start: {message}" in rota_problems(document)


def test_a_period_in_year_9999_is_refused():
    document = changed(PROBLEM, period={"start": "9999-12-01", "end": "9999-12-31"})
    assert "period.start: period start must be in the years 2000 to 2099; got '9999-12-01'" in (
        problem_problems(document)
    )


def test_a_wte_below_a_tenth_is_refused():
    document = copy.deepcopy(PROBLEM)
    document["doctors"][0]["wte"] = 1e-300
    assert problem_problems(document) == [
        "doctors[0].wte: wte (whole-time equivalent) must be at least 0.1 and at most 1; got 1e-300"
    ]
