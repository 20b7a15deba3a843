"""What the rota solver gives back, as plain data: the rota, what it could not cover and
why, which requests it could not honour, and how fairly the work is shared.

The CLI writes it in the exchange format, the web app saves it as a draft rota and shows
the gaps, the requests and the fairness table; nothing here knows which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from rotaplan.engine.breaches import ComplianceReport
from rotaplan.engine.rota import RotaShifts
from rotaplan.engine.solver.problem import Request


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"  # proved the best possible under the objective
    FEASIBLE = "feasible"  # a compliant rota, perhaps not the best
    NO_ROTA = "no_rota"  # no compliant rota found (fixed commitments clash, or time ran out)
    CANCELLED = "cancelled"  # stopped on request before any rota was found


@dataclass(frozen=True, slots=True)
class Progress:
    """The search so far: for a progress bar and for deciding to stop early. Lower is
    better for both figures; ``bound`` is the best the solver has proved possible."""

    seconds: float
    objective: float
    bound: float
    solutions: int


@dataclass(frozen=True, slots=True)
class RotaShift:
    """One doctor working one shift type on one day."""

    doctor: str
    day: date
    shift: str


@dataclass(frozen=True, slots=True)
class Gap:
    """Cover the rota lacks: ``missing`` doctors short of the ``minimum`` (a gap a locum
    must fill) or of the ``ideal`` (the shift runs, thinly). ``reasons`` say which facts
    cause it, in plain English, most telling first."""

    day: date
    shift: str
    needed: int
    rostered: int
    below: str  # "minimum" or "ideal"
    reasons: tuple[str, ...] = ()
    of: str = ""
    """Whose cover is short when it is part of the shift's mix ("FY2 or CT"); empty for
    the shift's cover as a whole."""

    @property
    def missing(self) -> int:
        return self.needed - self.rostered


@dataclass(frozen=True, slots=True)
class Capacity:
    """What a tier's minimum cover needs of one kind of work and the most its doctors
    can give within the rules; ``short`` is how many shifts at least go unfilled."""

    what: str  # "night shifts", "hours"
    doctors: int
    needed: int
    most: int
    short: int  # at least this many shifts below their minimum
    message: str


@dataclass(frozen=True, slots=True)
class RequestOutcome:
    """A doctor's request and whether the rota honours it; ``message`` says why not."""

    request: Request
    honoured: bool
    message: str = ""


FAIRNESS_KINDS = ("nights", "weekends", "long_days", "hours")


@dataclass(frozen=True, slots=True)
class FairnessRow:
    """One doctor's share of the unsocial work, raw and per full-time share of the days
    they are available (``share``: WTE times the part of the period not on leave), so a
    0.6 WTE doctor with 6 nights compares with a full-time doctor with 10, and a doctor
    away for a month with one who was not."""

    doctor: str
    wte: float
    nights: int
    weekends: int
    long_days: int
    hours: float  # average a week over the period
    share: float = 1.0
    tier: str = ""
    """The doctors who share the same work, in words ("Grades CT1, FY1 and FY2"):
    fairness is judged among them, not between an FY1 and a registrar."""
    eligible: frozenset[str] = frozenset(FAIRNESS_KINDS)
    """The kinds of unsocial work the doctor may be rostered for: a spread is measured
    among the doctors who may do that work, not against an FY1 who never does nights."""

    def per_share(self, kind: str) -> float:
        """``kind`` ("nights", "weekends", "long_days", "hours") per full-time share."""
        value: float = getattr(self, kind)
        return value / self.share if self.share else 0.0


@dataclass(frozen=True, slots=True)
class Fairness:
    rows: tuple[FairnessRow, ...]

    def tiers(self) -> list[str]:
        return sorted({r.tier for r in self.rows})

    def spread(self, kind: str, tier: str | None = None) -> float:
        """Most minus fewest per full-time share of ``kind`` among the doctors of
        ``tier`` eligible for it; without a tier, the widest spread of any tier; 0 with
        fewer than two."""
        if tier is None:
            return max((self.spread(kind, t) for t in self.tiers()), default=0.0)
        values = [
            r.per_share(kind)
            for r in self.rows
            if r.tier == tier and kind in r.eligible and r.share
        ]
        return round(max(values) - min(values), 2) if len(values) > 1 else 0.0


@dataclass(frozen=True, slots=True)
class GeneratedRota:
    """The solver's answer. ``rota`` is offered only when ``report`` holds no breach; a
    generated rota that the rules engine rejects is a solver bug, and ``status`` is then
    ``NO_ROTA`` with the breaches kept in ``report`` for the bug report."""

    status: SolveStatus
    shifts: tuple[RotaShift, ...]
    rota: RotaShifts
    report: ComplianceReport
    gaps: tuple[Gap, ...] = ()
    capacity: tuple[Capacity, ...] = ()
    """Where the minimum cover asks more than the doctors can work within the rules: the
    proof that some gaps cannot be filled by any rota."""
    requests: tuple[RequestOutcome, ...] = ()
    fairness: Fairness = field(default_factory=lambda: Fairness(()))
    objective: float = 0.0
    bound: float = 0.0
    seconds: float = 0.0
    seconds_to_first: float | None = None
    message: str = ""  # why there is no rota, in plain English

    @property
    def compliant(self) -> bool:
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
