"""How evenly a rota shares the unsocial work: nights, weekends and long days per doctor,
raw and per whole-time equivalent, from the rules engine's own definitions."""

from __future__ import annotations

from rotaplan.engine.breaches import ComplianceReport
from rotaplan.engine.rota import RotaShifts
from rotaplan.engine.rules.facts import facts_of
from rotaplan.engine.rules.limits import limits_on
from rotaplan.engine.solver.cells import RotaCells
from rotaplan.engine.solver.outcome import Fairness, FairnessRow


def fairness_of(cells: RotaCells, rota: RotaShifts, report: ComplianceReport) -> Fairness:
    """One row per doctor in problem order. A long day is a long shift that is not a
    night, so a night is counted once, as a night."""
    problem = cells.problem
    limits = limits_on(problem.period.start)
    lo, hi = problem.period.start.toordinal(), problem.period.end.toordinal()
    rows = []
    for doctor in problem.doctors:
        may = [cells.facts[c].facts for c in cells.allowed(doctor)]
        eligible = {
            kind
            for kind, found in (
                ("nights", any(f.is_night for f in may)),
                ("long_days", any(f.is_long and not f.is_night for f in may)),
                ("weekends", any(f.weekends for f in may)),
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
                eligible=frozenset(eligible),
            )
        )
    return Fairness(tuple(rows))
