"""Decision variables: one boolean per (person, day, shift), wrapped in :class:`ShiftGrid`.

Persons and shift types are indexed from 0; days run 0..horizon-1 and day 0 is a Monday.
"""

from __future__ import annotations

from ortools.sat.python import cp_model


class ShiftGrid:
    """``x[p, d, s]`` is true when person ``p`` works shift ``s`` on day ``d``."""

    def __init__(
        self,
        model: cp_model.CpModel,
        persons: int,
        horizon: int,
        shifts: int,
        prefix: str = "x",
        only: set[tuple[int, int, int]] | None = None,
    ) -> None:
        """With ``only``, cells outside it are the constant 0: a rota whose doctors may
        take few of its cells (a repair, a fortnight being built) stays small."""
        self.model = model
        self.persons = persons
        self.horizon = horizon
        self.shifts = shifts
        every = ((p, d, s) for p in range(persons) for d in range(horizon) for s in range(shifts))
        self._x: dict[tuple[int, int, int], cp_model.IntVar] = {
            key: model.new_bool_var(f"{prefix}[{key[0]},{key[1]},{key[2]}]")
            for key in (sorted(only) if only is not None else every)
        }
        self._never = model.new_constant(0)
        self._works: dict[tuple[int, int], cp_model.IntVar] = {}

    def cell(self, p: int, d: int, s: int) -> cp_model.IntVar:
        """The boolean for person ``p`` on day ``d`` working shift ``s``."""
        return self._x.get((p, d, s), self._never)

    def works(self, p: int, d: int) -> cp_model.IntVar:
        """A boolean equal to the sum over shifts (made once; needs at most one shift a day)."""
        if (p, d) not in self._works:
            var = self.model.new_bool_var(f"works[{p},{d}]")
            self.model.add(var == sum(self.cell(p, d, s) for s in range(self.shifts)))
            self._works[p, d] = var
        return self._works[p, d]

    def cells(self) -> list[tuple[tuple[int, int, int], cp_model.IntVar]]:
        """Every ``((p, d, s), var)`` pair of the grid."""
        return list(self._x.items())

    def days(self) -> range:
        return range(self.horizon)

    def value_grid(self, solver: cp_model.CpSolver) -> dict[tuple[int, int], int]:
        """(person, day) → shift index, for the cells set in ``solver``'s solution."""
        return {(p, d): s for (p, d, s), var in self._x.items() if solver.boolean_value(var)}
