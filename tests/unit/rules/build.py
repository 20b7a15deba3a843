"""Small builders for rules tests: shifts in London wall-clock time, one doctor, a period."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, time, timedelta

from rotaplan.engine.breaches import Breach, ComplianceReport
from rotaplan.engine.clock import shift_bounds
from rotaplan.engine.rota import DoctorTerms, Period, RotaShifts, RuleSetName, Shift, ShiftKind
from rotaplan.engine.rules import check_rota

PATEL = DoctorTerms("patel", "Dr Patel")
MON = date(2026, 8, 3)  # Mon 3 Aug 2026
OCTOBER_CHANGE = date(2026, 10, 25)  # Sun: 02:00 BST becomes 01:00 GMT
MARCH_CHANGE = date(2026, 3, 29)  # Sun: 01:00 GMT becomes 02:00 BST
BEFORE_2019 = date(2018, 8, 6)  # a Monday before the 2019 amendments


def _at(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def shift(
    day: date, start: str, end: str, kind: ShiftKind = ShiftKind.WORK, doctor: str = "patel"
) -> Shift:
    """A shift on ``day`` from ``start`` to ``end`` (next day when end <= start)."""
    begin, finish = shift_bounds(day, _at(start), _at(end))
    return Shift(doctor, begin, finish, kind)


def on_call(day: date, start: str = "17:00", end: str = "09:00") -> Shift:
    return shift(day, start, end, ShiftKind.ON_CALL)


def every_day(first: date, count: int, start: str, end: str) -> list[Shift]:
    return [shift(first + timedelta(days=k), start, end) for k in range(count)]


def check(
    shifts: Iterable[Shift],
    *,
    start: date = MON,
    days: int = 28,
    doctor: DoctorTerms = PATEL,
) -> ComplianceReport:
    period = Period(start, start + timedelta(days=days - 1))
    return check_rota(RotaShifts(period, (doctor,), tuple(shifts)))


def breaches(rule: str, shifts: Iterable[Shift], **kwargs: object) -> list[Breach]:
    report = check(shifts, **kwargs)  # type: ignore[arg-type]
    return [b for b in report.breaches if b.rule == rule]


def wtr_breaches(
    rule: str, shifts: Iterable[Shift], doctor: DoctorTerms = PATEL, **kwargs: object
) -> list[Breach]:
    """Breaches of a doctor judged by the Working Time Regulations alone, for whom the
    hospital derogation does not turn rest shortfalls into compensatory rest."""
    return breaches(rule, shifts, doctor=replace(doctor, rule_set=RuleSetName.WTR), **kwargs)


def owed(rule: str, shifts: Iterable[Shift], **kwargs: object) -> list[Breach]:
    """What the hospital derogation turns a rule's breaches into: compensatory rest due."""
    report = check(shifts, **kwargs)  # type: ignore[arg-type]
    return [b for b in report.derogated if b.rule == rule]


def terms(**kwargs: object) -> DoctorTerms:
    base: dict[str, object] = {"id": "patel", "name": "Dr Patel"}
    base.update(kwargs)
    return DoctorTerms(**base)  # type: ignore[arg-type]


__all__ = ["RuleSetName"]
