"""A first roster for the Curtois & Qu model, one staff member at a time.

Every hard rule of the benchmark concerns one staff member's line; staff are coupled only
through the soft cover terms. So lines that are each feasible always make a feasible roster,
and the best line for one person, given everyone else's, is a small problem. Planning staff in
turn against the cover the others leave makes a good first roster quickly, even on the large
instances where a full solve finds nothing within a minute.

Each line is solved with the very model of :mod:`.nrp_model`, built for a one-person instance
whose cover rows price exactly that person's effect on the real objective.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from ortools.sat.python import cp_model

from rotaplan.engine.nrp.instance import Cover, Instance, Staff

Line = dict[int, str]
"""day → shift id for one staff member."""

ModelFor = Callable[[Instance], tuple[cp_model.CpModel, Callable[[cp_model.CpSolver], Line]]]
"""Builds the model of a (one-person) instance and a reader of its line from a solution."""


def _marginal_cover(instance: Instance, others: Counter[tuple[int, str]]) -> tuple[Cover, ...]:
    """Cover rows for one more person: requirement 1 where the others leave a gap, else 0.

    One person changes a row's count by at most one, so these rows cost exactly what that
    person adds to or saves from the real cover penalty, up to a constant."""
    return tuple(
        replace(c, requirement=1 if others[c.day, c.shift] < c.requirement else 0)
        for c in instance.cover
    )


def _one_person(instance: Instance, staff: Staff, cover: tuple[Cover, ...]) -> Instance:
    return replace(
        instance,
        staff=(staff,),
        days_off={staff.id: instance.days_off.get(staff.id, frozenset())},
        shift_on_requests=tuple(r for r in instance.shift_on_requests if r.employee == staff.id),
        shift_off_requests=tuple(r for r in instance.shift_off_requests if r.employee == staff.id),
        cover=cover,
    )


def plan_lines(
    instance: Instance, model_for: ModelFor, deadline: float, workers: int = 2, seed: int = 0
) -> dict[str, Line] | None:
    """Each staff member's best line against the cover the others leave, in turn; None when
    some line has no solution before ``deadline``.

    Each line gets an equal share of the time left, capped by its length: a line's bound is
    weak, so its solve runs to the limit, and the full search improves the roster better. A
    line not found in its share (long
    horizons with a tight minutes window are hard to satisfy at all, and other jobs on the
    machine shrink a share) gets a second try with four shares or a second, whichever is
    more, before giving up."""
    lines: dict[str, Line] = {}
    counts: Counter[tuple[int, str]] = Counter()
    for i, staff in enumerate(instance.staff):
        single = _one_person(instance, staff, _marginal_cover(instance, counts))
        model, read = model_for(single)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = seed + i
        for shares, floor in ((1, 0.0), (4, 1.0)):
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            share = min(left / (len(instance.staff) - i), 0.1 + instance.horizon / 1000)
            solver.parameters.max_time_in_seconds = min(left, max(floor, shares * share))
            if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                break
        else:
            return None
        lines[staff.id] = read(solver)
        counts.update((d, s) for d, s in lines[staff.id].items())
    return lines
