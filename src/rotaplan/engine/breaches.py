"""What the rules engine says about a rota: breaches, and per-doctor figures.

Kept apart from the rules so that the CLI, the API and the pages can format a report
without knowing how any rule is measured.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


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

    @property
    def compliant(self) -> bool:
        return not self.breaches
