"""Local rules, what a department asks beyond the contract: the generator keeps each, the
rules engine reports a rota that does not as local rules apart from the contract's
breaches, and the written rota keeps them too."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotaplan.engine.rota import RotaShifts
from rotaplan.engine.rules import check_rota
from rotaplan.engine.rules.local import LocalRules, NeverAlone, local_breaches
from rotaplan.engine.solver.cells import RotaCells
from rotaplan.engine.solver.first_rota import first_rota
from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.outcome import GeneratedRota
from rotaplan.engine.solver.problem import RotaProblem

from .rota_problems import MONDAY, days, ward
from .test_first_rota import model_accepts


def generated(problem: RotaProblem) -> GeneratedRota:
    result = generate(problem, time_limit=2, deterministic=True)
    assert result.compliant, result.message
    assert check_rota(result.rota).breaches == ()
    assert local_breaches(result.rota, problem.local) == ()
    return result


def with_rules(problem: RotaProblem, **rules: object) -> RotaProblem:
    return replace(problem, local=LocalRules(**rules))  # type: ignore[arg-type]


def test_at_most_two_nights_in_a_row_here() -> None:
    result = generated(
        with_rules(ward(doctors=10, weeks=4, grades=("ST3",)), max_nights_in_a_row=2)
    )
    for doctor in {s.doctor for s in result.shifts}:
        nights = sorted(s.day for s in result.shifts if s.doctor == doctor and s.shift == "N")
        for first, third in zip(nights, nights[2:], strict=False):
            assert third - first > timedelta(days=2)


def test_weekends_whole_or_not_at_all() -> None:
    result = generated(with_rules(ward(doctors=10, weeks=4, grades=("ST3",)), whole_weekends=True))
    worked = {(s.doctor, s.day) for s in result.shifts}
    for saturday in [d for d in days(MONDAY, 28) if d.weekday() == 5]:
        for doctor in {s.doctor for s in result.shifts}:
            assert ((doctor, saturday) in worked) == ((doctor, saturday + timedelta(1)) in worked)


def test_no_more_than_one_weekend_in_a_row() -> None:
    result = generated(
        with_rules(ward(doctors=10, weeks=6, grades=("ST3",)), max_weekends_in_a_row=1)
    )
    assert any(s.day.weekday() >= 5 for s in result.shifts)  # weekends are worked, apart


def test_an_fy1_is_never_alone_on_a_night() -> None:
    problem = with_rules(
        ward(doctors=9, weeks=4, grades=("FY1", "ST3", "ST3"), nights=2, day_minimum=1),
        never_alone=(NeverAlone(frozenset({"FY1"}), frozenset({"N"})),),
    )
    problem = replace(
        problem, shift_types=tuple(replace(s, grades=frozenset()) for s in problem.shift_types)
    )
    result = generated(problem)
    grade = {d.id: d.grade for d in problem.doctors}
    on = Counter()
    for s in result.shifts:
        if s.shift == "N":
            on[(s.day, grade[s.doctor] == "FY1")] += 1
    for day in days(MONDAY, 28):
        assert not (on[(day, True)] and not on[(day, False)])


def test_two_doctors_kept_apart_and_two_kept_together() -> None:
    problem = with_rules(
        ward(doctors=8, weeks=4, grades=("ST3",)), apart=(("D1", "D2"),), together=(("D3", "D4"),)
    )
    result = generated(problem)
    shifts = {(s.doctor, s.day, s.shift) for s in result.shifts}
    assert not any(("D2", day, code) in shifts for d, day, code in shifts if d == "D1")
    assert {(day, code) for d, day, code in shifts if d == "D3"} == {
        (day, code) for d, day, code in shifts if d == "D4"
    }


def test_the_rules_engine_reports_a_local_rule_apart_from_breaches() -> None:
    """Three nights in a row keep the contract and break a local limit of two."""
    problem = ward(doctors=2, weeks=1, grades=("ST3",))
    cells = RotaCells(problem)
    night = cells.codes["N"]
    shifts = tuple(cells.shift_of("D1", (d, night)) for d in range(3))
    rota = RotaShifts(problem.period, tuple(problem.terms(d) for d in problem.doctors), shifts)

    (local,) = local_breaches(rota, LocalRules(max_nights_in_a_row=2))

    assert check_rota(rota).breaches == ()
    assert local.rule == "local-max-nights-in-a-row"
    assert local.message == (
        "Dr 1 works 3 nights in a row from Mon 3 Aug 2026; this rota's local rule is at most 2"
    )


@st.composite
def local_rules(draw: st.DrawFn) -> LocalRules:
    return LocalRules(
        max_nights_in_a_row=draw(st.none() | st.integers(1, 3)),
        max_weekends_in_a_row=draw(st.none() | st.integers(1, 2)),
        whole_weekends=draw(st.booleans()),
        never_alone=draw(
            st.sampled_from([(), (NeverAlone(frozenset({"FY1"}), frozenset({"N", "LD"})),)])
        ),
        apart=draw(st.sampled_from([(), (("D1", "D2"),)])),
        together=draw(st.sampled_from([(), (("D3", "D4"),)])),
    )


@settings(
    max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(local_rules(), st.integers(5, 9))
def test_written_rotas_keep_local_rules_as_the_model_reads_them(
    rules: LocalRules, doctors: int
) -> None:
    base = ward(doctors=doctors, weeks=4, grades=("FY1", "ST3", "CT2"))
    problem = replace(
        base,
        local=rules,
        shift_types=tuple(replace(s, grades=frozenset()) for s in base.shift_types),
    )

    written = first_rota(problem, RotaCells(problem))

    assert model_accepts(problem, written)
    terms = tuple(problem.terms(d) for d in problem.doctors)
    cells = RotaCells(problem)
    rota = RotaShifts(
        problem.period, terms, tuple(cells.shift_of(s.doctor, cells.cell_of(s)) for s in written)
    )
    assert local_breaches(rota, rules) == ()
