"""Constraint builders for a rule whose shape the benchmark does not share: the rest owed
after a run of shifts or nights. The rules both share (runs, rest between shifts,
weekends, total hours, cover) are in ``builders``.

It takes plain literals, not the grid, so the NHS model can hand it a day's night or
long-shift indicator as readily as a single shift.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ortools.sat.python import cp_model

Literal = cp_model.IntVar
"""A 0/1 variable (a shift worked, a night worked on a day)."""


def rest_after_run(
    model: cp_model.CpModel,
    marks: Sequence[Literal | None],
    run_length: int,
    last_day: int,
    last: Literal,
    too_soon: Iterable[Literal],
    *,
    exactly: bool,
) -> None:
    """TCS 48 h after the most consecutive shifts, 46 h after nights: when ``last`` ends a
    run of ``run_length`` marked days on ``last_day`` (at least that many, or exactly
    that many when ``exactly``), none of ``too_soon`` may be worked.

    With ``exactly`` the run is known to end (the next day would exceed the maximum);
    without it the run ends only if the next day is unmarked, which the clause checks.
    """
    before = [marks[d] for d in range(last_day - run_length + 1, last_day)]
    if any(m is None for m in before) or last_day - run_length + 1 < 0:
        return  # no such run can end here
    after = marks[last_day + 1] if last_day + 1 < len(marks) else None
    condition: list[cp_model.LiteralT] = [m.Not() for m in before if m is not None]
    condition.append(last.Not())
    if not exactly and after is not None:
        condition.append(after)
    for shift in too_soon:
        model.add_bool_or([*condition, shift.Not()])
