"""A doctor's annual pay from a rota under the 2016 TCS for doctors in training: the pay
statement, assembled from one line per pay element, each worked out in its own module
(``basic_pay``, ``additional_hours``, ``night_enhancement``, ``weekend_allowance``,
``on_call_allowance``, ``flexible_pay_premium`` when one is named, ``ltft_allowance``).

Each line is worked out exactly (fractions of hours and pounds) and rounded to the penny
once, at the end of the line, half up (ROUND_HALF_UP: £0.005 becomes £0.01); the total
is the sum of the rounded lines. Every line carries its formula with the figures filled
in, what it means, and whether every figure it used was checked against a source.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from ..clock import format_day
from ..rota import DoctorTerms, RotaShifts
from .additional_hours import additional_hours
from .basic_pay import basic_pay
from .basis import PayBasis
from .data import PayError, load_table, pay_year_for
from .figures import fraction, money, number
from .flexible_pay_premium import flexible_pay_premium
from .hours_summary import HoursSummary, summarise
from .ltft_allowance import ltft_allowance
from .night_enhancement import night_enhancement
from .on_call_allowance import on_call_allowance
from .pay_line import PayLine
from .weekend_allowance import weekend_allowance

ROUNDING_RULE = (
    "Each line is computed unrounded and rounded once to the penny, half up (£0.005 -> £0.01); "
    "the total is the sum of the rounded lines. Figures shown inside a formula (the hourly "
    "rate, hours) are rounded for reading only."
)


class UnknownDoctor(PayError):
    def __init__(self, doctor_id: str, known: tuple[str, ...]) -> None:
        self.doctor_id = doctor_id
        listed = ", ".join(known) if known else "none"
        super().__init__(f"no doctor {doctor_id!r} in the rota; doctors in it: {listed}")


class BadNodalPoint(PayError):
    pass


@dataclass(frozen=True, slots=True)
class PayStatement:
    doctor_id: str
    doctor_name: str
    pay_year: str
    nodal_point: int
    wte: Decimal
    premium: str | None  # the flexible pay premium's key, if one was named
    period_start: str
    period_end: str
    lines: tuple[PayLine, ...]
    total: Decimal
    figures: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    rounding_rule: str = ROUNDING_RULE

    @property
    def verified(self) -> bool:
        return all(line.verified for line in self.lines)

    @property
    def unverified_figures(self) -> tuple[str, ...]:
        """Each figure not checked against its source, once, in the order the lines use it."""
        figures = dict.fromkeys(item.figure for line in self.lines for item in line.unverified)
        return tuple(figures)

    @property
    def warning(self) -> str:
        """The closing warning, naming every unverified figure, so that a reader who looks
        only at the total still learns which figures to check; "" when all are verified."""
        if self.verified:
            return ""
        return (
            f"Some figures have not yet been checked against their source: "
            f"{'; '.join(self.unverified_figures)}. Each line that uses one says so. Check "
            "them with medical staffing before relying on this total."
        )

    def line(self, key: str) -> PayLine:
        return next(line for line in self.lines if line.key == key)

    def as_dict(self) -> dict[str, Any]:
        return {
            "doctor": {"id": self.doctor_id, "name": self.doctor_name, "wte": str(self.wte)},
            "pay_year": self.pay_year,
            "nodal_point": self.nodal_point,
            "flexible_pay_premium": self.premium,
            "period": {"start": self.period_start, "end": self.period_end},
            "figures": dict(self.figures),
            "lines": [line.as_dict() for line in self.lines],
            "total": str(self.total),
            "total_pence": int(self.total * 100),
            "verified": self.verified,
            "unverified_figures": list(self.unverified_figures),
            "warning": self.warning or None,
            "notes": list(self.notes),
            "rounding_rule": self.rounding_rule,
        }


def pay_for(
    rota: RotaShifts,
    doctor_id: str,
    nodal_point: int,
    pay_year: str,
    *,
    comparator: str | None = None,
    premium: str | None = None,
) -> PayStatement:
    """The doctor's annual pay from the rota, line by line.

    ``comparator`` names the full-time doctor whose weekend and on-call commitment an LTFT
    doctor's is measured against; without it, the full-time doctors on the same rota are
    averaged, and failing those the LTFT doctor is assumed to do a pro-rata share (a line
    that relies on that assumption is marked unverified).

    ``premium`` names a flexible pay premium in the pay year's table ("general-practice"):
    the rota does not say which programme a doctor trains in, so it is asked for, and an
    unknown key is refused (``UnknownPremium``, listing the known ones).
    """
    table = load_table(pay_year)
    chosen = table.premium(premium) if premium is not None else None
    if nodal_point not in table.nodal_points:
        points = sorted(table.nodal_points)
        raise BadNodalPoint(
            f"nodal point {nodal_point} does not exist; it is {points[0]} to {points[-1]}"
        )
    doctors = {d.id: d for d in rota.doctors}
    if doctor_id not in doctors:
        raise UnknownDoctor(doctor_id, tuple(doctors))
    doctor = doctors[doctor_id]
    wte = fraction(doctor.wte)
    if not 0 < wte <= 1:
        raise PayError(
            f"{doctor.display_name} has WTE {doctor.wte}; it must be above 0 and at most 1"
        )

    def summary_of(d: DoctorTerms) -> HoursSummary:
        return summarise(rota.shifts_of(d.id), rota.period, table.night)

    if comparator is not None:
        if comparator not in doctors:
            raise UnknownDoctor(comparator, tuple(doctors))
        if doctors[comparator].wte < 1:
            raise PayError(f"the comparator {comparator!r} is not full time (WTE 1.0)")
        full_timers = [doctors[comparator]]
    else:
        full_timers = [d for d in rota.doctors if d.id != doctor_id and d.wte >= 1]

    basis = PayBasis(
        table=table,
        doctor=doctor,
        nodal_point=nodal_point,
        basic=fraction(table.nodal_points[nodal_point]),
        wte=wte,
        hours=summary_of(doctor),
        comparators=tuple((d, summary_of(d)) for d in full_timers) if wte < 1 else (),
        comparator_named=comparator is not None,
    )
    lines = tuple(
        _settled(line)
        for line in (
            basic_pay(basis),
            additional_hours(basis),
            night_enhancement(basis),
            weekend_allowance(basis),
            on_call_allowance(basis),
            *((flexible_pay_premium(basis, chosen),) if chosen is not None else ()),
            ltft_allowance(basis),
        )
    )
    notes: list[str] = []
    outside = [day for day in (rota.period.start, rota.period.end) if not table.covers(day)]
    if outside:
        years = sorted({pay_year_for(day) for day in outside})
        notes.append(
            f"The rota ({format_day(rota.period.start)} to {format_day(rota.period.end)}) is "
            f"partly or wholly in pay year {', '.join(years)}, not {pay_year}: the {pay_year} "
            "table was used as asked."
        )
    h = basis.hours
    figures = {
        "weeks_in_period": number(h.weeks),
        "average_weekly_hours": number(h.average_weekly_hours),
        "average_weekly_night_hours": number(h.average_weekly_night_hours),
        "weekends_in_period": str(h.weekends_in_period),
        "weekends_worked": str(h.weekends_worked),
        "on_call_periods": str(h.on_call_periods),
        "basic_hourly_rate": money(basis.hourly),
        "full_time_basic": money(fraction(table.nodal_points[nodal_point])),
    }
    return PayStatement(
        doctor_id=doctor.id,
        doctor_name=doctor.display_name,
        pay_year=pay_year,
        nodal_point=nodal_point,
        wte=Decimal(str(doctor.wte)),
        premium=premium,
        period_start=rota.period.start.isoformat(),
        period_end=rota.period.end.isoformat(),
        lines=lines,
        total=sum((line.amount for line in lines), Decimal("0.00")),
        figures=figures,
        notes=tuple(notes),
    )


def _settled(line: PayLine) -> PayLine:
    """A line that comes to nothing (no nights, no weekend, not LTFT...) depends on no
    figure of the table, so nothing in it is unverified."""
    if line.amount == 0 and not line.verified:
        return replace(line, unverified=())
    return line


def nodal_point_for_grade(grade: str, pay_year: str) -> int:
    """FY1 -> 1 ... ST8 -> 5, from the pay year's grade table."""
    table = load_table(pay_year)
    key = grade.strip().upper()
    if key not in table.grades:
        known = ", ".join(sorted(table.grades))
        raise BadNodalPoint(f"grade {grade!r} has no nodal point in the table; known: {known}")
    return table.grades[key]
