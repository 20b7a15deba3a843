"""On-call periods under the 2016 terms and conditions: how close together they may be.
Hard rules, no penalty terms (the day after on call is a rest rule, in ``rest``)."""

from __future__ import annotations

from rotaplan.engine.rules.facts import local_midnight
from rotaplan.engine.solver.model.variables import RotaVariables


def spacing(v: RotaVariables, p: int) -> None:
    """TCS: no on-call periods on consecutive days except Saturday then Sunday; at most
    3 in any 7 consecutive days, a period counting in every 7 days it falls in, wholly or
    in part (``rules.on_call``)."""
    days = v.by_day(p)
    on_call = v.mark(p, "on_call", [[c for c in cs if v.cells.on_call(c)] for cs in days])
    for i in range(len(on_call) - 1):
        a, c = on_call[i], on_call[i + 1]
        saturday = v.cells.date_of(i + v.lo).weekday() == 5
        if a is not None and c is not None and not saturday:
            v.model.add_bool_or([a.Not(), c.Not()])
    per_7_days(v, p)


def per_7_days(v: RotaVariables, p: int) -> None:
    """At most 3 on-call periods falling in any 7 calendar days. What is held may already
    be over (an accepted breach): nothing more is added to it."""
    limit = int(v.limits["max-on-call-per-7-days"])
    facts = v.cells.facts
    periods = sorted((c for c in v.scope[p] if v.cells.on_call(c)), key=lambda c: facts[c].facts.t0)
    if len(periods) <= limit:
        return
    first = v.problem.period.start.toordinal()
    for w in sorted({facts[c].facts.day - first - 6 for c in periods}):
        opens, closes = local_midnight(first + w), local_midnight(first + w + 7)
        inside = [c for c in periods if facts[c].facts.t0 < closes and facts[c].facts.t1 > opens]
        if len(inside) <= limit:
            continue
        held = sum(1 for c in inside if c in v.held[p])
        free = [v.x(p, c) for c in inside if c not in v.held[p]]
        if free:
            v.model.add(sum(free) <= max(limit - held, 0))
