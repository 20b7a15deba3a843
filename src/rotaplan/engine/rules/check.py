"""Check a whole rota: every doctor against the rule set named in their terms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from ..breaches import Breach, ComplianceReport, DoctorFigures
from ..rota import DoctorTerms, Period, RotaShifts, Shift
from ..weekends import saturdays_in
from .derogation import is_derogated, what_is_owed
from .facts import HOUR, ShiftFacts, facts_of
from .hours import period_work_hours, work_peak_168h
from .limits import Limits, limits_on
from .readings import reading_of
from .registry import RULE_SETS
from .weekends import doctor_weekends_worked


def check_rota(rota: RotaShifts) -> ComplianceReport:
    """Every breach of every doctor's rule set, and each doctor's figures.

    Limits are those in force on the first day of the rota period. Shifts of a doctor not
    listed in ``rota.doctors`` are not judged (there are no terms to judge them by).
    Breaches come in doctor order, then by rule id, then by start time; so do the limits
    the hospital derogation turns into what is owed (``derogation``). Each carries its
    rule's reading as help text (``readings``).
    """
    limits = limits_on(rota.period.start)
    by_doctor: dict[str, list[Shift]] = {d.id: [] for d in rota.doctors}
    for shift in rota.shifts:
        mine = by_doctor.get(shift.doctor)
        if mine is not None:
            mine.append(shift)
    breaches: list[Breach] = []
    derogated: list[Breach] = []
    figures: dict[str, DoctorFigures] = {}
    for doctor in rota.doctors:
        facts = facts_of(by_doctor[doctor.id], limits)
        found: list[Breach] = []
        for rule_id, rule in RULE_SETS[doctor.rule_set].items():
            if is_derogated(doctor.rule_set, rule_id):
                derogated.extend(what_is_owed(b) for b in rule(doctor, facts, rota.period, limits))
            else:
                found.extend(rule(doctor, facts, rota.period, limits))
        found.sort(key=_order)
        breaches.extend(found)
        figures[doctor.id] = doctor_figures(doctor, facts, rota.period, limits)
    return ComplianceReport(
        tuple(_with_reading(b) for b in breaches),
        figures,
        tuple(_with_reading(b) for b in sorted(derogated, key=_order)),
    )


def _order(breach: Breach) -> tuple[str, datetime, datetime, str]:
    return breach.rule, breach.start, breach.end, breach.message


def _with_reading(breach: Breach) -> Breach:
    return replace(breach, help=reading_of(breach.rule))


def doctor_figures(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> DoctorFigures:
    """Counts over the shifts that belong to a day of the period; the 168 h maximum over
    all the doctor's work, so that a window across the period's edge is not missed, and
    always over 168 consecutive hours (also for rotas judged by the 2016 wording).
    On-call periods are not hours of work (see ``hours``)."""
    lo, hi = period.start.toordinal(), period.end.toordinal()
    inside = [s for s in shifts if lo <= s.day <= hi]
    # the same scan as the rule's (same threshold), so it is done once
    peak, _ = work_peak_168h(shifts, round(limits["max-72h-in-168h"] * HOUR))
    return DoctorFigures(
        average_weekly_hours=round(period_work_hours(shifts, period) / period.weeks, 2),
        max_hours_in_168h=round(peak / HOUR, 2),
        weekends_worked=doctor_weekends_worked(shifts, period),
        weekends_in_period=len(saturdays_in(period)),
        night_shifts=sum(s.is_night for s in inside),
        long_shifts=sum(s.is_long for s in inside),
        on_call_periods=sum(not s.is_work for s in inside),
    )
