"""Fairness: nights, weekends and long days shared pro rata to WTE and days available,
within each tier. Each doctor's distance from a fair share is paid for, so the work
spreads without a rule forcing it."""

from __future__ import annotations

from collections.abc import Iterator
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
"""Fairness is measured in twelfths of a shift, so that shares of odd sizes are near
whole numbers."""


def shares(v: RotaVariables, weights: Weights) -> list[b.Penalty]:
    """Each doctor who may do that work has a fair share (the work the demand asks of
    their tier, split by WTE and days available) and the objective pays for every shift
    above or below it. Measured against a fixed share, one doctor's count does not depend
    on another's, so a search that changes a few weeks at a time can see each improvement
    (a most-minus-fewest objective hides all but the extremes). Who shares is fixed by
    what each doctor may ever work, never by what a step holds still, so every step
    values the same rota alike. Returns "Dr Shah, nights: twelfths of a shift from a fair
    share"."""
    facts = v.cells.facts
    demand = demand_by_day(v.problem)
    wanted: dict[Cell, int] = {
        (v.cells.index_of(day), v.cells.codes[code]): c.minimum
        for day, cover in demand.items()
        for code, c in cover.items()
    }
    judged = {c for c in facts if 0 <= c[0] < v.problem.period.days and not v.cells.is_context(c)}
    nights = {c for c in judged if facts[c].facts.is_night}
    long_days = {c for c in judged if facts[c].facts.is_long and not facts[c].facts.is_night}
    penalties = []
    for name, weight, kind in (
        ("nights", weights.nights_spread, nights),
        ("long days", weights.long_days_spread, long_days),
    ):
        for doctors, cells in tiers(v, kind):
            worked = [(p, [v.x(p, c) for c in v.allowed[p] & cells]) for p in doctors]
            total = sum(wanted.get(c, 0) for c in cells)
            penalties += _off_share(v, name, weight, total, worked)
    for doctors, cells in tiers(v, judged):
        codes = {v.problem.shift_types[c[1]].code for c in cells}
        worked = [(p, list(weekends.marks(v, p).values())) for p in doctors]
        penalties += _off_share(
            v, "weekends", weights.weekends_spread, _weekend_need(v, demand, codes), worked
        )
    return penalties


def tiers(v: RotaVariables, kind: set[Cell]) -> Iterator[tuple[list[int], set[Cell]]]:
    """The doctors who share work of ``kind``, with its cells: shift types are joined
    when one doctor may work both, so juniors' nights and registrars' nights are two
    tiers, and a doctor who may work both joins them into one."""
    parent = {c[1]: c[1] for c in kind}

    def root(s: int) -> int:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    mine: list[set[int]] = [{c[1] for c in v.may_work[p] & kind} for p in range(len(v.may_work))]
    for types in mine:
        first, *rest = sorted(types) or [None]
        for s in rest:
            parent[root(s)] = root(first)  # type: ignore[arg-type]
    members: dict[int, list[int]] = {}
    for p, types in enumerate(mine):
        if types:
            members.setdefault(root(min(types)), []).append(p)
    for top, doctors in sorted(members.items()):
        yield doctors, {c for c in kind if root(c[1]) == top}


def _weekend_need(v: RotaVariables, demand: dict[date, dict], codes: set[str]) -> int:
    """Doctors a tier's weekends need: each weekend as many as its busier day."""
    need = 0
    for sat in saturdays_in(v.problem.period):
        days = [d for d in (sat, sat + 1) if d <= v.problem.period.end.toordinal()]
        need += max(
            (
                sum(
                    c.minimum
                    for code, c in demand.get(date.fromordinal(d), {}).items()
                    if code in codes
                )
                for d in days
            ),
            default=0,
        )
    return need


def _share(v: RotaVariables, p: int) -> float:
    """The doctor's part of a full-time share of the period: their WTE, less the
    days they cannot work at all (not yet in post, on long leave), so that a doctor
    who joins halfway is asked for half the nights, not all of them at once."""
    doctor = v.problem.doctors[p]
    days = v.problem.period.days
    away = sum(0 <= v.cells.index_of(u.day) < days for u in doctor.unavailable)
    return doctor.wte * (days - away) / days


def _off_share(
    v: RotaVariables,
    name: str,
    weight: int,
    total: int,
    worked: list[tuple[int, list[cp_model.IntVar]]],
) -> list[b.Penalty]:
    """Each doctor's distance from their part of ``total`` (split pro rata to WTE and
    days available among ``worked``), in twelfths of a shift, paid for per WTE: a shift
    over a half-timer's share counts twice one over a full-timer's. The share itself is
    exact to a twelfth of a shift; only the price per twelfth is rounded."""
    if len(worked) < 2 or not weight or not total:
        return []
    share = {p: _share(v, p) for p, _ in worked}
    whole = sum(share.values())
    if not whole:
        return []
    penalties = []
    for p, marks in worked:
        if not share[p]:
            continue
        target = round(SHARE * total * share[p] / whole)
        price = max(1, round(weight / share[p]))
        said = f"{v.doctor_name(p)}, {name}: twelfths of a shift from a fair share"
        if not marks:  # held with none of this work: their distance is what it is
            penalties.append(b.Penalty(said, price, v.model.new_constant(target)))
            continue
        off = v.model.new_int_var(0, SHARE * len(marks) + target, f"{name} off share[{p}]")
        v.model.add_abs_equality(off, SHARE * sum(marks) - target)
        penalties.append(b.Penalty(said, price, off))
    return penalties
