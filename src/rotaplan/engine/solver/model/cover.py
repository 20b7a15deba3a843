"""Cover: each shift at least its minimum, at least the doctors of each grade or
competency its mix asks for, and, if it can be, its ideal, never over the ideal. Short
cover is paid for, not forbidden, so the solver always has a rota to offer and says what
it could not cover."""

from __future__ import annotations

from rotaplan.engine.clock import format_day
from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver.model.objective import Weights
from rotaplan.engine.solver.model.variables import RotaVariables
from rotaplan.engine.solver.problem import demand_by_day


def shortfalls(v: RotaVariables, weights: Weights) -> list[b.Penalty]:
    """Each shift at least its minimum and, if possible, its ideal, never more than
    the ideal (or than the doctors fixed to it): extra doctors on a shift are hours
    taken from another. Returns the doctors short, "Night, Sat 8 Aug 2026: below the
    minimum"."""
    penalties = []
    for day, cover in demand_by_day(v.problem).items():
        d = v.cells.index_of(day)
        for code, demand in cover.items():
            s = v.cells.codes[code]
            on = [v.x(p, (d, s)) for p in range(len(v.problem.doctors)) if (d, s) in v.allowed[p]]
            forced = sum(
                (d, s) in held or (d, s) in v.cells.fixed_cells(doc)
                for held, doc in zip(v.held, v.problem.doctors, strict=True)
            )
            count = sum(on) if on else 0
            v.model.add(count <= max(demand.ideal, forced))
            label = f"{v.shift_name(s)}, {format_day(day)}"
            if demand.minimum > 0:
                short = v.model.new_int_var(0, demand.minimum, f"{code} {day} below minimum")
                v.model.add_max_equality(short, [demand.minimum - count, 0])
                penalties.append(
                    b.Penalty(f"{label}: below the minimum", weights.below_minimum, short)
                )
            for mix in demand.mix:
                counted = [
                    v.x(p, (d, s))
                    for p, doctor in enumerate(v.problem.doctors)
                    if (d, s) in v.allowed[p] and mix.counts(doctor)
                ]
                short = v.model.new_int_var(0, mix.at_least, f"{code} {day} below mix")
                v.model.add_max_equality(short, [mix.at_least - sum(counted), 0])
                said = f"{label}: below the minimum of {mix.who}"
                penalties.append(b.Penalty(said, weights.below_minimum, short))
            if demand.ideal > demand.minimum:
                thin = v.model.new_int_var(0, demand.ideal, f"{code} {day} below ideal")
                v.model.add_max_equality(thin, [demand.ideal - count, 0])
                penalties.append(b.Penalty(f"{label}: below the ideal", weights.below_ideal, thin))
    return penalties
