"""Weekends worked: which weekends each doctor works, and at most 1 in 2 under the 2016
terms and conditions. The marks are shared with ``fairness``, which shares weekends out."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.model.variables import RotaVariables
from rotaplan.engine.weekends import saturdays_in


def marks(v: RotaVariables, p: int) -> dict[int, cp_model.IntVar]:
    """A 0/1 per weekend of the period (by its Saturday's ordinal) that the doctor
    could work, true exactly when they work it; a weekend is worked if any shift
    touches 00:01 Saturday to 23:59 Sunday (a Friday night counts). Under TCS at
    most 1 weekend in 2 over the rota (or what is held already, if more). Made once
    per doctor."""
    if p in v.weekend_marks:
        return v.weekend_marks[p]
    touching: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    saturdays = saturdays_in(v.problem.period)
    held: set[int] = set()
    for cell in v.allowed[p]:
        for sat in v.cells.facts[cell].facts.weekends:
            if sat in saturdays:
                touching[sat].append(v.x(p, cell))
                if cell in v.held[p]:
                    held.add(sat)
    limit = len(touching)
    if v.cells.is_tcs(v.problem.doctors[p]):
        limit = int(v.limits["weekend-frequency"] * len(saturdays) + 1e-9)
    made = b.max_weekends(v.model, touching, max(limit, len(held)), str(p))
    v.weekend_marks[p] = made
    return made
