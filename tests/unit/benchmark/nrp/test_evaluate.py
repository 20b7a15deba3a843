"""The evaluator against rosters small enough to check by hand.

Base roster for TINY (feasible):

    day       0  1  2
    A         E  L  -
    B         L  L  -

Objective, by hand:
  shift-on   A0E granted (0); B2E not granted (3)                      = 3
  shift-off  A1L assigned (4); B0E not assigned (0)                    = 4
  cover      day 1 E: 0 of 1 → 10; day 2 L: 0 of 1 → 10                = 20 under
             day 1 L: 2 for 1 → 1                                      = 1 over
  total                                                                = 28
"""

import pytest

from rotaplan.benchmark.nrp.evaluate import (
    DAYS_OFF,
    MAX_CONSECUTIVE_SHIFTS,
    MAX_SHIFTS,
    MAX_TOTAL_MINUTES,
    MAX_WEEKENDS,
    MIN_CONSECUTIVE_DAYS_OFF,
    MIN_CONSECUTIVE_SHIFTS,
    MIN_TOTAL_MINUTES,
    ONE_SHIFT_PER_DAY,
    SHIFT_ROTATION,
    UNKNOWN_ASSIGNMENT,
    evaluate,
)

BASE = {("A", 0): "E", ("A", 1): "L", ("B", 0): "L", ("B", 1): "L"}


def _with(**changes: str) -> dict[tuple[str, int], str]:
    """BASE with changes given as A0="E" (set) or B1="" (day off)."""
    roster = dict(BASE)
    for key, shift in changes.items():
        cell = (key[0], int(key[1:]))
        if shift:
            roster[cell] = shift
        else:
            roster.pop(cell, None)
    return roster


def _only(evaluation, constraint):
    assert [v.constraint for v in evaluation.hard_violations] == [constraint]
    return evaluation.hard_violations[0]


def test_base_roster_is_feasible_with_hand_computed_objective(tiny):
    result = evaluate(tiny, BASE)
    assert result.feasible
    assert result.hard_violations == []
    assert result.breakdown == {
        "shift_on_requests": 3,
        "shift_off_requests": 4,
        "cover_under": 20,
        "cover_over": 1,
    }
    assert result.objective == 28


def test_all_off_roster_of_tiny(tiny):
    # shift-on 2 + 3 = 5; under-cover 10 x (1+1+1+1+0+1) = 50; A is short of 480 minutes.
    result = evaluate(tiny, {})
    assert result.objective == 55
    v = _only(result, MIN_TOTAL_MINUTES)
    assert (v.employee, v.measured, v.limit) == ("A", 0, 480)


def test_two_shifts_on_one_day(tiny):
    triples = [(e, d, s) for (e, d), s in BASE.items()] + [("A", 0, "L")]
    result = evaluate(tiny, triples)
    v = _only(result, ONE_SHIFT_PER_DAY)
    assert (v.employee, v.days, v.measured, v.limit) == ("A", (0,), 2, 1)
    assert result.objective == 28  # the first shift (E) is the one kept


def test_assignment_outside_the_instance(tiny):
    roster = {**BASE, ("Z", 0): "E", ("A", 2): "X", ("B", 5): "L"}
    result = evaluate(tiny, roster)
    assert [(v.constraint, v.employee, v.days) for v in result.hard_violations] == [
        (UNKNOWN_ASSIGNMENT, "Z", (0,)),
        (UNKNOWN_ASSIGNMENT, "A", (2,)),
        (UNKNOWN_ASSIGNMENT, "B", (5,)),
    ]
    assert result.objective == 28  # ignored for everything else


def test_shift_rotation(tiny):
    v = _only(evaluate(tiny, _with(B1="E")), SHIFT_ROTATION)
    assert (v.employee, v.days) == ("B", (0, 1))
    assert "E on day 1 after L on day 0" in v.message


def test_max_shifts_of_a_type(tiny):
    v = _only(evaluate(tiny, _with(A0="L")), MAX_SHIFTS)
    assert (v.employee, v.days, v.measured, v.limit) == ("A", (0, 1), 2, 1)


