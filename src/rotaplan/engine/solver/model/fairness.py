"""Fairness: nights, weekends and long days shared pro rata to WTE. Each doctor's
distance from a fair share is paid for, so the work spreads without a rule forcing it."""

from __future__ import annotations

from datetime import date

from ortools.sat.python import cp_model

from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.cells import Cell
from rotaplan.engine.solver.model import weekends
from rotaplan.engine.solver.model.objective import Weights
from rotaplan.engine.solver.model.variables import RotaVariables
from rotaplan.engine.solver.problem import demand_by_day
from rotaplan.engine.weekends import saturdays_in

SHARE = 12
"""Fairness is measured in counts times ``SHARE / wte``: whole numbers for common WTEs."""


def shares(v: RotaVariables, weights: Weights) -> list[b.Penalty]:
    """Each doctor who may do that work has a fair share (the work the demand asks for,
    split by WTE) and the objective pays for every shift above or below it. Measured
    against a fixed share, one doctor's count does not depend on another's, so a search
    that changes a few weeks at a time can see each improvement (a most-minus-fewest
    objective hides all but the extremes). Returns "Dr Shah, nights: twelfths of a shift
    from a fair share"."""
    facts = v.cells.facts
    demand = demand_by_day(v.problem)
    wanted: dict[Cell, int] = {
        (v.cells.index_of(day), v.cells.codes[code]): c.minimum
        for day, cover in demand.items()
        for code, c in cover.items()
    }
    judged = {c for c in facts if 0 <= c[0] < v.fair_until}
    nights = {c for c in judged if facts[c].facts.is_night}
    long_days = {c for c in judged if facts[c].facts.is_long and not facts[c].facts.is_night}
    penalties = []
    for name, weight, kind in (
        ("nights", weights.nights_spread, nights),
        ("long days", weights.long_days_spread, long_days),
    ):
        worked = []
        for p in range(len(v.problem.doctors)):
            mine = [v.x(p, c) for c in v.allowed[p] & kind]
            if mine:
                worked.append((p, mine))
        total = sum(wanted.get(c, 0) for c in kind)
        penalties += _off_share(v, name, weight, total, worked)
    last_judged = v.problem.period.start.toordinal() + v.fair_until
    weekend_shares = []
    for p in range(len(v.problem.doctors)):
        marks = [m for sat, m in weekends.marks(v, p).items() if sat < last_judged]
        if marks:
            weekend_shares.append((p, marks))
    # Each weekend needs at least as many doctors as its busiest Saturday or Sunday.
    weekend_need = 0
    for sat in (s for s in saturdays_in(v.problem.period) if s < last_judged):
        days = [d for d in (sat, sat + 1) if d <= v.problem.period.end.toordinal()]
        weekend_need += max(
            (sum(c.minimum for c in demand.get(date.fromordinal(d), {}).values()) for d in days),
            default=0,
        )
    penalties += _off_share(v, "weekends", weights.weekends_spread, weekend_need, weekend_shares)
    return penalties


def _share(v: RotaVariables, p: int) -> float:
    """The doctor's part of a full-time share of the judged days: their WTE, less the
    days they cannot work at all (not yet in post, on long leave), so that a doctor
    who joins halfway is asked for half the nights, not all of them at once."""
    doctor = v.problem.doctors[p]
    days = max(v.fair_until, 1)
    away = sum(0 <= v.cells.index_of(u.day) < days for u in doctor.unavailable)
    return doctor.wte * (days - away) / days


def _off_share(
    v: RotaVariables,
    name: str,
    weight: int,
    total: int,
    worked: list[tuple[int, list[cp_model.IntVar]]],
) -> list[b.Penalty]:
    """Each doctor's distance from ``total`` split pro rata to WTE among ``worked``, in
    units of 1/``SHARE`` of a full-time doctor's shift."""
    if len(worked) < 2 or not weight or not total:
        return []
    share = {p: _share(v, p) for p, _ in worked}
    if not sum(share.values()):
        return []
    target = round(SHARE * total / sum(share.values()))  # per whole-time equivalent
    penalties = []
    for p, marks in worked:
        if not share[p]:
            continue
        scale = round(SHARE / share[p])
        top = scale * len(marks) + target
        off = v.model.new_int_var(0, top, f"{name} off share[{p}]")
        v.model.add_abs_equality(off, scale * sum(marks) - target)
        said = f"{v.doctor_name(p)}, {name}: twelfths of a shift from a fair share"
        penalties.append(b.Penalty(said, weight, off))
    return penalties
