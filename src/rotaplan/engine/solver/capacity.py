"""How much work a tier's doctors can do at most within the rules, counted without a
solver: the case a coordinator takes to a manager for a locum or a new post.

When the minimum cover asks for more than this, no rota can meet it, whatever the
search does, and the shortfall is at least the difference. Two counts are made for each
tier, both upper bounds that every compliant rota keeps:

- hours: each doctor at most their average weekly hours over the period (48 h, 56 h if
  opted out), and one shift a day on the days they are not on leave; the model holds a
  less-than-full-time doctor to their hours pro rata, a policy stricter than the
  contract, and a shortfall the policy alone causes is said to be the policy's;
- nights: each doctor at most the most nights in a row, then the rest after nights, on
  the days they are not on leave.
"""

from __future__ import annotations

import math

from rotaplan.engine.rules.facts import HOUR
from rotaplan.engine.solver.cells import Cell, RotaCells
from rotaplan.engine.solver.model.hours import hours_cap_minutes
from rotaplan.engine.solver.outcome import Capacity
from rotaplan.engine.solver.problem import Policy, ProblemDoctor, demand_by_day
from rotaplan.engine.solver.tiers import tiers_of


def capacity_shortfalls(cells: RotaCells) -> tuple[Capacity, ...]:
    """Each tier whose minimum cover is more than its doctors can work within the
    rules, with the count that proves it."""
    problem = cells.problem
    minimum: dict[Cell, int] = {
        (cells.index_of(day), cells.codes[code]): c.minimum
        for day, cover in demand_by_day(problem).items()
        for code, c in cover.items()
        if c.minimum and (cells.index_of(day), cells.codes[code]) in cells.facts
    }
    allowed = [
        frozenset(c for c in cells.allowed(d) if not cells.is_context(c)) for d in problem.doctors
    ]
    tier = tiers_of([{c[1] for c in mine} for mine in allowed])
    found: list[Capacity] = []
    for top in sorted({t for t in tier if t is not None}):
        members = [p for p, t in enumerate(tier) if t == top]
        types = {c[1] for p in members for c in allowed[p]}
        wanted = {c: n for c, n in minimum.items() if c[1] in types}
        found += _hours(cells, [(problem.doctors[p], allowed[p]) for p in members], wanted)
        found += _nights(cells, members, allowed, wanted)
    return tuple(found)


def _hours(
    cells: RotaCells,
    doctors: list[tuple[ProblemDoctor, frozenset[Cell]]],
    wanted: dict[Cell, int],
) -> list[Capacity]:
    """``doctors`` with the cells each may take."""
    needed = sum(cells.facts[c].minutes * n for c, n in wanted.items())
    if not needed:
        return []
    weeks = cells.problem.period.weeks
    longest_on: dict[int, int] = {}
    for c in wanted:
        longest_on[c[0]] = max(longest_on.get(c[0], 0), cells.facts[c].minutes)

    def most(pro_rata: bool) -> int | None:
        """Each doctor's average weekly hours over the period, and no more than one
        shift, the longest, on each day they may work."""
        total = 0
        for d, mine in doctors:
            cap = hours_cap_minutes(cells.limits, d, cells.is_tcs(d), weeks, pro_rata=pro_rata)
            if cap is None:
                return None  # no cap on their hours: no count to make
            days = {c[0] for c in mine if c in wanted}
            total += min(cap, sum(longest_on[day] for day in days))
        return total

    contract = most(False)
    policy = most(True) if Policy.LTFT_HOURS_PRO_RATA in cells.problem.policies else contract
    if contract is None or policy is None or needed <= policy:
        return []
    longest = max(cells.facts[c].minutes for c in wanted)
    short = math.ceil((needed - policy) / longest)
    people = _people(len(doctors))
    if needed <= contract:
        message = (
            f"The minimum cover needs {_h(needed)} of work from {people} in these "
            f"{weeks:g} weeks; they can work {_h(policy)} with less-than-full-time doctors "
            f"held to their hours pro rata (a policy), and {_h(contract)} under the "
            f"contract: at least {short} shifts go unfilled unless the policy is switched "
            "off for this rota."
        )
    else:
        message = (
            f"The minimum cover needs {_h(needed)} of work from {people} in these "
            f"{weeks:g} weeks; within the rules they can work at most {_h(contract)} "
            f"(their average weekly hours, one shift a day when not on leave): at least "
            f"{short} shifts cannot be filled."
        )
    return [Capacity("hours", len(doctors), needed // 60, policy // 60, short, message)]


def _nights(
    cells: RotaCells, members: list[int], allowed: list[frozenset[Cell]], wanted: dict[Cell, int]
) -> list[Capacity]:
    nights = {c: n for c, n in wanted.items() if cells.facts[c].facts.is_night}
    needed = sum(nights.values())
    if not needed:
        return []
    in_a_row = int(cells.limits["max-consecutive-nights"])
    # Under the 2016 text the rest after nights is owed after 3 or more: a shorter run
    # needs only a night off before the next.
    gap = (
        _days_between_blocks(cells, set(nights))
        if cells.limits["rest-after-nights-min-run"] <= 1
        else 2
    )
    most = 0
    for p in members:
        days = sorted({c[0] for c in allowed[p] if c in nights})
        tcs = cells.is_tcs(cells.problem.doctors[p])
        most += _most_in_blocks(days, in_a_row, gap) if tcs else len(days)
    if needed <= most:
        return []
    people = _people(len(members))
    message = (
        f"At most {most} night shifts can be worked by {people} in these "
        f"{cells.problem.period.weeks:g} weeks within the rules ({in_a_row} nights in a row "
        f"at most, then {cells.limits['rest-after-nights']:g} h of rest, and none on leave); "
        f"{needed} are needed: at least {needed - most} cannot be filled."
    )
    return [Capacity("night shifts", len(members), needed, most, needed - most, message)]


def _days_between_blocks(cells: RotaCells, nights: set[Cell]) -> int:
    """The fewest days from a block's last night to the next night that starts after the
    rest owed: 3 for nights of 20:00 to 08:30 (the next night but one starts only 35.5 h
    after, short of 46), read from the nights' own times, clock changes included."""
    rest = round(cells.limits["rest-after-nights"] * HOUR)
    by_day: dict[int, list[int]] = {}
    for c in nights:
        by_day.setdefault(c[0], []).append(cells.facts[c].facts.t0)
    fewest = None
    for c in nights:
        ends = cells.facts[c].facts.t1
        for k in range(1, 5):
            if any(t0 >= ends + rest for t0 in by_day.get(c[0] + k, ())):
                fewest = k if fewest is None else min(fewest, k)
                break
    return fewest or 2


def _most_in_blocks(days: list[int], in_a_row: int, gap: int) -> int:
    """The most of ``days`` one doctor can work as nights: blocks of at most
    ``in_a_row`` consecutive days, the next night at least ``gap`` days after a block
    ends. Taking each night as soon as the rules allow is the most (an exchange
    argument: a later night never leaves room for more)."""
    count, run, last = 0, 0, None
    for day in days:
        if last is not None and day == last + 1 and run < in_a_row:
            run += 1
        elif last is None or day >= last + gap:
            run = 1
        else:
            continue
        count += 1
        last = day
    return count


def _people(n: int) -> str:
    return f"the {n} doctor{'s' if n != 1 else ''} who may work them"


def _h(minutes: int) -> str:
    return f"{minutes // 60:,} h"
