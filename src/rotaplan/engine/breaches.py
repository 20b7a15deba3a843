"""What the rules engine says about a rota: breaches, and per-doctor figures.

Kept apart from the rules so that the CLI, the API and the pages can format a report
without knowing how any rule is measured.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import accumulate

from .rota import Shift


@dataclass(frozen=True, slots=True)
class Breach:
    """One rule broken by one doctor, over a window of time.

    ``value`` and ``limit`` are in the rule's own unit (hours, shifts, weekends, a
    fraction for weekend frequency), and ``message`` says it in a coordinator's words:
    "Dr Patel works 5 nights in a row from Mon 3 Aug 2026; the limit is 4".
    """

    rule: str
    doctor: str
    start: datetime
    end: datetime
    value: float
    limit: float
    message: str
    help: str = ""  # how the rule is read, and from which text (``rules.readings``)


@dataclass(frozen=True, slots=True)
class DoctorFigures:
    average_weekly_hours: float
    max_hours_in_168h: float
    weekends_worked: int
    weekends_in_period: int
    night_shifts: int
    long_shifts: int
    on_call_periods: int


@dataclass(frozen=True, slots=True)
class ComplianceReport:
    """``breaches`` make a rota non-compliant. ``derogated`` are limits of the Working
    Time Regulations that the hospital derogation (reg. 21(c)(i)) disapplies for the
    doctor, each saying what is owed instead (compensatory rest, reg. 24): not breaches,
    but what a coordinator must arrange (``rules.derogation``)."""

    breaches: tuple[Breach, ...]
    doctors: dict[str, DoctorFigures] = field(default_factory=dict)
    derogated: tuple[Breach, ...] = ()
    local: tuple[Breach, ...] = ()
    """The department's local rules the rota does not keep (``rules.local``): reported
    apart, as they are not breaches of a doctor's terms."""

    @property
    def compliant(self) -> bool:
        return not self.breaches


def involving(report: ComplianceReport, shifts: Iterable[Shift]) -> ComplianceReport:
    """``report`` with only the breaches (and derogated limits) that involve one of
    ``shifts``: the breach's doctor holds one of them over a time that meets the breach's
    window (touching counts: too little rest between two shifts is the window from the end
    of one to the start of the next). The per-doctor figures are kept whole.

    The rules read a doctor's shifts on other rotas too (a night elsewhere still needs its
    rest), so a rota's report can find breaches made only of another rota's shifts; those
    belong to that rota. Given this rota's own shifts, this keeps the rest."""
    starts: dict[str, list[datetime]] = defaultdict(list)
    ends: dict[str, list[datetime]] = defaultdict(list)
    for shift in sorted(shifts, key=lambda s: (s.doctor, s.start)):
        starts[shift.doctor].append(shift.start)
        ends[shift.doctor].append(shift.end)
    # the latest end among each doctor's shifts that start no later than the n-th one
    latest_end = {doctor: list(accumulate(times, max)) for doctor, times in ends.items()}

    def involved(breach: Breach) -> bool:
        begun = bisect_right(starts.get(breach.doctor, []), breach.end)
        return begun > 0 and latest_end[breach.doctor][begun - 1] >= breach.start

    return replace(
        report,
        breaches=tuple(filter(involved, report.breaches)),
        derogated=tuple(filter(involved, report.derogated)),
    )
