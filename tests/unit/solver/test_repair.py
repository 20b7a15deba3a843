"""Repairing a published rota for a new absence: the absent doctor's shifts go, cover is
restored by as few changes as possible, only near the absence, and the result passes
the rules engine. Each search is counted in deterministic time: the same answer on a
busy machine as on an idle one."""

from __future__ import annotations

from datetime import date

from rotaplan.engine.rules import check_rota
from rotaplan.engine.solver.generate import generate
from rotaplan.engine.solver.repair import REPAIR_MARGIN_DAYS, repair, with_absence

from .rota_problems import days, ward


def test_a_weeks_sickness_is_covered_by_few_changes_near_it() -> None:
    problem = ward(doctors=11, weeks=4, grades=("ST3", "CT2"))
    published = generate(problem, time_limit=3, deterministic=True)
    assert published.compliant
    sick = days(date(2026, 8, 17), 7)
    worked = [s for s in published.shifts if s.doctor == "D3" and s.day in sick]
    assert worked, "the test needs the sick doctor to be rostered that week"

    proposal = repair(
        with_absence(problem, "D3", sick),
        published.shifts,
        (sick[0], sick[-1]),
        time_limit=3,
        deterministic=True,
    )

    assert proposal.result.compliant
    assert check_rota(proposal.result.rota).breaches == ()
    assert set(worked) <= set(proposal.removed)
    assert not any(s.doctor == "D3" and s.day in sick for s in proposal.result.shifts)
    window = (sick[0].toordinal() - REPAIR_MARGIN_DAYS, sick[-1].toordinal() + REPAIR_MARGIN_DAYS)
    for change in (*proposal.removed, *proposal.added):
        assert window[0] <= change.day.toordinal() <= window[1]
    before_gaps = {(g.day, g.shift) for g in published.gaps if g.below == "minimum"}
    after_gaps = {(g.day, g.shift) for g in proposal.result.gaps if g.below == "minimum"}
    # Eleven doctors can absorb one absence: every minimum the rota met is met again.
    assert after_gaps <= before_gaps
    untouched = set(published.shifts) - set(proposal.removed)
    assert untouched <= set(proposal.result.shifts)


def test_nothing_changes_when_the_absent_doctor_had_no_shifts_then() -> None:
    problem = ward(doctors=12, weeks=2)
    published = generate(problem, time_limit=2, deterministic=True)
    free_day = next(
        d
        for d in days(date(2026, 8, 3), 14)
        if not any(s.doctor == "D1" and s.day == d for s in published.shifts)
    )

    proposal = repair(
        with_absence(problem, "D1", [free_day]),
        published.shifts,
        (free_day, free_day),
        time_limit=2,
        deterministic=True,
    )

    # A night the day before may now run into the absence and go. A shift is added only
    # where cover was short: below its minimum already, or left short by that night.
    assert all(s.doctor == "D1" for s in proposal.removed)
    short = {(g.day, g.shift) for g in published.gaps if g.below == "minimum"}
    vacated = {(s.day, s.shift) for s in proposal.removed}
    assert all((s.day, s.shift) in short | vacated for s in proposal.added)
