"""Tiers that share nothing are solved as problems of their own: each part holds its
doctors, their shifts, the cover and requests for those shifts and the local rules among
them; a pair of doctors across tiers joins them; and the parts' rotas together are a
rota of the whole problem that the rules engine accepts, proved the best when each part's
is."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from rotaplan.engine.rules import check_rota
from rotaplan.engine.rules.local import FixedDay, LocalRules, NeverAlone
from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.outcome import SolveStatus
from rotaplan.engine.solver.parts import problem_parts
from rotaplan.engine.solver.problem import (
    FixedShift,
    ProblemDoctor,
    Request,
    RequestKind,
    RotaProblem,
)

from .test_search_never_gives_up import two_tiers


def test_juniors_and_registrars_are_two_parts_each_with_its_own_cover_and_rules() -> None:
    problem = two_tiers()
    first = problem.period.start
    problem = replace(
        problem,
        requests=(
            Request("D1", RequestKind.OFF, (first,)),
            Request("D5", RequestKind.ON, (first,), shift="RN"),
        ),
        local=LocalRules(
            max_nights_in_a_row=3,
            never_alone=(NeverAlone(frozenset({"FY1"}), frozenset({"JN"})),),
            apart=(("D1", "D2"),),
            fixed=(FixedDay("D6", first, "RD"),),
        ),
    )

    juniors, registrars = problem_parts(problem)

    assert [d.id for d in juniors.doctors] == ["D1", "D2", "D3", "D4"]
    assert [s.code for s in juniors.shift_types] == ["JD", "JN"]
    assert {d.shift for d in juniors.demand} == {"JD", "JN"}
    assert [r.doctor for r in juniors.requests] == ["D1"]
    assert juniors.local == LocalRules(
        max_nights_in_a_row=3,
        never_alone=(NeverAlone(frozenset({"FY1"}), frozenset({"JN"})),),
        apart=(("D1", "D2"),),
    )
    assert [s.code for s in registrars.shift_types] == ["RD", "RN"]
    assert [r.doctor for r in registrars.requests] == ["D5"]
    assert registrars.local == LocalRules(
        max_nights_in_a_row=3, fixed=(FixedDay("D6", first, "RD"),)
    )


def test_a_cross_tier_pair_a_fixed_shift_or_a_doctor_who_works_both_joins_tiers() -> None:
    problem = two_tiers()
    first = problem.period.start
    fixed = replace(problem.doctors[0], fixed=(FixedShift(first, "RD"),))
    both = ProblemDoctor("D9", "Dr 9", "ST3")  # registrars' grade
    juniors_too = replace(
        problem,
        shift_types=tuple(
            replace(s, grades=s.grades | {"ST3"}) if s.code == "JN" else s
            for s in problem.shift_types
        ),
    )

    assert len(problem_parts(problem)) == 2
    assert len(problem_parts(replace(problem, local=LocalRules(together=(("D1", "D5"),))))) == 1
    assert len(problem_parts(replace(problem, doctors=(fixed, *problem.doctors[1:])))) == 1
    assert len(problem_parts(replace(juniors_too, doctors=(*problem.doctors, both)))) == 1


def test_a_doctor_who_may_work_nothing_is_in_no_part() -> None:
    problem = two_tiers()
    nobody = ProblemDoctor("D9", "Dr 9", "Consultant")

    parts = problem_parts(replace(problem, doctors=(*problem.doctors, nobody)))

    assert [d.id for part in parts for d in part.doctors] == [f"D{i}" for i in range(1, 9)]


def fortnight(problem: RotaProblem) -> RotaProblem:
    last = problem.period.start + timedelta(days=13)
    return replace(
        problem,
        period=replace(problem.period, end=last),
        demand=tuple(d for d in problem.demand if d.day <= last),
    )


def test_the_parts_rotas_are_one_rota_the_rules_accept_and_best_when_each_is() -> None:
    problem = fortnight(two_tiers())
    progress = []

    result = generate(problem, time_limit=30, deterministic=True, on_progress=progress.append)

    assert result.status == SolveStatus.OPTIMAL
    assert result.compliant
    assert check_rota(result.rota).breaches == ()
    assert {s.shift for s in result.shifts} == {"JD", "JN", "RD", "RN"}
    assert {s.doctor for s in result.shifts if s.shift.startswith("J")} <= {"D1", "D2", "D3", "D4"}
    assert result.bound == result.objective
    # Reported once both parts had a rota, then after each better rota: never worse.
    objectives = [p.objective for p in progress]
    assert objectives == sorted(objectives, reverse=True)
    assert objectives[-1] == result.objective
