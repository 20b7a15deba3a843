"""Generic constraint builders over a :class:`~.grid.ShiftGrid`.

One small function per rule. Hard rules add constraints; soft rules add slack variables and
return their :class:`Penalty` terms, from which the objective and an explanation are built.
Each docstring names the NHS rule and the benchmark (Curtois & Qu) rule it serves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ortools.sat.python import cp_model

from rotaplan.engine.solver.grid import ShiftGrid


@dataclass(frozen=True, slots=True)
class Penalty:
    """A named soft-rule term: ``weight * var`` is added to the objective."""

    name: str
    weight: int
    var: cp_model.IntVar


class Boundary(StrEnum):
    """What lies outside the horizon for minimum-stretch rules."""

    CONTINUES = "continues"
    """A stretch touching day 0 or the last day may continue outside: not checked."""
    OFF = "off"
    """Days outside the horizon are days off."""


def objective(model: cp_model.CpModel, penalties: Iterable[Penalty]) -> None:
    """Minimise the weighted sum of ``penalties``."""
    model.minimize(sum(p.weight * p.var for p in penalties if p.weight))


def at_most_one_shift_a_day(grid: ShiftGrid) -> None:
    """NHS: one shift per doctor per day. Benchmark: at most one shift per day."""
    for p in range(grid.persons):
        for d in grid.days():
            grid.model.add_at_most_one(grid.cell(p, d, s) for s in range(grid.shifts))


def never_together(
    model: cp_model.CpModel, pairs: Iterable[tuple[cp_model.IntVar, cp_model.IntVar]]
) -> None:
    """NHS: 11 h rest between shifts, overlapping shifts, a long shift the day after on
    call (each pair found from the shifts' real times). Benchmark:
    ``ShiftsThatCannotFollow``. The two shifts of each pair are never both worked."""
    for a, c in pairs:
        model.add_bool_or([a.Not(), c.Not()])


def forbidden_successions(grid: ShiftGrid, p: int, pairs: Iterable[tuple[int, int]]) -> None:
    """:func:`never_together` for shift ``s`` on day d and ``t`` on d+1, each (s, t) in
    ``pairs``, where a shift type's times are the same every day."""
    never_together(
        grid.model,
        (
            (grid.cell(p, d, s), grid.cell(p, d + 1, t))
            for s, t in pairs
            for d in range(grid.horizon - 1)
        ),
    )


def max_shifts_of_type(grid: ShiftGrid, p: int, s: int, limit: int) -> None:
    """NHS: most nights (or long days) in the rota period. Benchmark: ``MaxShifts``."""
    if limit < grid.horizon:
        grid.model.add(sum(grid.cell(p, d, s) for d in grid.days()) <= limit)


def minutes_between(
    model: cp_model.CpModel, worked: Iterable[tuple[int, cp_model.IntVar]], low: int, high: int
) -> None:
    """NHS: average weekly hours, a less-than-full-time doctor's pro-rata hours (minutes of
    each shift worked, the day's own length across a clock change). Benchmark:
    Min/MaxTotalMinutes. ``worked`` is (minutes, shift worked) pairs."""
    model.add_linear_constraint(sum(m * v for m, v in worked), low, high)


def total_minutes_between(
    grid: ShiftGrid, p: int, minutes: Mapping[int, int], low: int, high: int
) -> None:
    """:func:`minutes_between` over the grid, where a shift type lasts the same every day."""
    worked = ((minutes[s], grid.cell(p, d, s)) for d in grid.days() for s in range(grid.shifts))
    minutes_between(grid.model, worked, low, high)


def max_in_a_row(model: cp_model.CpModel, marks: Sequence[cp_model.IntVar | None], k: int) -> None:
    """NHS: at most 7 shifts, 4 long shifts or 4 nights in a row. Benchmark:
    ``MaxConsecutiveShifts``. ``marks`` is one 0/1 per day (worked, worked a night...);
    every k + 1 consecutive days hold at most k marked days. ``None`` is a day that cannot
    be marked."""
    for start in range(len(marks) - k):
        window = [m for m in marks[start : start + k + 1] if m is not None]
        if len(window) > k:
            model.add(sum(window) <= k)


def max_consecutive_working_days(grid: ShiftGrid, p: int, k: int) -> None:
    """:func:`max_in_a_row` of the days the person works."""
    max_in_a_row(grid.model, [grid.works(p, d) for d in grid.days()], k)


def _forbid_short_stretches(
    grid: ShiftGrid, p: int, k: int, boundary: Boundary, working: bool
) -> None:
    h = grid.horizon
    # Outside days that are off continue an off stretch, so only work stretches differ.
    skip_edges = boundary is Boundary.CONTINUES or not working
    for length in range(1, k):
        for start in range(h - length + 1):
            end = start + length  # first day after the stretch
            if skip_edges and (start == 0 or end == h):
                continue
            stretch = [grid.works(p, d) for d in range(start, end)]
            edges = [grid.works(p, d) for d in (start - 1, end) if 0 <= d < h]
            # Clause: not (edges opposite to the stretch AND the stretch as given).
            on, off = (edges, stretch) if working else (stretch, edges)
            clause: list[cp_model.LiteralT] = []
            clause.extend(on)
            clause.extend(v.Not() for v in off)
            grid.model.add_bool_or(clause)


def min_consecutive_working_days(
    grid: ShiftGrid, p: int, k: int, boundary: Boundary = Boundary.CONTINUES
) -> None:
    """NHS: no isolated single shifts where a pattern needs blocks. Benchmark:
    ``MinConsecutiveShifts``. Forbids work stretches shorter than ``k``."""
    _forbid_short_stretches(grid, p, k, boundary, working=True)


def min_consecutive_days_off(
    grid: ShiftGrid, p: int, k: int, boundary: Boundary = Boundary.CONTINUES
) -> None:
    """NHS: 46 h (two days) off after a block of nights, 48 h weekly rest. Benchmark:
    ``MinConsecutiveDaysOff``. Forbids off stretches shorter than ``k``. An off stretch
    touching the boundary is never checked: whether the outside days continue it or are
    off, it is longer than it looks."""
    _forbid_short_stretches(grid, p, k, boundary, working=False)


def max_weekends(
    model: cp_model.CpModel,
    touching: Mapping[int, Sequence[cp_model.IntVar]],
    limit: int,
    name: str,
) -> dict[int, cp_model.IntVar]:
    """NHS: at most 1 weekend in 2 (a Friday night ending on Saturday works the weekend).
    Benchmark: ``MaxWeekends``. ``touching`` gives, for each weekend, the shifts that work
    it; a weekend is worked exactly when one of them is. Returns the weekend variables."""
    weekends: dict[int, cp_model.IntVar] = {}
    for key, shifts in sorted(touching.items()):
        worked = model.new_bool_var(f"weekend[{name},{key}]")
        model.add_max_equality(worked, list(shifts))
        weekends[key] = worked
    if len(weekends) > limit:
        model.add(sum(weekends.values()) <= limit)
    return weekends


def max_weekends_worked(grid: ShiftGrid, p: int, limit: int) -> list[cp_model.IntVar]:
    """:func:`max_weekends` where a weekend is days 7k+5 and 7k+6 of the grid."""
    touching = {
        sat // 7: [grid.works(p, d) for d in (sat, sat + 1) if d < grid.horizon]
        for sat in range(5, grid.horizon, 7)
    }
    return list(max_weekends(grid.model, touching, limit, str(p)).values())


def days_off(grid: ShiftGrid, p: int, days: Iterable[int]) -> None:
    """NHS: leave, non-working days of LTFT doctors. Benchmark: ``SECTION_DAYS_OFF``."""
    for d in days:
        for s in range(grid.shifts):
            grid.model.add(grid.cell(p, d, s) == 0)


def soft_cover(
    grid: ShiftGrid,
    d: int,
    s: int,
    requirement: int,
    weight_under: int,
    weight_over: int,
    name: str = "",
) -> list[Penalty]:
    """NHS: minimum staffing per shift (a gap costs). Benchmark: ``SECTION_COVER``.

    The gap and the excess are exact (never both positive), so every feasible solution's
    objective is its true cost, not only an optimal one's.
    """
    label = name or f"cover[{d},{s}]"
    count = sum(grid.cell(p, d, s) for p in range(grid.persons))
    under = grid.model.new_int_var(0, max(requirement, 0), f"{label}.under")
    over = grid.model.new_int_var(0, grid.persons, f"{label}.over")
    grid.model.add(count + under - over == requirement)
    short = grid.model.new_bool_var(f"{label}.short")
    grid.model.add(under == 0).only_enforce_if(short.Not())
    grid.model.add(over == 0).only_enforce_if(short)
    return [
        Penalty(f"{label} under", weight_under, under),
        Penalty(f"{label} over", weight_over, over),
    ]


def soft_requests(
    grid: ShiftGrid,
    on: Iterable[tuple[int, int, int, int]] = (),
    off: Iterable[tuple[int, int, int, int]] = (),
) -> list[Penalty]:
    """NHS: doctors' preferences for shifts and days. Benchmark: shift on/off requests.

    Each request is (person, day, shift, weight). An on request costs its weight when the
    shift is not assigned; an off request when it is.
    """
    out: list[Penalty] = []
    for p, d, s, w in on:
        missed = grid.model.new_bool_var(f"on[{p},{d},{s}].missed")
        grid.model.add(missed + grid.cell(p, d, s) == 1)
        out.append(Penalty(f"shift-on request p{p} d{d} s{s} missed", w, missed))
    for p, d, s, w in off:
        out.append(Penalty(f"shift-off request p{p} d{d} s{s} assigned", w, grid.cell(p, d, s)))
    return out


def forbidden_successions_grouped(
    grid: ShiftGrid, p: int, pairs: Iterable[tuple[int, int]]
) -> None:
    """The rule of :func:`forbidden_successions` in far fewer and stronger constraints, for
    large grids (many shift types or days), where one clause per pair and day is too many.

    NHS: 11 h rest between shifts, 46 h rest after nights. Benchmark: ``ShiftsThatCannotFollow``
    (instance 24 has 32 shift types and ~500 forbidden pairs).

    Shifts with the same set of forbidden successors share, each day, one at-most-one over
    themselves on day d and those successors on day d+1. Needs
    :func:`at_most_one_shift_a_day`: with it, the only pairs this forbids beyond that rule are
    exactly the given successions.
    """
    successors: dict[int, set[int]] = {}
    for s, t in pairs:
        successors.setdefault(s, set()).add(t)
    groups: dict[frozenset[int], list[int]] = {}
    for s, after in successors.items():
        groups.setdefault(frozenset(after), []).append(s)
    for banned, group in groups.items():
        for d in range(grid.horizon - 1):
            grid.model.add_at_most_one(
                [grid.cell(p, d, s) for s in sorted(group)]
                + [grid.cell(p, d + 1, t) for t in sorted(banned)]
            )
