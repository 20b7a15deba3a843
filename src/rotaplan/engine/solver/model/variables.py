"""The decisions every rule family reads: which doctor works which cell, what a repair
holds still, and the cells each doctor's day-to-day rules are built over.

``x(p, cell)`` is the doctor ``p`` (index into ``problem.doctors``) working ``cell``; a
cell a doctor may not take is the constant 0, one they hold (a fixed time, a day not free)
the constant 1. The rule modules beside this one add their constraints over these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence

from ortools.sat.python import cp_model

from rotaplan.engine.clock import format_day
from rotaplan.engine.solver.cells import Cell, RotaCells
from rotaplan.engine.solver.grid import ShiftGrid
from rotaplan.engine.solver.outcome import RotaShift
from rotaplan.engine.solver.problem import RotaProblem

NEAR_DAYS = 16
"""Days either side of a window within which a rule may join a free day to a held one."""


class RotaVariables:
    """The model, the doctors' cells and their variables, for one problem."""

    def __init__(
        self,
        problem: RotaProblem,
        *,
        current: Sequence[RotaShift] = (),
        free_days: range | None = None,
        free_doctors: Collection[int] | None = None,
    ) -> None:
        """With ``free_days``, only those days may change: every other day keeps the
        shifts of ``current`` (a published rota being repaired). With ``free_doctors``
        (indices into ``problem.doctors``) only their lines may change. Cells held are
        constants, so the model is small and quick to build."""
        self.problem = problem
        self.free_days = free_days
        self.cells = RotaCells(problem, extra=current)
        self.limits = self.cells.limits
        self.model = cp_model.CpModel()
        self.allowed: list[set[Cell]] = [set(self.cells.allowed(d)) for d in problem.doctors]
        self.may_work: list[frozenset[Cell]] = [frozenset(cells) for cells in self.allowed]
        """The cells each doctor may ever take, whatever is free: who shares which work."""
        self.held: list[set[Cell]] = [set() for _ in problem.doctors]
        self.now = self._now(current)
        """Each doctor's cells in ``current``."""
        if free_days is not None or free_doctors is not None:
            every_day = range(problem.period.days)
            self._hold(every_day if free_days is None else free_days, free_doctors)
        for p, doctor in enumerate(problem.doctors):
            self.held[p] |= self.cells.context[doctor.id]
            self.allowed[p] |= self.cells.context[doctor.id]
        self.scope = self._near(free_days)
        self.scope_by_day: list[dict[int, list[Cell]]] = []
        for cells in self.scope:
            by_day: dict[int, list[Cell]] = defaultdict(list)
            for cell in sorted(cells):
                by_day[cell[0]].append(cell)
            self.scope_by_day.append(by_day)
        self.lo = self.cells.first_index
        self.grid = ShiftGrid(
            self.model,
            len(problem.doctors),
            problem.period.days,
            len(problem.shift_types),
            only={(p, *c) for p, cells in enumerate(self.allowed) for c in cells - self.held[p]},
        )
        self._one = self.model.new_constant(1)
        self.weekend_marks: dict[int, dict[int, cp_model.IntVar]] = {}
        """Each doctor's worked-weekend marks, made once (``weekends.marks``)."""

    def _now(self, current: Sequence[RotaShift]) -> list[set[Cell]]:
        index = self.cells.doctor_index
        now: list[set[Cell]] = [set() for _ in self.problem.doctors]
        for shift in current:
            if shift.doctor in index:
                now[index[shift.doctor]].add(self.cells.cell_of(shift))
        return now

    def _hold(self, free_days: range, free_doctors: Collection[int] | None) -> None:
        """Outside ``free_days``, and for a doctor not among ``free_doctors``, each doctor
        keeps the shifts they have (and their fixed ones); inside, they may take any cell
        allowed to them."""
        for p, doctor in enumerate(self.problem.doctors):
            fixed = self.cells.fixed_cells(doctor)
            if free_doctors is not None and p not in free_doctors:
                self.held[p] = self.now[p] | fixed
                self.allowed[p] = set(self.held[p])
                continue
            self.held[p] = {c for c in self.now[p] | fixed if c[0] not in free_days}
            inside = {c for c in self.allowed[p] if c[0] in free_days}
            self.allowed[p] = inside | self.held[p]

    def still(self, p: int) -> bool:
        """Whether every cell of the doctor's is held: their line is as it was, within the
        rules already, and needs none built for it."""
        return not self.allowed[p] - self.held[p]

    def _near(self, free_days: range | None) -> list[set[Cell]]:
        """The cells each doctor's day-to-day rules are built over: all of them, or with
        ``free_days`` those close enough to a free day to share a rule's span with it
        (``NEAR_DAYS`` covers the longest: a 14-day rest period, a run of 7 and 48 h
        rest). Averages and weekends are counted over every cell."""
        if free_days is None:
            return self.allowed
        near = range(free_days.start - NEAR_DAYS, free_days.stop + NEAR_DAYS)
        return [{c for c in cells if c[0] in near} for cells in self.allowed]

    def x(self, p: int, cell: Cell) -> cp_model.IntVar:
        """The cell's variable; a held cell is the constant 1, a cell the doctor may not
        take the constant 0."""
        if cell in self.held[p]:
            return self._one
        return self.grid.cell(p, cell[0], cell[1])

    def worked(self, solver: cp_model.CpSolver) -> list[tuple[int, Cell]]:
        """(doctor index, cell) for every shift in ``solver``'s rota, held ones included."""
        chosen = [(p, (d, s)) for (p, d), s in self.grid.value_grid(solver).items()]
        chosen += [
            (p, c)
            for p, cells in enumerate(self.held)
            for c in cells
            if not self.cells.is_context(c)
        ]
        return sorted(chosen)

    def by_day(self, p: int) -> list[list[Cell]]:
        """The doctor's cells by day from ``self.lo`` (the first day with a cell, before
        the period when a fixed time precedes it): position ``i`` is day ``i + self.lo``."""
        return [self.scope_by_day[p].get(d, []) for d in range(self.lo, self.grid.horizon)]

    def by_run_day(self, p: int) -> list[list[Cell]]:
        """The doctor's cells by the day each counts as in a run of shifts, from
        ``self.lo``: a night starting at midnight joins the day before, as the rules engine
        reads "consecutive" (``rules.runs``)."""
        days: list[list[Cell]] = [[] for _ in range(self.lo, self.grid.horizon)]
        for cell in sorted(self.scope[p]):
            days[self.cells.run_day(cell) - self.lo].append(cell)
        return days

    def in_period(self, cell: Cell) -> bool:
        return 0 <= cell[0] < self.grid.horizon

    def mark(
        self, p: int, name: str, cells_by_day: list[list[Cell]]
    ) -> list[cp_model.IntVar | None]:
        """One 0/1 per day: the doctor works one of that day's ``cells`` (two on one day,
        such as a night starting at midnight after an evening on call, mark it once)."""
        marks: list[cp_model.IntVar | None] = []
        for d, cells in enumerate(cells_by_day):
            if not cells:
                marks.append(None)
            elif len(cells) == 1:
                marks.append(self.x(p, cells[0]))
            else:
                m = self.model.new_bool_var(f"{name}[{p},{d}]")
                self.model.add_max_equality(m, [self.x(p, c) for c in cells])
                marks.append(m)
        return marks

    # --- words for penalties: the problem's own names, the project's dates -------------

    def doctor_name(self, p: int) -> str:
        return self.problem.doctors[p].display_name

    def shift_name(self, s: int) -> str:
        spec = self.problem.shift_types[s]
        return spec.name or spec.code

    def cell_name(self, p: int, cell: Cell) -> str:
        """ "Dr Shah, Sat 8 Aug 2026, Night": a doctor's shift on a day."""
        day = format_day(self.cells.date_of(cell[0]))
        return f"{self.doctor_name(p)}, {day}, {self.shift_name(cell[1])}"