def test_max_total_minutes(tiny):
    v = _only(evaluate(tiny, _with(B2="L")), MAX_TOTAL_MINUTES)
    assert (v.employee, v.measured, v.limit) == ("B", 1800, 1700)


def test_min_total_minutes(tiny):
    v = _only(evaluate(tiny, _with(A0="", A1="")), MIN_TOTAL_MINUTES)
    assert (v.employee, v.measured, v.limit) == ("A", 0, 480)


def test_days_off(tiny):
    v = _only(evaluate(tiny, _with(A1="", A2="E")), DAYS_OFF)
    assert (v.employee, v.days) == ("A", (2,))


# FORTNIGHT: one employee A, shift D, days 0..13 from a Monday (weekends 5,6 and 12,13).
# Max 3 shifts in a row, min 2 in a row, min 2 days off in a row, max 1 weekend.


def _days(*days: int) -> dict[tuple[str, int], str]:
    return {("A", d): "D" for d in days}


def test_max_consecutive_shifts(fortnight):
    v = _only(evaluate(fortnight, _days(1, 2, 3, 4)), MAX_CONSECUTIVE_SHIFTS)
    assert (v.days, v.measured, v.limit) == ((1, 2, 3, 4), 4, 3)


def test_max_consecutive_shifts_counts_a_run_at_the_start(fortnight):
    # Outside the horizon is a day off, so the run is exactly the 4 days inside it.
    v = _only(evaluate(fortnight, _days(0, 1, 2, 3)), MAX_CONSECUTIVE_SHIFTS)
    assert v.measured == 4


def test_min_consecutive_shifts_inside_the_horizon(fortnight):
    v = _only(evaluate(fortnight, _days(2)), MIN_CONSECUTIVE_SHIFTS)
    assert (v.days, v.measured, v.limit) == ((2,), 1, 2)


@pytest.mark.parametrize("day", [0, 13])
def test_min_consecutive_shifts_at_the_boundary(fortnight, day):
    # Standard (Curtois & Qu IP, monolith): a run touching the boundary may continue
    # outside it, so it is not checked. The stricter reading checks it.
    assert evaluate(fortnight, _days(day)).feasible
    strict = evaluate(fortnight, _days(day), check_boundary_work_stretches=True)
    v = _only(strict, MIN_CONSECUTIVE_SHIFTS)
    assert (v.days, v.measured) == ((day,), 1)


def test_min_consecutive_days_off_inside_the_horizon(fortnight):
    v = _only(evaluate(fortnight, _days(0, 1, 3, 4)), MIN_CONSECUTIVE_DAYS_OFF)
    assert (v.days, v.measured, v.limit) == ((2,), 1, 2)


def test_min_consecutive_days_off_at_the_boundary_is_not_checked(fortnight):
    # One day off at each end: both continue outside the horizon.
    for strict in (False, True):
        result = evaluate(
            fortnight, _days(1, 2, 3, 7, 8, 9, 10, 11, 12), check_boundary_work_stretches=strict
        )
        # 10,11,12 is fine; 7..12 is 6 in a row, so expect only that breach.
        assert [v.constraint for v in result.hard_violations] == [MAX_CONSECUTIVE_SHIFTS]
    assert evaluate(fortnight, _days(1, 2, 3, 10, 11, 12)).feasible


@pytest.mark.parametrize(
    ("days", "weekend_days"),
    [
        ((4, 5, 11, 12), (5, 12)),  # Friday + Saturday, twice
        ((6, 7, 12, 13), (6, 12, 13)),  # Sunday, then a whole weekend
    ],
)
def test_max_weekends(fortnight, days, weekend_days):
    v = _only(evaluate(fortnight, _days(*days)), MAX_WEEKENDS)
    assert (v.days, v.measured, v.limit) == (weekend_days, 2, 1)


def test_one_weekend_is_allowed(fortnight):
    assert evaluate(fortnight, _days(5, 6)).feasible
