"""What the objective trades, and its terms by purpose, so that a solved model can say in
words what it gave up: "Night, Sat 8 Aug 2026: 1 below the minimum"."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rotaplan.engine.solver import builders as b


@dataclass(frozen=True, slots=True)
class Weights:
    """What the objective trades, per unit. A doctor short of the minimum outweighs
    everything else; fairness is measured per 1/12 of a full-time share (``SHARE``)."""

    below_minimum: int = 10_000
    below_ideal: int = 1_000
    request: int = 40  # per unit of a request's weight
    nights_spread: int = 4
    weekends_spread: int = 4
    long_days_spread: int = 2
    change: int = 0  # per shift added or taken away: a repair sets it (REPAIR_WEIGHTS)


@dataclass
class Objective:
    """The objective's terms by purpose. Cover and fairness terms count (doctors short,
    twelfths of a share): their names end in the unit counted, after ": ". Request and
    change terms are yes or no: their names say what happened."""

    cover: list[b.Penalty] = field(default_factory=list)
    requests: list[b.Penalty] = field(default_factory=list)
    fairness: list[b.Penalty] = field(default_factory=list)
    changes: list[b.Penalty] = field(default_factory=list)

    def terms(self) -> list[b.Penalty]:
        return [*self.cover, *self.requests, *self.fairness, *self.changes]

    def paid(self, solver: cp_model.CpSolver) -> list[str]:
        """Each term the solved rota pays for, in words, in the objective's order."""
        said = []
        for counted, terms in (
            (True, self.cover),
            (False, self.requests),
            (True, self.fairness),
            (False, self.changes),
        ):
            for term in terms:
                value = solver.value(term.var)
                if not value:
                    continue
                if counted:
                    what, _, unit = term.name.rpartition(": ")
                    said.append(f"{what}: {value} {unit}")
                else:
                    said.append(term.name)
        return said
