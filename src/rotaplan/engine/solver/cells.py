"""The shifts a rota problem could roster, each as the rules engine sees it.

A cell is one shift type on one day of the period. Its times come from the rules engine's
own facts (``rules.facts``), so the model and the checker agree on every length, night,
long shift and weekend, clock changes included. Which doctor may take which cell, and
why not, is decided here too, once, for the model and for the explanations of gaps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from rotaplan.engine.clock import shift_bounds
from rotaplan.engine.rota import RuleSetName, Shift, ShiftKind
from rotaplan.engine.rules.facts import HOUR, ShiftFacts, epoch, facts_of, local_midnight
from rotaplan.engine.rules.limits import Limits, limits_on
from rotaplan.engine.solver.outcome import RotaShift
from rotaplan.engine.solver.problem import (
    FixedShift,
    FixedTime,
    ProblemDoctor,
    Reason,
    RequestKind,
    RotaProblem,
    demand_by_day,
    qualified,
)

Cell = tuple[int, int]
"""(day index from the period's first day, shift type index)."""


@dataclass(frozen=True, slots=True)
class CellFacts:
    day: int
    shift: int
    facts: ShiftFacts

    @property
    def minutes(self) -> int:
        """Minutes of work: on-call periods are availability, not hours (``rules.hours``)."""
        return (self.facts.t1 - self.facts.t0) // 60 if self.facts.is_work else 0


class RotaCells:
    """Every cell the problem could use, with its facts and the doctors who may take it.

    A cell exists when its shift type has cover wanted that day, or a doctor is fixed to
    it or asks for it; a shift type with no demand on a day is never rostered that day.
    """

    def __init__(self, problem: RotaProblem, extra: Iterable[RotaShift] = ()) -> None:
        """``extra`` adds cells a rota already uses (a published rota being repaired)."""
        self.problem = problem
        self.limits: Limits = limits_on(problem.period.start)
        self.first_day = problem.period.start
        self.days = problem.period.days
        self.codes = {s.code: i for i, s in enumerate(problem.shift_types)}
        wanted: set[Cell] = set()
        for day, cover in demand_by_day(problem).items():
            d = self.index_of(day)
            wanted.update((d, self.codes[code]) for code, c in cover.items() if c.ideal > 0)
        for doctor in problem.doctors:
            for fixed in doctor.fixed:
                if isinstance(fixed, FixedShift):
                    wanted.add((self.index_of(fixed.day), self.codes[fixed.shift]))
        wanted.update((self.index_of(s.day), self.codes[s.shift]) for s in extra)
        for request in problem.requests:
            if request.kind is RequestKind.ON:
                wanted.update(
                    (self.index_of(day), self.codes[request.shift]) for day in request.dates
                )
        self.facts: dict[Cell, CellFacts] = {
            cell: CellFacts(cell[0], cell[1], self._facts_of(cell)) for cell in sorted(wanted)
        }
        self.context: dict[str, set[Cell]] = {d.id: set() for d in problem.doctors}
        self._add_context()
        first = self.first_day.toordinal()
        days = [min(c[0], cf.facts.run_day - first) for c, cf in self.facts.items()] or [0]
        self.first_index = min(0, *days)
        """The earliest day any cell is on or counts as in a run of shifts: before 0 when a
        commitment precedes the period, or a night starts at midnight on its first day."""

    def _add_context(self) -> None:
        """Each doctor's fixed times as cells of their own, after the shift types' indices:
        only that doctor has them, and always works them."""
        kinds: dict[tuple[int, int, ShiftKind], int] = {}
        for doctor in self.problem.doctors:
            for fixed in doctor.fixed:
                if not isinstance(fixed, FixedTime):
                    continue
                shift = Shift(doctor.id, fixed.start, fixed.end, fixed.kind, fixed.label)
                facts = facts_of([shift], self.limits)[0]
                key = (facts.t0, facts.t1, fixed.kind)
                index = kinds.setdefault(key, len(self.problem.shift_types) + len(kinds))
                cell = (facts.day - self.first_day.toordinal(), index)
                self.facts[cell] = CellFacts(cell[0], cell[1], facts)
                self.context[doctor.id].add(cell)

    def is_context(self, cell: Cell) -> bool:
        """A fixed time rather than a shift of this rota."""
        return cell[1] >= len(self.problem.shift_types)

    def context_shifts(self, doctor: str) -> list[Shift]:
        """The doctor's fixed times as shifts, for the rules engine."""
        return [
            Shift(doctor, f.start, f.end, f.kind, "fixed")
            for f in (self.facts[c].facts for c in sorted(self.context[doctor]))
        ]

    @cached_property
    def doctor_index(self) -> dict[str, int]:
        """A doctor's position in ``problem.doctors``, by id."""
        return {d.id: p for p, d in enumerate(self.problem.doctors)}

    def index_of(self, day: date) -> int:
        return (day - self.first_day).days

    def cell_of(self, shift: RotaShift) -> Cell:
        return self.index_of(shift.day), self.codes[shift.shift]

    def date_of(self, d: int) -> date:
        return self.first_day + timedelta(days=d)

    def _facts_of(self, cell: Cell) -> ShiftFacts:
        spec = self.problem.shift_types[cell[1]]
        start, end = shift_bounds(self.date_of(cell[0]), spec.start, spec.end)
        return facts_of([Shift("", start, end, spec.kind)], self.limits)[0]

    def shift_of(self, doctor: str, cell: Cell) -> Shift:
        """The cell as a doctor's shift, for the rules engine; ``source`` is the code."""
        f = self.facts[cell].facts
        return Shift(doctor, f.start, f.end, f.kind, self.problem.shift_types[cell[1]].code)

    @cached_property
    def too_long(self) -> dict[Cell, str]:
        """Cells no doctor may work whatever else they do: a shift over the 13 h limit (a
        night across the October clock change) or an on-call period over 24 h."""
        out: dict[Cell, str] = {}
        for cell, cf in self.facts.items():
            f = cf.facts
            if f.is_work and f.t1 - f.t0 > round(self.limits["max-shift-length"] * HOUR):
                out[cell] = (
                    f"it lasts {_hours(f.t1 - f.t0)}, over the "
                    f"{_hours(round(self.limits['max-shift-length'] * HOUR))} limit on a shift"
                )
            elif not f.is_work and f.t1 - f.t0 > round(self.limits["max-on-call-length"] * HOUR):
                out[cell] = f"it lasts {_hours(f.t1 - f.t0)}, over the 24 h limit on call"
        return out

    def why_not(self, doctor: ProblemDoctor, cell: Cell) -> str:
        """Why the doctor may never take the cell, before any other shift is considered;
        empty when they may. The first reason found, in plain English."""
        if cell in self.too_long:
            return self.too_long[cell]
        spec = self.problem.shift_types[cell[1]]
        if not qualified(doctor, spec):
            return "not qualified"
        f = self.facts[cell].facts
        for away in doctor.unavailable:
            lo, hi = day_span(away.day)
            if f.t0 < hi and f.t1 > lo:
                return "on leave" if away.reason is Reason.LEAVE else "unavailable"
        for fixed in doctor.fixed:
            if (
                isinstance(fixed, FixedTime)
                and f.t0 < epoch(fixed.end)
                and f.t1 > epoch(fixed.start)
            ):
                return f"committed to {fixed.label or 'another duty'}"
            if (
                isinstance(fixed, FixedShift)
                and self.index_of(fixed.day) == cell[0]
                and self.codes[fixed.shift] != cell[1]
            ):
                return f"fixed to {fixed.shift} that day"
        return ""

    def allowed(self, doctor: ProblemDoctor) -> list[Cell]:
        """The cells the doctor may take, before any other shift is considered, and their
        fixed times."""
        fixed = self.fixed_cells(doctor)
        mine = [
            c
            for c in self.facts
            if not self.is_context(c) and (c in fixed or not self.why_not(doctor, c))
        ]
        return mine + sorted(self.context[doctor.id])

    def fixed_cells(self, doctor: ProblemDoctor) -> set[Cell]:
        return {
            (self.index_of(f.day), self.codes[f.shift])
            for f in doctor.fixed
            if isinstance(f, FixedShift)
        }

    def is_tcs(self, doctor: ProblemDoctor) -> bool:
        return (doctor.rule_set or self.problem.rule_set) is RuleSetName.TCS2016

    def run_day(self, cell: Cell) -> int:
        """The day index the cell counts as in a run of shifts (``rules.facts.run_day``): a
        night starting at or after midnight is the night of the day before."""
        return self.facts[cell].facts.run_day - self.first_day.toordinal()

    def on_call(self, cell: Cell) -> bool:
        return self.facts[cell].facts.kind is ShiftKind.ON_CALL


def day_span(day: date) -> tuple[int, int]:
    """A London calendar day as epoch seconds, midnight to midnight (23 or 25 hours on
    the days the clocks change)."""
    return local_midnight(day.toordinal()), local_midnight(day.toordinal() + 1)


def _hours(seconds: int) -> str:
    h, rem = divmod(seconds, HOUR)
    m = rem // 60
    return f"{h} h {m} min" if m else f"{h} h"
