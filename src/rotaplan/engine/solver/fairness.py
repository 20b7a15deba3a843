"""How evenly a rota shares the unsocial work and the hours: nights, weekends, long days
and hours per doctor, raw and per full-time share of the days available, within each
tier, from the rules engine's own definitions."""

from __future__ import annotations

from collections import Counter

from rotaplan.engine.breaches import ComplianceReport
from rotaplan.engine.rota import RotaShifts
from rotaplan.engine.rules.facts import facts_of
from rotaplan.engine.rules.limits import limits_on
from rotaplan.engine.solver.cells import RotaCells
from rotaplan.engine.solver.outcome import Fairness, FairnessRow
from rotaplan.engine.solver.problem import any_of, available_share, qualified
from rotaplan.engine.solver.tiers import tiers_of


def fairness_of(cells: RotaCells, rota: RotaShifts, report: ComplianceReport) -> Fairness:
    """One row per doctor in problem order. A long day is a long shift that is not a
    night, so a night is counted once, as a night."""
    problem = cells.problem
    limits = limits_on(problem.period.start)
    lo, hi = problem.period.start.toordinal(), problem.period.end.toordinal()
    tier_names = _tier_names(cells)
    rows = []
    for doctor, tier in zip(problem.doctors, tier_names, strict=True):
        may = [cells.facts[c].facts for c in cells.allowed(doctor) if not cells.is_context(c)]
        eligible = {
            kind
            for kind, found in (
                ("nights", any(f.is_night for f in may)),
                ("long_days", any(f.is_long and not f.is_night for f in may)),
                ("weekends", any(f.weekends for f in may)),
                ("hours", any(f.is_work for f in may)),
            )
            if found
        }
        facts = [f for f in facts_of(rota.shifts_of(doctor.id), limits) if lo <= f.day <= hi]
        figures = report.doctors.get(doctor.id)
        rows.append(
            FairnessRow(
                doctor=doctor.id,
                wte=doctor.wte,
                nights=sum(f.is_night for f in facts),
                weekends=figures.weekends_worked if figures else 0,
                long_days=sum(f.is_long and not f.is_night for f in facts),
                hours=figures.average_weekly_hours if figures else 0.0,
                share=available_share(problem, doctor),
                tier=tier,
                eligible=frozenset(eligible),
            )
        )
    return Fairness(tuple(rows))


def _tier_names(cells: RotaCells) -> list[str]:
    """Each doctor's tier, named by the grades in it ("Grades CT1, FY1 and FY2"); a
    tier with no grades given is named by its shift types."""
    problem = cells.problem
    tier = tiers_of(
        [
            {s for s, spec in enumerate(problem.shift_types) if qualified(d, spec)}
            for d in problem.doctors
        ]
    )
    names: dict[int | None, str] = {}
    works: dict[int, list[str]] = {}
    for top in sorted({t for t in tier if t is not None}):
        members = [d for d, t in zip(problem.doctors, tier, strict=True) if t == top]
        grades = sorted({d.grade for d in members if d.grade})
        works[top] = [
            spec.name or spec.code
            for spec in problem.shift_types
            if any(qualified(d, spec) for d in members)
        ]
        names[top] = (
            f"Grades {all_of(grades)}" if grades else f"Doctors who work {any_of(works[top])}"
        )
    # Two tiers of the same grades (registrars on the wards and registrars on call from
    # home) are told apart by their shifts, and numbered if even those read alike.
    for name, count in Counter(names.values()).items():
        if count > 1:
            alike = [top for top, n in names.items() if n == name and top is not None]
            for number, top in enumerate(alike, start=1):
                names[top] = f"{name}, on {all_of(works[top])} ({number})"
    names[None] = "No shifts they may work"
    return [names[t] for t in tier]


def all_of(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
