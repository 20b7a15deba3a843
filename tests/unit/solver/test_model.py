"""The rota model one rule family at a time: for each, a rota the rule allows is found
and one it forbids is not (a hard rule: no rota at all with those fixed shifts) or is
paid for (a soft one, named in words by doctor, date and shift).

The model is solved directly, without the search, in CP-SAT's deterministic time on one
worker, so each answer is the same on any machine."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time, timedelta
from typing import Any

from ortools.sat.python import cp_model

from rotaplan.engine.rota import RuleSetName, ShiftKind
from rotaplan.engine.solver.model import RotaModel, Weights
from rotaplan.engine.solver.outcome import RotaShift
from rotaplan.engine.solver.problem import (
    CoverDemand,
    Request,
    RequestKind,
    RotaProblem,
    ShiftTypeSpec,
)

from .rota_problems import DAY, LONG_DAY, MONDAY, NIGHT, days, ward

ON_CALL = ShiftTypeSpec("OC", "Evening on call", time(17), time(22), kind=ShiftKind.ON_CALL)
MORNING = ShiftTypeSpec("AM", "Morning", time(8), time(12))
SATURDAY = date(2026, 8, 8)
NO_FAIRNESS = Weights(nights_spread=0, weekends_spread=0, long_days_spread=0)


def quiet(doctors: int = 1, weeks: int = 2, **kwargs: Any) -> RotaProblem:
    """A ward with no cover asked for: only what a test fixes or asks is in the rota. Two
    weeks, so that a doctor under the 2016 terms may work one of its two weekends."""
    return ward(doctors, weeks, nights=0, long_days=0, day_ideal=0, grades=("ST3",), **kwargs)


def solved(model: RotaModel) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver]:
    solver = cp_model.CpSolver()
    solver.parameters.max_deterministic_time = 20.0
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    return solver.solve(model.model), solver


def feasible(problem: RotaProblem) -> bool:
    status, _ = solved(RotaModel(problem))
    assert status != cp_model.UNKNOWN, "the model must be decided, not timed out"
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def paid(problem: RotaProblem, **kwargs: Any) -> list[str]:
    model = RotaModel(problem, **kwargs)
    status, solver = solved(model)
    assert status == cp_model.OPTIMAL
    return model.paid(solver)


# --- rest -------------------------------------------------------------------------


def test_rest_a_day_shift_straight_after_a_night_is_forbidden() -> None:
    # The night ends at 08:30 on Tuesday; a day shift at 09:00 leaves 30 minutes.
    assert feasible(quiet(fixed={0: [(MONDAY, "N"), (MONDAY + timedelta(1), "N")]}))
    assert not feasible(quiet(fixed={0: [(MONDAY, "N"), (MONDAY + timedelta(1), "D")]}))


def test_rest_two_free_days_in_every_fortnight() -> None:
    # Under the Working Time Regulations alone, mornings of 4 h: only the rest is at stake.
    mornings = [(d, "AM") for d in days(MONDAY, 13)]
    wtr = replace(quiet(shift_types=(MORNING,), fixed={0: mornings[:12]}), rule_set=RuleSetName.WTR)
    assert feasible(wtr)
    assert not feasible(
        replace(wtr, doctors=quiet(shift_types=(MORNING,), fixed={0: mornings}).doctors)
    )


# --- runs -------------------------------------------------------------------------


def test_runs_at_most_four_nights_in_a_row() -> None:
    assert feasible(quiet(fixed={0: [(d, "N") for d in days(MONDAY, 4)]}))
    assert not feasible(quiet(fixed={0: [(d, "N") for d in days(MONDAY, 5)]}))


def test_runs_46_hours_off_after_nights() -> None:
    # Nights Mon-Wed end 08:30 Thursday: a day shift on Friday comes 24.5 h later.
    nights = [(d, "N") for d in days(MONDAY, 3)]
    assert feasible(quiet(fixed={0: [*nights, (MONDAY + timedelta(5), "D")]}))
    assert not feasible(quiet(fixed={0: [*nights, (MONDAY + timedelta(4), "D")]}))


MIDNIGHT_NIGHT = ShiftTypeSpec("N0", "Night from midnight", time(0), time(8))
LATE_NIGHT = ShiftTypeSpec("N23", "Night from 23:00", time(23), time(7))
TWELVE_HOUR_NIGHT = ShiftTypeSpec("N12", "Long night", time(20), time(8))
LATE_EVENING = ShiftTypeSpec("LE", "Long late evening", time(13), time(23, 30))
NIGHT_TYPES = (DAY, LONG_DAY, NIGHT, MIDNIGHT_NIGHT, LATE_NIGHT, TWELVE_HOUR_NIGHT)


def test_runs_a_night_starting_at_midnight_follows_the_night_before() -> None:
    # Mon-Thu nights from 23:00, then Friday's night from 00:00 Saturday: five in a row.
    four = [(d, "N23") for d in days(MONDAY, 4)]
    saturday_midnight = (MONDAY + timedelta(5), "N0")
    sunday_midnight = (MONDAY + timedelta(6), "N0")
    assert not feasible(quiet(shift_types=NIGHT_TYPES, fixed={0: [*four, saturday_midnight]}))
    # Saturday's night from 00:00 Sunday is a new run, but 41 h after the fourth: too soon.
    assert not feasible(quiet(shift_types=NIGHT_TYPES, fixed={0: [*four, sunday_midnight]}))
    # Three from 23:00 and one from midnight are four in a row: allowed.
    three_and_one = [*four[:3], (MONDAY + timedelta(4), "N0")]
    assert feasible(quiet(shift_types=NIGHT_TYPES, fixed={0: three_and_one}))


def test_runs_four_long_nights_owe_46_hours_not_48() -> None:
    # Four 12-hour nights end 08:00 Friday: a shift from 06:30 Sunday comes 46.5 h later
    # (enough after nights, though short of the 48 h owed after four long days); one from
    # 05:30 comes 45.5 h later.
    early = ShiftTypeSpec("E", "Early", time(6, 30), time(14, 30))
    dawn = ShiftTypeSpec("DN", "Dawn", time(5, 30), time(13, 30))
    late = ShiftTypeSpec("LT", "Late", time(19), time(23))
    types = (*NIGHT_TYPES, early, dawn, late)
    nights = [(d, "N12") for d in days(MONDAY, 4)]
    sunday = MONDAY + timedelta(6)
    assert feasible(quiet(shift_types=types, fixed={0: [*nights, (sunday, "E")]}))
    assert not feasible(quiet(shift_types=types, fixed={0: [*nights, (sunday, "DN")]}))
    # Four long days end 20:30 Thursday: 48 h are owed, so 19:00 Saturday (46.5 h) is
    # too soon and 23:00 is not.
    long_days = [(d, "LD") for d in days(MONDAY, 4)]
    saturday = MONDAY + timedelta(5)
    assert not feasible(quiet(shift_types=types, fixed={0: [*long_days, (saturday, "LT")]}))
    assert feasible(quiet(shift_types=types, fixed={0: [*long_days, (saturday, "N23")]}))


def test_runs_before_2019_at_most_four_long_late_evenings_in_a_row() -> None:
    first = date(2018, 8, 6)
    types = (DAY, LONG_DAY, NIGHT, LATE_EVENING)
    five = [(d, "LE") for d in days(first, 5)]
    assert feasible(quiet(first=first, shift_types=types, fixed={0: five[:4]}))
    assert not feasible(quiet(first=first, shift_types=types, fixed={0: five}))
    # From 2019 the long-shift limit (4) covers them: five are refused there too.
    assert not feasible(quiet(shift_types=types, fixed={0: [(d, "LE") for d in days(MONDAY, 5)]}))


# --- hours ------------------------------------------------------------------------


def test_hours_at_most_48_a_week_on_average() -> None:
    # Long days are 12.5 h: three are 37.5 h, four are 50 h in a one-week rota.
    four = [(MONDAY + timedelta(i), "LD") for i in (0, 1, 3, 4)]
    assert feasible(quiet(weeks=1, fixed={0: four[:3]}))
    assert not feasible(quiet(weeks=1, fixed={0: four}))


def test_hours_are_averaged_over_any_26_weeks_of_a_longer_rota() -> None:
    # 28 weeks. Four long days a week (50 h) for the first 26 weeks average 50 h over
    # those 26 weeks, though only 46.4 h over the whole rota: refused. Twelve such weeks
    # among weeks of three (37.5 h) average 43.3 h at worst: allowed.
    def weeks_of(heavy: int) -> list[tuple[date, str]]:
        fixed = []
        for week in range(28):
            monday = MONDAY + timedelta(weeks=week)
            offsets = (0, 1, 3, 4) if week < heavy else ((0, 2, 4) if week < 26 else ())
            fixed += [(monday + timedelta(i), "LD") for i in offsets]
        return fixed

    assert feasible(quiet(weeks=28, fixed={0: weeks_of(12)}))
    assert not feasible(quiet(weeks=28, fixed={0: weeks_of(26)}))


def test_hours_a_less_than_full_time_doctor_works_pro_rata() -> None:
    # 0.6 of 48 h is 28.8 h: two long days are 25 h, three 37.5 h.
    three = [(MONDAY + timedelta(i), "LD") for i in (0, 2, 4)]
    assert feasible(quiet(weeks=1, fixed={0: three[:2]}, wte={0: 0.6}))
    assert not feasible(quiet(weeks=1, fixed={0: three}, wte={0: 0.6}))


# --- weekends ---------------------------------------------------------------------


def test_weekends_at_most_one_in_two() -> None:
    second = SATURDAY + timedelta(7)
    assert feasible(quiet(weeks=2, fixed={0: [(SATURDAY, "D")]}))
    assert not feasible(quiet(weeks=2, fixed={0: [(SATURDAY, "D"), (second, "D")]}))


def test_weekends_a_friday_night_works_the_weekend() -> None:
    friday = SATURDAY - timedelta(1)
    assert not feasible(quiet(weeks=2, fixed={0: [(friday, "N"), (SATURDAY + timedelta(7), "D")]}))


# --- on call ----------------------------------------------------------------------


def test_on_call_never_on_consecutive_days_but_saturday_then_sunday() -> None:
    types = (DAY, LONG_DAY, NIGHT, ON_CALL)
    weekend = [(SATURDAY, "OC"), (SATURDAY + timedelta(1), "OC")]
    assert feasible(quiet(shift_types=types, fixed={0: weekend}))
    weekdays = [(MONDAY, "OC"), (MONDAY + timedelta(1), "OC")]
    assert not feasible(quiet(shift_types=types, fixed={0: weekdays}))


def test_on_call_a_period_from_the_evening_before_counts_in_the_seven_days_it_ends_in() -> None:
    overnight = ShiftTypeSpec("ON", "Overnight on call", time(17), time(9), kind=ShiftKind.ON_CALL)
    types = (DAY, LONG_DAY, NIGHT, overnight, ON_CALL)
    mon_wed_fri = [(MONDAY + timedelta(i), "ON") for i in (0, 2, 4)]
    # Mon, Wed, Fri and the Tuesday after: no 7 days hold more than three of them.
    assert feasible(
        quiet(shift_types=types, fixed={0: [*mon_wed_fri, (MONDAY + timedelta(8), "ON")]})
    )
    # The Monday after: the 7 days from Tue 4 Aug hold Monday's end, Wed, Fri and Mon.
    assert not feasible(
        quiet(shift_types=types, fixed={0: [*mon_wed_fri, (MONDAY + timedelta(7), "ON")]})
    )
    # Evening on-calls (17:00 to 22:00) end the day they start: Mon, Wed, Fri, Mon is allowed.
    evenings = [(MONDAY + timedelta(i), "OC") for i in (0, 2, 4, 7)]
    assert feasible(quiet(shift_types=types, fixed={0: evenings}))


# --- cover ------------------------------------------------------------------------


def test_cover_short_is_paid_for_by_shift_and_day() -> None:
    one_doctor = replace(quiet(), demand=(CoverDemand(MONDAY, "D", 2, 3),))

    assert paid(one_doctor) == [
        "Day, Mon 3 Aug 2026: 1 below the minimum",
        "Day, Mon 3 Aug 2026: 2 below the ideal",
    ]
    assert paid(replace(one_doctor, doctors=quiet(3).doctors)) == []


# --- requests ---------------------------------------------------------------------


def test_requests_broken_only_where_cover_needs_it() -> None:
    off = Request("D1", RequestKind.OFF, (SATURDAY, SATURDAY + timedelta(1)))
    on = Request("D1", RequestKind.ON, (MONDAY,), shift="LD")
    alone = replace(quiet(), demand=(CoverDemand(SATURDAY, "D", 1, 1),), requests=(off, on))

    assert paid(alone, weights=NO_FAIRNESS) == [
        "Dr 1, Sat 8 Aug 2026 to Sun 9 Aug 2026: asked not to work",
    ]
    assert paid(replace(alone, doctors=quiet(2).doctors), weights=NO_FAIRNESS) == []


def test_an_on_request_for_a_shift_the_doctor_cannot_work_is_paid_for() -> None:
    on = Request("D1", RequestKind.ON, (MONDAY,), shift="LD")
    away = replace(quiet(unavailable={0: [MONDAY]}), requests=(on,))

    assert paid(away) == ["Dr 1, Mon 3 Aug 2026, Long day: asked to work"]


# --- fairness ---------------------------------------------------------------------


def test_fairness_nights_split_evenly_cost_nothing_and_unevenly_cost_each_doctor() -> None:
    four_nights = tuple(CoverDemand(d, "N", 1, 1) for d in days(MONDAY, 4))
    two = replace(quiet(2), demand=four_nights)

    assert paid(two) == []
    # Dr 1 fixed to three of the four: 36 twelfths a doctor is fair, 36 twelfths off.
    fixed = quiet(2, fixed={0: [(d, "N") for d in days(MONDAY, 3)]})
    assert paid(replace(fixed, demand=four_nights)) == [
        "Dr 1, nights: 12 twelfths of a shift from a fair share",
        "Dr 2, nights: 12 twelfths of a shift from a fair share",
    ]


# --- changes ----------------------------------------------------------------------


def test_changes_each_shift_moved_is_named() -> None:
    tuesday = MONDAY + timedelta(1)
    nights = (CoverDemand(MONDAY, "N", 1, 1), CoverDemand(tuesday, "N", 1, 1))
    current = [RotaShift("D1", MONDAY, "N"), RotaShift("D1", tuesday, "N")]
    repair = {
        "current": current,
        "free_days": range(0, 7),
        "weights": replace(NO_FAIRNESS, change=2_000),
    }
    before = replace(quiet(2), demand=nights)

    assert paid(before, **repair) == []
    # Dr 1 is away on Monday: that night is not theirs to keep, so it costs no change.
    away = replace(quiet(2, unavailable={0: [MONDAY]}), demand=nights)
    assert paid(away, **repair) == ["Dr 2, Mon 3 Aug 2026, Night: added"]
    # Tuesday night is no longer wanted: Dr 1's is taken away.
    fewer = replace(before, demand=(nights[0], CoverDemand(tuesday, "N", 0, 0)))
    assert paid(fewer, **repair) == ["Dr 1, Tue 4 Aug 2026, Night: taken away"]


# --- every term, in words ---------------------------------------------------------

DAY_TEXT = r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} Aug 2026"
IN_WORDS = re.compile(
    rf"(Day|Long day|Night), {DAY_TEXT}: \d+ below the (minimum|ideal)"
    rf"|Dr \d, {DAY_TEXT}( to {DAY_TEXT})?: asked not to work"
    rf"|Dr \d, {DAY_TEXT}, (Day|Long day|Night): asked to work"
    r"|Dr \d, (nights|long days|weekends): \d+ twelfths of a shift (beyond one )?from a fair"
    r" share"
)


def test_a_solved_wards_penalties_name_the_doctor_the_day_and_the_shift() -> None:
    wishes = (
        Request("D1", RequestKind.OFF, (SATURDAY, SATURDAY + timedelta(1))),
        Request("D2", RequestKind.ON, (MONDAY,), shift="N"),
        Request("D3", RequestKind.OFF, (MONDAY,)),
    )
    problem = ward(doctors=4, weeks=1, grades=("ST3", "FY1"), requests=wishes)
    model = RotaModel(problem)

    status, solver = solved(model)

    assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    said = model.paid(solver)
    assert any("below the minimum" in s for s in said), "four doctors cannot cover a week"
    for words in said:
        assert IN_WORDS.fullmatch(words), words
