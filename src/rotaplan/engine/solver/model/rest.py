"""Rest: between two shifts, and the weekly (fortnightly) rest of the Working Time
Regulations. Hard rules, no penalty terms."""

from __future__ import annotations

from rotaplan.engine.rules.facts import DAY, HOUR, local_midnight
from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.model.variables import RotaVariables
from rotaplan.engine.solver.problem import Policy


def between_shifts(v: RotaVariables, p: int, tcs: bool) -> None:
    """Overlapping shifts never; work shifts less than 11 h apart never (TCS 11 h, and
    for everyone the WTR's 11 h in 24, which the model meets the stricter way); under
    TCS a shift over 10 h the day after on call never."""
    facts = v.cells.facts
    rest = round(v.limits["min-rest-between-shifts"] * HOUR)
    after_on_call = round(v.limits["day-after-on-call"] * HOUR)
    pairs = []
    for a in sorted(v.scope[p]):
        for d in (a[0], a[0] + 1, a[0] + 2):
            for c in v.scope_by_day[p].get(d, []):
                if c <= a or (a in v.held[p] and c in v.held[p]):
                    continue  # each pair once; what is held is as it was
                first, then = sorted((facts[a].facts, facts[c].facts), key=lambda f: f.t0)
                clash = then.t0 < first.t1 or (
                    first.is_work and then.is_work and then.t0 - first.t1 < rest
                )
                if tcs and not first.is_work and then.day == first.day + 1:
                    clash = clash or (then.is_work and then.t1 - then.t0 > after_on_call)
                if clash:
                    pairs.append((v.x(p, a), v.x(p, c)))
    b.never_together(v.model, pairs)


def weekly(v: RotaVariables, p: int) -> None:
    """WTR reg. 11: in each 14 days from the rota's start, one 48 h rest or two of
    24 h. The model asks for two whole calendar days free of work in each fortnight
    (two free days are either one rest of 48 h or two of 24 h), stricter than the rule
    by the hours either side of those days; a 23-hour day of the March clock change is
    not counted as a free day. For doctors on the 2016 terms it is a policy
    (``Policy.WHOLE_FREE_DAYS``): under the hospital derogation their weekly rest is owed
    as compensatory rest, and a department may switch it off."""
    if v.cells.is_tcs(v.problem.doctors[p]) and Policy.WHOLE_FREE_DAYS not in v.problem.policies:
        return  # derogated for doctors in training: compensatory rest, not a breach
    facts = v.cells.facts
    first = v.problem.period.start.toordinal()
    for start in range(0, v.grid.horizon - 13, 14):
        if not any(c[0] in range(start - 1, start + 14) for c in v.scope[p] - v.held[p]):
            continue  # every shift of this fortnight is held: its rest is as it was
        free = []
        for d in range(start, start + 14):
            lo, hi = local_midnight(first + d), local_midnight(first + d + 1)
            if hi - lo < DAY:
                continue
            touching = [
                v.x(p, c)
                for c in v.scope[p]
                if c[0] in (d - 1, d)
                and facts[c].facts.is_work
                and facts[c].facts.t0 < hi
                and facts[c].facts.t1 > lo
            ]
            f = v.model.new_bool_var(f"free[{p},{d}]")
            for t in touching:
                v.model.add_implication(f, t.Not())
            free.append(f)
        v.model.add(sum(free) >= 2)
