"""Local rules (``rules.local``): what a department asks beyond the contract, hard, read
exactly as the rules engine reads them, so a rota the model allows the rules engine
finds none broken."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.cells import Cell
from rotaplan.engine.solver.model import weekends
from rotaplan.engine.solver.model.variables import RotaVariables


def per_doctor(v: RotaVariables, p: int) -> None:
    """Nights in a row (by the day each counts as in a run), weekends in a row, and whole
    weekends (a shift starting Saturday with one starting Sunday)."""
    rules = v.problem.local
    facts = v.cells.facts
    if rules.max_nights_in_a_row is not None:
        nights = [[c for c in cs if facts[c].facts.is_night] for cs in v.by_run_day(p)]
        b.max_in_a_row(v.model, v.mark(p, "local_night", nights), rules.max_nights_in_a_row)
    if rules.max_weekends_in_a_row is not None:
        marks = weekends.marks(v, p)
        if marks:
            first, last = min(marks), max(marks)
            in_turn = [marks.get(s) for s in range(first, last + 1, 7)]
            b.max_in_a_row(v.model, in_turn, rules.max_weekends_in_a_row)
    if rules.whole_weekends:
        by_day = [[c for c in cs if not v.cells.is_context(c)] for cs in v.by_day(p)]
        days = v.mark(p, "local_day", by_day)
        first = v.problem.period.start.toordinal()
        for i in range(len(days) - 1):
            day = i + v.lo  # the period's day index
            if not (day >= 0 and day + 1 < v.grid.horizon) or (first + day + 6) % 7 != 5:
                continue  # not a Saturday with its Sunday in the period
            saturday, sunday = days[i], days[i + 1]
            if saturday is not None and sunday is not None:
                v.model.add(saturday == sunday)
            elif saturday is not None or sunday is not None:
                v.model.add((saturday if saturday is not None else sunday) == 0)


def between_doctors(v: RotaVariables) -> None:
    """Never alone, apart and together, shift by shift."""
    rules = v.problem.local
    if not (rules.never_alone or rules.apart or rules.together):
        return
    on: dict[Cell, dict[int, cp_model.IntVar]] = defaultdict(dict)
    for p, cells in enumerate(v.allowed):
        for cell in cells:
            if not v.cells.is_context(cell):
                on[cell][p] = v.x(p, cell)
    index = v.cells.doctor_index
    doctors = v.problem.doctors
    for rule in rules.never_alone:
        for cell, who in on.items():
            if rule.shifts and v.problem.shift_types[cell[1]].code not in rule.shifts:
                continue
            others = [x for q, x in who.items() if doctors[q].grade not in rule.grades]
            for q, x in who.items():
                if doctors[q].grade in rule.grades:
                    v.model.add(x <= sum(others))
    for a, c in rules.apart:
        pa, pc = index.get(a), index.get(c)
        for who in on.values():
            if pa in who and pc in who:
                v.model.add(who[pa] + who[pc] <= 1)
    for a, c in rules.together:
        pa, pc = index.get(a), index.get(c)
        for who in on.values():
            xa, xc = (
                who.get(pa) if pa is not None else None,
                who.get(pc) if pc is not None else None,
            )
            if xa is not None and xc is not None:
                v.model.add(xa == xc)
            elif xa is not None or xc is not None:
                v.model.add((xa if xa is not None else xc) == 0)
