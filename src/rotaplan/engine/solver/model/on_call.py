"""On-call periods under the 2016 terms and conditions: how close together they may be.
Hard rules, no penalty terms (the day after on call is a rest rule, in ``rest``)."""

from __future__ import annotations

from rotaplan.engine.solver.model.variables import RotaVariables


def spacing(v: RotaVariables, p: int) -> None:
    """TCS: no on-call periods on consecutive days except Saturday then Sunday; at most
    3 in any 7 consecutive days."""
    days = v.by_day(p)
    on_call = v.mark(p, "on_call", [[c for c in cs if v.cells.on_call(c)] for cs in days])
    for i in range(len(on_call) - 1):
        a, c = on_call[i], on_call[i + 1]
        saturday = v.cells.date_of(i + v.lo).weekday() == 5
        if a is not None and c is not None and not saturday:
            v.model.add_bool_or([a.Not(), c.Not()])
    limit = int(v.limits["max-on-call-per-7-days"])
    for start in range(len(on_call)):
        window = [m for m in on_call[start : start + 7] if m is not None]
        if len(window) > limit:
            v.model.add(sum(window) <= limit)
