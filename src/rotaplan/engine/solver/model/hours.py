"""Hours of work: the average week over the rota, a night worker's average day, and
the most hours in any 168. Hard rules, no penalty terms."""

from __future__ import annotations

from collections import defaultdict

from rotaplan.engine.rules.facts import DAY, HOUR, local_midnight
from rotaplan.engine.rules.limits import Limits
from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.cells import Cell
from rotaplan.engine.solver.model.variables import RotaVariables
from rotaplan.engine.solver.problem import ProblemDoctor

WEEK = 7 * DAY


def average(v: RotaVariables, p: int, doctor: ProblemDoctor, tcs: bool) -> None:
    """Average weekly hours: TCS 48 (56 opted out), WTR 48 unless opted out, and a
    less-than-full-time doctor pro rata (their contract, stricter than the limit). A
    night worker averages at most 8 h in 24 (WTR reg. 6) over the days less rest days."""
    mine = [c for c in v.allowed[p] if v.in_period(c)]
    work = [(v.cells.facts[c].minutes, v.x(p, c)) for c in mine]
    total = sum(m * x for m, x in work if m)
    held = sum(m for c, (m, _) in zip(mine, work, strict=True) if c in v.held[p])
    cap = hours_cap_minutes(v.limits, doctor, tcs, v.problem.period.weeks)
    if cap is not None:
        b.minutes_between(v.model, work, 0, max(cap, held))
    night_cells = [v.x(p, c) for c in mine if v.cells.facts[c].facts.is_night]
    if night_cells:
        days = v.problem.period.days
        night_cap = int(v.limits["wtr-night-average"] * (days - days / 7) * 60)
        any_night = v.model.new_bool_var(f"night_worker[{p}]")
        v.model.add_max_equality(any_night, night_cells)
        v.model.add(total <= night_cap).only_enforce_if(any_night)


def in_any_168(v: RotaVariables, p: int) -> None:
    """TCS: at most 72 h of work in any 168 h. The most hours in a sliding window are
    found in a window that starts as some shift starts, so one constraint per possible
    start covers every window (the 2016 text's seven calendar days: one per midnight)."""
    limit = round(v.limits["max-72h-in-168h"] * HOUR) // 60
    facts = v.cells.facts
    work = sorted(c for c in v.scope[p] if facts[c].facts.is_work)
    if not work:
        return
    if v.limits["max-72h-calendar-days"]:
        starts = sorted({local_midnight(facts[c].facts.day - i) for c in work for i in range(7)})
    else:
        starts = sorted({facts[c].facts.t0 for c in work})
    by_day: dict[int, list[Cell]] = defaultdict(list)
    for c in work:
        by_day[c[0]].append(c)
    first = v.problem.period.start.toordinal()
    for a in starts:
        end = a + WEEK
        day0 = _day_index_of(a, first) - 1
        terms = []
        held = 0
        for d in range(day0, day0 + 10):
            for c in by_day.get(d, ()):
                f = facts[c].facts
                overlap = min(f.t1, end) - max(f.t0, a)
                if overlap > 0 and c in v.held[p]:
                    held += overlap // 60
                elif overlap > 0:
                    terms.append((overlap // 60, v.x(p, c)))
        if terms and held + sum(m for m, _ in terms) > limit:
            # What is held may already be over (an accepted breach): add nothing to it.
            v.model.add(sum(m * x for m, x in terms) <= max(limit - held, 0))


def hours_cap_minutes(limits: Limits, doctor: ProblemDoctor, tcs: bool, weeks: float) -> int | None:
    """The most minutes of work the model allows the doctor over the period: TCS 48 h a
    week (56 opted out), WTR 48 h unless opted out, pro rata to WTE; None for no cap."""
    caps = []
    if tcs:
        key = "avg-weekly-hours-opted-out" if doctor.opted_out else "avg-weekly-hours"
        caps.append(limits[key])
    if not doctor.opted_out:
        caps.append(limits["wtr-avg-48h"])
    if not caps and doctor.wte >= 1:
        return None
    weekly = min(caps) if caps else limits["wtr-avg-48h"]
    return int(weekly * min(doctor.wte, 1.0) * weeks * 60)


def _day_index_of(epoch_seconds: int, first_ordinal: int) -> int:
    """The period's day index of a moment (by UTC day, near enough to pick the days a
    window can touch: the caller looks one day either side)."""
    return (epoch_seconds // DAY) - (local_midnight(first_ordinal) // DAY)
