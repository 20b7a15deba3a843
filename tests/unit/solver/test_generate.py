"""The rota generator: every rota it offers passes the rules engine, it honours leave,
qualifications and fixed shifts, it reports what it cannot cover with the facts that
cause it, and it shares nights pro rata to WTE.

The rules engine is the judge throughout: a test re-checks the generated rota itself
rather than trusting the report the generator returns. Every search here is counted in
CP-SAT's deterministic time on one worker, so its answer is the same however busy the
machine is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, time, timedelta

from hypothesis import HealthCheck, given, settings

from rotaplan.engine.clock import local_datetime
from rotaplan.engine.rota import Shift, ShiftKind
from rotaplan.engine.rules import check_rota
from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.outcome import Progress, SolveStatus
from rotaplan.engine.solver.problem import (
    CoverDemand,
    FixedTime,
    Request,
    RequestKind,
    RotaProblem,
    ShiftTypeSpec,
    qualified,
)

from .rota_problems import MONDAY, days, odd_shift_problems, small_problems, ward

DETERMINISTIC = {"deterministic": True}
FAST = {"time_limit": 1.0, **DETERMINISTIC}


def test_a_well_staffed_ward_is_covered_within_the_rules() -> None:
    problem = ward(doctors=10)

    result = generate(problem, **FAST)

    assert result.compliant, result.message
    assert check_rota(result.rota).breaches == ()
    assert [g for g in result.gaps if g.below == "minimum"] == []
    on = Counter((s.day, s.shift) for s in result.shifts)
    for demand in problem.demand:
        assert demand.minimum <= on[demand.day, demand.shift] <= demand.ideal


def test_leave_qualifications_and_fixed_shifts_are_respected() -> None:
    leave = days(date(2026, 8, 10), 5)
    problem = ward(
        doctors=9,
        unavailable={0: leave},
        fixed={1: [(date(2026, 8, 5), "N")]},
    )

    result = generate(problem, **FAST)

    assert result.compliant
    by = {d.id: d for d in problem.doctors}
    for shift in result.shifts:
        assert qualified(by[shift.doctor], problem.shift_type(shift.shift))
        assert not (shift.doctor == "D1" and shift.day in leave)
    assert any(
        s.doctor == "D2" and s.day == date(2026, 8, 5) and s.shift == "N" for s in result.shifts
    )


def test_a_night_before_leave_is_not_rostered_because_it_runs_into_the_leave_day() -> None:
    problem = ward(doctors=9, grades=("ST3",), unavailable={0: [date(2026, 8, 6)]})

    result = generate(problem, **FAST)

    assert not any(
        s.doctor == "D1" and s.day == date(2026, 8, 5) and s.shift == "N" for s in result.shifts
    )


def test_too_few_night_doctors_leaves_gaps_that_name_the_headcount() -> None:
    problem = ward(doctors=6, grades=("ST3", "FY1", "FY1"), nights=2)

    result = generate(problem, **FAST)

    assert result.compliant
    short = [g for g in result.gaps if g.shift == "N" and g.below == "minimum"]
    assert short, "two qualified doctors cannot staff two nights every night for two weeks"
    every_reason = " ".join(r for g in short for r in g.reasons)
    assert "Of the 2 qualified doctors:" in every_reason
    assert "resting after nights" in every_reason or "at the most nights in a row" in every_reason


def test_a_shift_nobody_is_qualified_for_is_explained_as_headcount() -> None:
    airway = ShiftTypeSpec(
        "AN", "Anaesthetic night", time(20), time(8, 30), grades=frozenset({"ST6"})
    )
    team = ward(doctors=4)
    problem = RotaProblem(
        team.period, team.doctors, (*team.shift_types, airway), (CoverDemand(MONDAY, "AN", 1, 1),)
    )

    result = generate(problem, **FAST)

    assert result.compliant
    [gap] = result.gaps
    assert gap.missing == 1
    assert gap.reasons[0] == "Only 0 doctors are qualified for AN (Anaesthetic night); it needs 1."


def test_a_night_across_the_october_clock_change_is_a_gap_no_doctor_may_work() -> None:
    problem = ward(doctors=10, first=date(2026, 10, 19), weeks=1)

    result = generate(problem, **FAST)

    assert result.compliant
    clocks_back = [g for g in result.gaps if g.day == date(2026, 10, 24) and g.shift == "N"]
    assert len(clocks_back) == 1
    assert "lasts 13 h 30 min, over the 13 h limit" in clocks_back[0].reasons[0]


def test_requests_are_honoured_where_cover_allows_and_reported_where_not() -> None:
    saturday = date(2026, 8, 8)
    easy = Request("D4", RequestKind.OFF, (saturday, date(2026, 8, 9)), weight=3)
    # A request the rota may or may not honour: both outcomes are reported.
    impossible = Request("D1", RequestKind.OFF, tuple(days(MONDAY, 2)))
    problem = ward(doctors=9, grades=("ST3", "FY1", "FY1"), requests=(easy, impossible))

    result = generate(problem, **FAST)

    outcomes = {r.request: r for r in result.requests}
    assert outcomes[easy].honoured
    assert not any(
        s.doctor == "D4" and s.day in (saturday, date(2026, 8, 9)) for s in result.shifts
    )
    assert len(outcomes) == 2


def test_an_unmet_request_says_what_was_rostered() -> None:
    only_night_doctor = Request("D1", RequestKind.OFF, (MONDAY,))
    problem = ward(
        doctors=4, grades=("ST3", "FY1", "FY1", "FY1"), requests=(only_night_doctor,), weeks=1
    )

    result = generate(problem, **FAST)

    # Dr 1 is the only doctor for nights and is needed on Monday: the request gives way.
    [outcome] = result.requests
    assert not outcome.honoured
    assert outcome.message == (
        "Dr 1 asked not to work Mon 3 Aug 2026; rostered D on Mon 3 Aug 2026 "
        "to keep the shifts covered."
    )


def test_nights_are_shared_pro_rata_to_wte() -> None:
    problem = ward(doctors=8, weeks=4, grades=("ST3",), wte={0: 0.5, 1: 0.5})

    result = generate(problem, time_limit=3.0, deterministic=True)

    rows = {r.doctor: r for r in result.fairness.rows}
    half_time = [rows["D1"].nights, rows["D2"].nights]
    full_time = [rows[f"D{i}"].nights for i in range(3, 9)]
    assert max(half_time) < min(full_time)
    assert result.fairness.spread("nights") <= 4


def test_stopping_at_once_returns_no_rota() -> None:
    asked: list[bool] = []

    def stop() -> bool:
        asked.append(True)
        return True

    result = generate(ward(doctors=8, weeks=4), time_limit=20, should_stop=stop, **DETERMINISTIC)

    assert asked, "the search asks before its first step"
    assert result.status is SolveStatus.CANCELLED
    assert result.shifts == ()
    assert result.message == "Stopped before any rota was found."


def test_stopping_after_the_first_rota_returns_that_rota_checked() -> None:
    seen: list[Progress] = []

    result = generate(
        ward(doctors=8, weeks=4),
        time_limit=20,
        on_progress=seen.append,
        should_stop=lambda: bool(seen),
        **DETERMINISTIC,
    )

    assert len(seen) == 1
    assert result.status is SolveStatus.FEASIBLE
    assert result.objective == seen[0].objective
    assert result.compliant
    assert check_rota(result.rota).breaches == ()
    assert len(result.shifts) >= 28 * 2  # a night and a long day each day at least


def test_the_same_problem_gives_the_same_rota_every_time() -> None:
    problem = ward(doctors=9, weeks=4, grades=("ST3", "FY1", "FY1"))

    first = generate(problem, time_limit=1.5, seed=7, deterministic=True)
    again = generate(problem, time_limit=1.5, seed=7, deterministic=True)

    assert first.compliant, first.message
    assert again.shifts == first.shifts
    assert (again.objective, again.bound, again.gaps) == (first.objective, first.bound, first.gaps)


def test_progress_reports_improving_objectives() -> None:
    seen = []

    generate(ward(doctors=8), on_progress=seen.append, **FAST)

    assert seen
    objectives = [p.objective for p in seen]
    assert objectives == sorted(objectives, reverse=True)


@settings(
    max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(small_problems())
def test_every_generated_rota_passes_the_rules_engine(problem: RotaProblem) -> None:
    """Leave, less-than-full-time doctors and both clock changes, on random wards: the
    generator's model must never be looser than the rules engine."""
    result = generate(problem, time_limit=1.5, deterministic=True)

    assert result.compliant, result.message
    assert check_rota(result.rota).breaches == ()


