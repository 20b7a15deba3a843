"""A rota as plain data: who works which shift, on what terms, over which cycle.

This is what the rules engine, the pay calculator and (later) the solver read. It carries
no database ids and no Django: the web app, the CLI and the benchmarks each build it from
their own source (rows, a JSON or CSV file, a generated instance).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from .clock import hours_between, monday_of, to_london


class ShiftKind(StrEnum):
    WORK = "work"
    ON_CALL = "on_call"


class RuleSetName(StrEnum):
    TCS2016 = "tcs2016"  # 2016 terms and conditions, doctors in training (2019 amendments)
    WTR = "wtr"  # Working Time Regulations 1998 only


@dataclass(frozen=True, slots=True)
class Shift:
    """One rostered period for one doctor. ``start`` and ``end`` are aware datetimes; the
    shift belongs to the London calendar day it starts on."""

    doctor: str
    start: datetime
    end: datetime
    kind: ShiftKind = ShiftKind.WORK
    source: str = ""  # where it came from, for messages: "line 14" or an assignment id

    @property
    def hours(self) -> float:
        return hours_between(self.start, self.end)

    @property
    def day(self) -> date:
        return to_london(self.start).date()


@dataclass(frozen=True, slots=True)
class DoctorTerms:
    """The terms a doctor's rota is judged on."""

    id: str
    name: str = ""  # "Dr Ada Patel"; messages fall back to the id
    rule_set: RuleSetName = RuleSetName.TCS2016
    wte: float = 1.0
    opted_out: bool = False
    grade: str = ""

    @property
    def display_name(self) -> str:
        return self.name or self.id


@dataclass(frozen=True, slots=True)
class Period:
    """The rota cycle, whole London days from ``start`` to ``end`` inclusive: the
    reference period for averages and weekend frequency."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> float:
        return self.days / 7

    @classmethod
    def covering(cls, shifts: tuple[Shift, ...] | list[Shift]) -> Period:
        """Monday of the first shift's week to Sunday of the last shift's week."""
        if not shifts:
            raise ValueError("a rota with no shifts has no period; give one")
        first = min(s.day for s in shifts)
        last = max(s.day for s in shifts)
        return cls(monday_of(first), monday_of(last) + timedelta(days=6))


@dataclass(frozen=True, slots=True)
class RotaShifts:
    """A rota's shifts over its period with the terms of each doctor on it: what the rules
    engine judges and pay reads. (A stored rota, with its status and versions, is the
    ``rotas`` app's ``Rota``.)"""

    period: Period
    doctors: tuple[DoctorTerms, ...]
    shifts: tuple[Shift, ...] = field(default=())

    def shifts_of(self, doctor_id: str) -> list[Shift]:
        """The doctor's shifts in time order."""
        return sorted((s for s in self.shifts if s.doctor == doctor_id), key=lambda s: s.start)
