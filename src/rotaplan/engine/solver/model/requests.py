"""Doctors' requests: days they asked to have off, shifts they asked to work. A request
is honoured where the rota can, and one broken is paid for by its weight."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rotaplan.engine.clock import format_day
from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.cells import day_span
from rotaplan.engine.solver.model.objective import Weights
from rotaplan.engine.solver.model.variables import RotaVariables
from rotaplan.engine.solver.problem import RequestKind


def broken(v: RotaVariables, weights: Weights) -> list[b.Penalty]:
    """An "off" request is broken by any shift touching its days (for a weekend,
    00:01 Saturday to 23:59 Sunday, so a Friday night breaks it); an "on" request by
    any of its days without the shift asked for. Returns one yes-or-no term a request,
    "Dr Shah, Sat 8 Aug 2026 to Sun 9 Aug 2026: asked not to work"."""
    index = v.cells.doctor_index
    first = v.problem.period.start.toordinal()
    penalties = []
    for n, request in enumerate(v.problem.requests):
        p = index[request.doctor]
        if request.kind is RequestKind.OFF:
            spans = [day_span(day) for day in request.dates]
            hits = [
                v.x(p, c)
                for c in v.allowed[p]
                if any(
                    v.cells.facts[c].facts.t0 < hi and v.cells.facts[c].facts.t1 > lo
                    for lo, hi in spans
                )
            ]
            said = f"{v.doctor_name(p)}, {days_text(request.dates)}: asked not to work"
        else:
            s = v.cells.codes[request.shift]
            hits = []
            for day in request.dates:
                cell = (day.toordinal() - first, s)
                missed = v.model.new_bool_var(f"missed[{p},{cell}]")
                if cell in v.allowed[p]:
                    v.model.add(missed + v.x(p, cell) == 1)
                else:
                    v.model.add(missed == 1)
                hits.append(missed)
            said = (
                f"{v.doctor_name(p)}, {days_text(request.dates)}, {v.shift_name(s)}: asked to work"
            )
        was_broken = v.model.new_bool_var(f"request broken {n}")
        if hits:
            v.model.add_max_equality(was_broken, hits)
        else:
            v.model.add(was_broken == 0)
        penalties.append(b.Penalty(said, weights.request * request.weight, was_broken))
    return penalties


def days_text(days: Sequence[date]) -> str:
    """One day, a run of days as its first and last, or the days one by one."""
    ordered = sorted(set(days))
    if len(ordered) == 1:
        return format_day(ordered[0])
    if (ordered[-1] - ordered[0]).days == len(ordered) - 1:
        return f"{format_day(ordered[0])} to {format_day(ordered[-1])}"
    return ", ".join(format_day(d) for d in ordered)
