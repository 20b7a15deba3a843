"""Fairness: nights, weekends and long days shared pro rata to WTE and days available,
within each tier. Each doctor's distance from a fair share is paid for, so the work
spreads without a rule forcing it."""

from __future__ import annotations

from collections.abc import Iterator

from ortools.sat.python import cp_model

from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.cells import Cell
from rotaplan.engine.solver.model import weekends
from rotaplan.engine.solver.model.objective import Weights
from rotaplan.engine.solver.model.variables import RotaVariables
from rotaplan.engine.solver.problem import available_share
from rotaplan.engine.solver.tiers import tiers_of

SHARE = 12
"""Fairness is measured in twelfths of a shift."""
PARTS = 1000


def shares(v: RotaVariables, weights: Weights) -> list[b.Penalty]:
    """Each doctor who may do that work has a fair part of what their tier works (split
    pro rata to WTE and days available), and the objective pays for every twelfth of a
    shift they are above or below it. The part is of what the tier really works, not of
    what the demand asks: weekends worked outnumber the weekends any demand names (a
    Friday night works one), and a part nobody can reach would make every distribution
    cost the same. Moving a shift from one doctor to another changes their two terms
    alone, so a search that changes a few weeks at a time sees each improvement (a
    most-minus-fewest objective hides all but the extremes). Who shares is fixed by what
    each doctor may ever work, never by what a step holds still, so every step values
    the same rota alike. Returns "Dr Shah, nights: twelfths of a shift from a fair
    share"."""
    facts = v.cells.facts
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
            penalties += _off_share(v, name, weight, worked)
    for doctors, _ in tiers(v, judged):
        worked = [(p, list(weekends.marks(v, p).values())) for p in doctors]
        penalties += _off_share(v, "weekends", weights.weekends_spread, worked)
    return penalties


def tiers(v: RotaVariables, kind: set[Cell]) -> Iterator[tuple[list[int], set[Cell]]]:
    """The doctors who share work of ``kind`` (``tiers_of``), with its cells."""
    tier = tiers_of([{c[1] for c in v.may_work[p] & kind} for p in range(len(v.may_work))])
    for top in sorted({t for t in tier if t is not None}):
        doctors = [p for p, t in enumerate(tier) if t == top]
        types = {c[1] for p in doctors for c in v.may_work[p] & kind}
        yield doctors, {c for c in kind if c[1] in types}


def _off_share(
    v: RotaVariables,
    name: str,
    weight: int,
    worked: list[tuple[int, list[cp_model.IntVar]]],
) -> list[b.Penalty]:
    """Each doctor's distance, in twelfths of a shift, from their part of what
    ``worked`` work between them, paid for per WTE: a shift over a half-timer's part
    counts twice one over a full-timer's, and a distance beyond one shift twice over.
    Parts are reckoned in thousandths of a share, so a doctor's distance is exact to a
    twelfth of a shift."""
    if len(worked) < 2 or not weight:
        return []
    parts = {p: round(PARTS * available_share(v.problem, v.problem.doctors[p])) for p, _ in worked}
    whole = sum(parts.values())
    if not whole:
        return []
    most = sum(len(marks) for _, marks in worked)
    if not most:
        return []
    total = v.model.new_int_var(0, most, f"{name} worked[{worked[0][0]}]")
    v.model.add(total == sum(m for _, marks in worked for m in marks))
    penalties = []
    for p, marks in worked:
        if not parts[p]:
            continue
        # Twelfths of a shift from the part, times ``whole``: an exact integer.
        scaled = v.model.new_int_var(-SHARE * whole * most, SHARE * whole * most, "")
        v.model.add(scaled == SHARE * whole * sum(marks) - SHARE * parts[p] * total)
        far = v.model.new_int_var(0, SHARE * whole * most, "")
        v.model.add_abs_equality(far, scaled)
        off = v.model.new_int_var(0, SHARE * most, f"{name} off share[{p}]")
        v.model.add_division_equality(off, far, whole)
        price = max(1, round(weight * PARTS / parts[p]))
        said = f"{v.doctor_name(p)}, {name}: twelfths of a shift from a fair share"
        penalties.append(b.Penalty(said, price, off))
        # A distance beyond a whole shift costs twice: two doctors a shift either side
        # of their parts cost less than one two shifts over and one two under, so the
        # objective narrows the spread, not just the total distance.
        beyond = v.model.new_int_var(0, SHARE * most, f"{name} beyond share[{p}]")
        v.model.add_max_equality(beyond, [off - SHARE, 0])
        said = f"{v.doctor_name(p)}, {name}: twelfths of a shift beyond one from a fair share"
        penalties.append(b.Penalty(said, price, beyond))
    return penalties
