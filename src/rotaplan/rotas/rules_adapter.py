"""A stored rota as the rules engine reads it: rows in, plain engine data out.

The engine judges a doctor's whole working life, not one rota: a doctor who covers a night
on another department's rota still needs 46 hours' rest afterwards. So every assignment of
the rota's doctors from two weeks before the period to two weeks after it is included,
whichever rota it is on, as long as it is a commitment: on this rota or a published one
(a draft rota is a proposal, and another draft of the same weeks is an alternative, not
more work). The period itself stays the rota's cycle for averages and weekends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rotaplan.engine.rota import DoctorTerms, Period, RotaShifts, RuleSetName, Shift, ShiftKind
from rotaplan.people.grades import Contract
from rotaplan.people.models import Doctor

from .models import Assignment, Rota
from .overlap import committed

MARGIN = timedelta(days=14)


@dataclass(frozen=True)
class PlannedShift:
    """An assignment not yet saved, for checking an edit before it is made."""

    doctor_id: int
    start: datetime
    end: datetime
    kind: str


def rule_set_for(doctor: Doctor) -> RuleSetName:
    """Doctors in training are judged by the 2016 TCS (and the WTR within it); consultants
    and SAS doctors by the Working Time Regulations alone."""
    return RuleSetName.TCS2016 if doctor.contract == Contract.TCS_2016 else RuleSetName.WTR


def doctor_terms(doctor: Doctor) -> DoctorTerms:
    return DoctorTerms(
        id=str(doctor.pk),
        name=str(doctor),
        rule_set=rule_set_for(doctor),
        wte=float(doctor.wte),
        opted_out=doctor.opted_out,
        grade=doctor.grade,
    )


def engine_rota(
    rota: Rota,
    *,
    removed: Iterable[int] = (),
    added: Iterable[PlannedShift] = (),
) -> RotaShifts:
    """``rota`` as the engine sees it, optionally with assignments ``removed`` (by id) and
    shifts ``added``, so an edit can be checked before it is saved."""
    removed_ids = set(removed)
    extra = list(added)
    doctor_ids = set(Assignment.objects.filter(rota=rota).values_list("doctor_id", flat=True)) | {
        shift.doctor_id for shift in extra
    }
    window_start, window_end = window_of(rota.period_start, rota.period_end)
    # Plain rows, not model instances: a 30-doctor, 26-week rota is some 3,500 of them, and
    # building instances took most of the time of a check (the grid page runs one).
    assignments = (
        Assignment.objects.filter(
            committed(rota.pk),
            doctor_id__in=doctor_ids,
            date__gte=window_start,
            date__lte=window_end,
        )
        .exclude(pk__in=removed_ids)
        .values_list("pk", "doctor_id", "start", "end", "shift_type__kind")
    )
    kinds = {kind.value: kind for kind in ShiftKind}
    shifts = [
        Shift(
            doctor=str(doctor_id),
            start=start,
            end=end,
            kind=kinds[kind],
            source=f"assignment {pk}",
        )
        for pk, doctor_id, start, end, kind in assignments
    ]
    shifts.extend(
        Shift(doctor=str(s.doctor_id), start=s.start, end=s.end, kind=ShiftKind(s.kind))
        for s in extra
    )
    doctors = Doctor.objects.filter(pk__in=doctor_ids).order_by("last_name", "first_name", "pk")
    return RotaShifts(
        period=Period(rota.period_start, rota.period_end),
        doctors=tuple(doctor_terms(d) for d in doctors),
        shifts=tuple(shifts),
    )


def window_of(start: date, end: date) -> tuple[date, date]:
    return start - MARGIN, end + MARGIN
