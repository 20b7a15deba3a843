"""Changes to a published rota: in a repair each shift added to or taken from a doctor's
rota is paid for, so the proposal moves as few doctors as it can."""

from __future__ import annotations

from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.model.objective import Weights
from rotaplan.engine.solver.model.variables import RotaVariables


def changes(v: RotaVariables, weights: Weights) -> list[b.Penalty]:
    """One yes-or-no term for each free cell: "Dr Shah, Sat 8 Aug 2026, Night: taken
    away" where the doctor had it, "...: added" where they did not."""
    if v.free_days is None or not weights.change:
        return []
    penalties = []
    for p in range(len(v.problem.doctors)):
        for cell in sorted(v.allowed[p] - v.held[p]):
            x = v.x(p, cell)
            if cell in v.now[p]:
                removed = v.model.new_bool_var(f"removed[{p},{cell}]")
                v.model.add(removed + x == 1)
                said = f"{v.cell_name(p, cell)}: taken away"
                penalties.append(b.Penalty(said, weights.change, removed))
            else:
                said = f"{v.cell_name(p, cell)}: added"
                penalties.append(b.Penalty(said, weights.change, x))
    return penalties