@settings(
    max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(odd_shift_problems())
def test_the_generator_and_the_rules_engine_read_odd_shifts_alike(problem: RotaProblem) -> None:
    """The generator never offers a rota the rules engine calls a breach, nor one owing
    compensatory rest: nights at midnight, long nights, on call overnight and the 2016
    limits read the same in both."""
    result = generate(problem, time_limit=1.5, deterministic=True)
    report = check_rota(result.rota)
    assert report.breaches == ()
    assert report.derogated == ()


def test_nights_worked_before_the_period_are_rested_after() -> None:
    """Three nights ending on the Monday morning the rota starts: 46 h of rest follow, so
    the doctor cannot start again before Tuesday night, and the rules engine, shown the
    nights too, finds nothing."""
    nights = tuple(
        FixedTime(
            local_datetime(day, time(20)), local_datetime(day + timedelta(days=1), time(8, 30)), "N"
        )
        for day in days(date(2026, 7, 31), 3)
    )
    team = ward(doctors=6, grades=("ST3",), day_ideal=0, weeks=1)
    doctors = (replace(team.doctors[0], fixed=nights), *team.doctors[1:])
    problem = replace(team, doctors=doctors)

    result = generate(problem, **FAST)

    assert result.compliant, result.message
    rest_ends = local_datetime(date(2026, 8, 5), time(6, 30))  # Mon 08:30 + 46 h
    assert all(s.start >= rest_ends for s in result.rota.shifts_of("D1"))
    assert (
        check_rota(
            replace(result.rota, shifts=result.rota.shifts + _as_shifts("D1", nights))
        ).breaches
        == ()
    )


def test_an_on_call_period_on_another_rota_is_worked_round() -> None:
    on_call = FixedTime(
        local_datetime(date(2026, 8, 8), time(9)),
        local_datetime(date(2026, 8, 9), time(9)),
        "OC24 on the consultants' rota",
        ShiftKind.ON_CALL,
    )
    team = ward(doctors=8, grades=("ST3", "CT2"), weeks=1)
    problem = replace(team, doctors=(replace(team.doctors[0], fixed=(on_call,)), *team.doctors[1:]))

    result = generate(problem, **FAST)

    assert result.compliant, result.message
    # Nothing overlaps it, and no shift over 10 h follows it on Sunday.
    for shift in result.rota.shifts_of("D1"):
        assert shift.end <= on_call.start or shift.start >= on_call.end
        if shift.day == date(2026, 8, 9):
            assert shift.hours <= 10


def _as_shifts(doctor: str, times: tuple[FixedTime, ...]) -> tuple[Shift, ...]:
    return tuple(Shift(doctor, t.start, t.end, t.kind) for t in times)
