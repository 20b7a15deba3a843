"""A first rota in a second or two, written without a solver the way a coordinator writes
one: day by day, each shift's mix of grades, then its minimum, then its ideal, each place
given to the doctor who has done least of their share and may still take it within the
rules; then the shifts that break a local rule between doctors are taken away.

The solver's model of a whole rota is slow to answer from nothing (issue 17: 20 to 30 s
for a 26-week rota of 30 doctors built a fortnight at a time, and no answer at all for
some); a rota written by hand is ready at once, and the search starts from it. Each line
is kept within the model's own rules read the strict way (``DoctorLine``), so the model
takes the rota as it is and the search only improves it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime

from rotaplan.engine.rota import RotaShifts
from rotaplan.engine.rules.facts import ShiftFacts
from rotaplan.engine.rules.local import local_breaches
from rotaplan.engine.solver.cells import Cell, RotaCells
from rotaplan.engine.solver.doctor_line import DoctorLine
from rotaplan.engine.solver.outcome import RotaShift
from rotaplan.engine.solver.problem import (
    CoverMix,
    FixedShift,
    RequestKind,
    RotaProblem,
    available_share,
    demand_by_day,
)


def first_rota(problem: RotaProblem, cells: RotaCells, seed: int = 0) -> tuple[RotaShift, ...]:
    """Every doctor's line, their fixed shifts among them; short where no doctor could
    take a shift within the rules, never over a shift's ideal."""
    writer = _RotaWriter(problem, cells, seed)
    for day, cover in demand_by_day(problem).items():
        d = cells.index_of(day)
        wanted = sorted(
            (
                (cells.codes[code], c)
                for code, c in cover.items()
                if (d, cells.codes[code]) in cells.facts
            ),
            key=lambda w: _hardest_first(cells.facts[(d, w[0])].facts),
        )
        # Each shift's mix of grades first (the FY2 a junior night needs is scarcer than
        # any junior), then every minimum, then the ideals.
        for s, demand in wanted:
            for mix in demand.mix:
                writer.fill((d, s), mix.at_least, demand.ideal, mix)
        for level in (1, 2):
            for s, demand in wanted:
                writer.fill((d, s), demand.minimum if level == 1 else demand.ideal, demand.ideal)
    return _keeping_local_rules(problem, cells, writer.shifts)


def _keeping_local_rules(
    problem: RotaProblem, cells: RotaCells, shifts: list[RotaShift]
) -> tuple[RotaShift, ...]:
    """The written rota less the shifts that break a local rule between doctors or across
    a weekend (which a line written day by day cannot see coming): taking a shift away
    never breaks a rule of the contract, so this ends within both."""
    fixed = {
        RotaShift(d.id, f.day, f.shift)
        for d in problem.doctors
        for f in d.fixed
        if isinstance(f, FixedShift)
    }
    terms = tuple(problem.terms(d) for d in problem.doctors)
    kept = list(shifts)
    while problem.local:
        rota = RotaShifts(
            problem.period, terms, tuple(cells.shift_of(s.doctor, cells.cell_of(s)) for s in kept)
        )
        broken = local_breaches(rota, problem.local)
        spoiled = set()
        for breach in broken:
            inside = [
                s
                for s in kept
                if s.doctor == breach.doctor
                and s not in fixed
                and _meets(cells, s, breach.start, breach.end)
            ]
            if inside:
                spoiled.add(max(inside, key=lambda s: s.day))
        if not spoiled:
            break  # none broken, or only by fixed shifts: the model will say so
        kept = [s for s in kept if s not in spoiled]
    return tuple(kept)


def _meets(cells: RotaCells, shift: RotaShift, start: datetime, end: datetime) -> bool:
    f = cells.facts[cells.cell_of(shift)].facts
    return f.start < end and f.end > start


def _hardest_first(f: ShiftFacts) -> tuple[int, int]:
    """Nights first (fewest may take them, in blocks), then on call, then the longest."""
    return (0 if f.is_night else 1 if not f.is_work else 2, f.t0 - f.t1)


class _RotaWriter:
    def __init__(self, problem: RotaProblem, cells: RotaCells, seed: int) -> None:
        self.cells = cells
        self.first = cells.first_day.toordinal()
        self.lines = [DoctorLine(cells, d) for d in problem.doctors]
        self.allowed = [set(cells.allowed(d)) for d in problem.doctors]
        self.shifts: list[RotaShift] = []
        self.on_shift: defaultdict[Cell, list[int]] = defaultdict(list)
        for p, doctor in enumerate(problem.doctors):
            for cell in sorted(cells.context[doctor.id] | cells.fixed_cells(doctor)):
                self.lines[p].take(cell)
                if not cells.is_context(cell):
                    self.on_shift[cell].append(p)
                    self.shifts.append(self._shift(p, cell))
        self.days_off = [
            {
                cells.index_of(day)
                for r in problem.requests
                if r.doctor == doctor.id and r.kind is RequestKind.OFF
                for day in r.dates
            }
            for doctor in problem.doctors
        ]
        self.share = [max(available_share(problem, d), 0.05) for d in problem.doctors]
        order = list(range(len(problem.doctors)))
        random.Random(seed).shuffle(order)
        self.tiebreak = {p: rank for rank, p in enumerate(order)}

    def fill(self, cell: Cell, target: int, ideal: int, mix: CoverMix | None = None) -> None:
        """Doctors on ``cell`` until ``target`` of them (of them who count for ``mix``,
        if given) or ``ideal`` in all."""
        doctors = self.cells.problem.doctors
        candidates = [
            p
            for p, mine in enumerate(self.allowed)
            if cell in mine
            and cell[0] not in self.days_off[p]
            and cell not in self.lines[p].cells
            and (mix is None or mix.counts(doctors[p]))
        ]
        candidates.sort(key=lambda p: self._priority(p, cell))
        for p in candidates:
            on = self.on_shift[cell]
            counted = len(on) if mix is None else sum(mix.counts(doctors[q]) for q in on)
            if counted >= target or len(on) >= ideal:
                return
            if self.lines[p].may_take(cell):
                self.lines[p].take(cell)
                on.append(p)
                self.shifts.append(self._shift(p, cell))

    def _priority(self, p: int, cell: Cell) -> tuple[bool, float, float, int]:
        """A doctor on a block of nights carries on (blocks cover more nights than
        nights alone, each owing its 46 h); otherwise whoever has done least of their
        share of this kind of shift (nights, on call, long days, weekends), then of all
        hours. The search then evens out what blocks leave uneven."""
        line = self.lines[p]
        f = self.cells.facts[cell].facts
        yesterday = line.by_run_day.get(f.run_day - self.first - 1, ())
        carrying_on = f.is_night and any(self.cells.facts[c].facts.is_night for c in yesterday)
        done = line.nights if f.is_night else line.on_calls if not f.is_work else 0
        if f.is_long and not f.is_night:
            done = line.long_shifts
        new_weekends = [s for s in f.weekends if s in line.saturdays and s not in line.weekends]
        if new_weekends:
            done += line.weekends_worked + 1
        share = self.share[p]
        return (not carrying_on, done / share, line.total / share, self.tiebreak[p])

    def _shift(self, p: int, cell: Cell) -> RotaShift:
        problem = self.cells.problem
        return RotaShift(
            problem.doctors[p].id, self.cells.date_of(cell[0]), problem.shift_types[cell[1]].code
        )
