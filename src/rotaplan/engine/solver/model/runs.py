"""Runs of shifts under the 2016 terms and conditions: how many in a row, and the rest
owed after the longest runs and after nights. Hard rules, no penalty terms."""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from rotaplan.engine.rules.facts import HOUR
from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver import rota_rules as r
from rotaplan.engine.solver.cells import Cell
from rotaplan.engine.solver.model.variables import RotaVariables

Marks = list[cp_model.IntVar | None]


def in_a_row(v: RotaVariables, p: int) -> None:
    """TCS: at most 7 shifts in a row then 48 h off; at most 4 long shifts in a row then
    48 h off, or the nights' 46 h when the run ends with a night; (2016 only) at most 4
    long late evenings in a row then 48 h off; at most 4 nights in a row, and 46 h off
    after any run of nights (after 3 or more under the 2016 text). Days are run days, so
    a night starting at midnight follows the night before it (``rules.runs``)."""
    facts = v.cells.facts
    days = v.by_run_day(p)
    every = v.mark(p, "works", days)
    long_days = [[c for c in cs if facts[c].facts.is_long] for cs in days]
    nights = [[c for c in cs if facts[c].facts.is_night] for cs in days]
    longs = v.mark(p, "long", long_days)
    night_marks = v.mark(p, "night", nights)
    rest_after_max = v.limits["rest-after-max-run"]
    rest_after_nights = v.limits["rest-after-nights"]

    def long_run_rest(cell: Cell) -> float:
        return rest_after_nights if facts[cell].facts.is_night else rest_after_max

    families: list[tuple[Marks, list[list[Cell]], int, Callable[[Cell], float]]] = [
        (every, days, int(v.limits["max-consecutive-shifts"]), lambda _: rest_after_max),
        (longs, long_days, int(v.limits["max-consecutive-long-shifts"]), long_run_rest),
    ]
    evening_limit = v.limits.get("max-consecutive-long-evening-shifts")
    if evening_limit is not None:
        evenings = [[c for c in cs if facts[c].facts.is_long_evening] for cs in days]
        marks = v.mark(p, "long_evening", evenings)
        families.append((marks, evenings, int(evening_limit), lambda _: rest_after_max))
    for marks, cells, k, rest_hours in families:
        b.max_in_a_row(v.model, marks, k)
        for i, todays in enumerate(cells):
            for cell in todays:
                r.rest_after_run(
                    v.model,
                    marks,
                    k,
                    i,
                    v.x(p, cell),
                    [v.x(p, c) for c in too_soon(v, p, cell, rest_hours(cell))],
                    exactly=True,
                )
    b.max_in_a_row(v.model, night_marks, int(v.limits["max-consecutive-nights"]))
    min_run = int(v.limits["rest-after-nights-min-run"])
    for i, todays in enumerate(nights):
        following = set(nights[i + 1]) if i + 1 < len(nights) else set()
        for cell in todays:
            soon = [
                v.x(p, c) for c in too_soon(v, p, cell, rest_after_nights) if c not in following
            ]
            r.rest_after_run(v.model, night_marks, min_run, i, v.x(p, cell), soon, exactly=False)


def too_soon(v: RotaVariables, p: int, last: Cell, hours: float) -> list[Cell]:
    """The doctor's cells from the day after ``last`` on that start less than ``hours``
    after ``last`` ends."""
    end = v.cells.facts[last].facts.t1
    need = round(hours * HOUR)
    return [
        c
        for d in range(last[0] + 1, min(last[0] + 4, v.grid.horizon))
        for c in v.scope_by_day[p].get(d, [])
        if v.cells.facts[c].facts.t0 - end < need
    ]
