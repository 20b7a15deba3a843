"""A department's rota problem, built from the database for the solver."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

from django.db.models import Q

from rotaplan.engine.clock import to_london
from rotaplan.engine.rota import Period
from rotaplan.engine.rota import ShiftKind as EngineShiftKind
from rotaplan.engine.solver.problem import (
    CoverDemand,
    Fixed,
    FixedShift,
    FixedTime,
    ProblemDoctor,
    Reason,
    Request,
    RequestKind,
    RotaProblem,
    ShiftTypeSpec,
    Unavailable,
)
from rotaplan.engine.solver.problem import CoverMix as EngineCoverMix
from rotaplan.jobplans.commitments import fixed_commitments
from rotaplan.leave.selectors import days_of, unavailable_days
from rotaplan.organisation.models import Department
from rotaplan.people.grades import SAS_GRADES, TRAINING_GRADES, Grade
from rotaplan.people.models import Doctor

from ..local_rules.selectors import local_rules_of
from ..models import (
    Assignment,
    CoverMix,
    CoverRequirement,
    RotaRequest,
    RotaStatus,
    ShiftType,
    StaffGroup,
)
from ..policies.selectors import department_policies
from ..rules_adapter import rule_set_for


class CannotGenerate(Exception):
    """The department lacks what a rota needs (doctors, cover requirements): said in words
    a coordinator can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def group_grades(group: str) -> frozenset[str]:
    if group == StaffGroup.TRAINING:
        return frozenset(str(g) for g in TRAINING_GRADES)
    if group == StaffGroup.SENIOR:
        return frozenset(str(g) for g in SAS_GRADES | {Grade.CONSULTANT})
    return frozenset(str(g) for g in Grade)


def group_doctors(
    department: Department, start: date, end: date, group: str = StaffGroup.EVERYONE
) -> list[Doctor]:
    """The department's doctors of the staff group in post on any day from start to end."""
    in_post = Q(post_start__lte=end) & (Q(post_end__isnull=True) | Q(post_end__gte=start))
    return list(
        Doctor.objects.filter(in_post, department=department, grade__in=group_grades(group))
        .prefetch_related("competencies")
        .order_by("last_name", "first_name", "pk")
    )


def cover_by_day(department: Department, start: date, end: date) -> list[CoverDemand]:
    """Each day's cover for each shift type: a dated row where there is one, else the
    weekday's row; shifts with neither, or needing nobody, are left out."""
    rows = list(
        CoverRequirement.objects.filter(department=department)
        .filter(Q(date__isnull=True) | Q(date__range=(start, end)))
        .select_related("shift_type")
    )
    weekly = {(r.shift_type.code, r.weekday): r for r in rows if r.date is None}
    dated = {(r.shift_type.code, r.date): r for r in rows if r.date is not None}
    codes = sorted({r.shift_type.code for r in rows})
    mixes = shift_mixes(department)
    demand = []
    for day in days_of(start, end):
        for code in codes:
            row = dated.get((code, day)) or weekly.get((code, day.weekday()))
            if row is not None and row.ideal > 0:
                mix = tuple(replace(m, at_least=min(m.at_least, row.ideal)) for m in mixes[code])
                demand.append(CoverDemand(day, code, row.minimum, row.ideal, mix))
    return demand


def shift_mixes(department: Department) -> defaultdict[str, list[EngineCoverMix]]:
    """Each shift type's mix of grades and competencies, by code."""
    found: defaultdict[str, list[EngineCoverMix]] = defaultdict(list)
    rows = (
        CoverMix.objects.filter(shift_type__department=department)
        .select_related("shift_type")
        .prefetch_related("competencies")
    )
    for row in rows:
        found[row.shift_type.code].append(
            EngineCoverMix(
                row.at_least,
                frozenset(row.grades),
                frozenset(c.code for c in row.competencies.all()),
            )
        )
    return found


def problem_from_department(
    department: Department, start: date, end: date, group: str = StaffGroup.TRAINING
) -> RotaProblem:
    """The solver's problem for ``department`` from ``start`` to ``end``: its doctors of
    ``group`` in post then, its shift types that have cover set, the cover each day needs,
    approved leave (and days outside a doctor's post) as days they cannot work, shifts
    they already have on published rotas and their job plans' fixed sessions (clinics
    they run, theatre lists, ward rounds: ``rotaplan.jobplans.commitments``) as fixed
    commitments, the days of their fixed rota lines as fixed shifts, and their requests.
    Raises ``CannotGenerate`` when there is nothing to generate."""
    doctors = group_doctors(department, start, end, group)
    if not doctors:
        raise CannotGenerate(
            f"{department.name} has no {StaffGroup(group).label.lower()} in post from "
            f"{start:%a %-d %b %Y} to {end:%a %-d %b %Y}, so there is no one to put on a rota."
        )
    demand = cover_by_day(department, start, end)
    if not demand:
        raise CannotGenerate(
            f"{department.name} has no cover requirements for these dates: say how many "
            "doctors each shift needs before generating a rota."
        )
    ids = [d.pk for d in doctors]
    local = local_rules_of(department.pk, start, end)
    local = replace(local, fixed=tuple(f for f in local.fixed if int(f.doctor) in ids))
    codes = {d.shift for d in demand} | {f.shift for f in local.fixed}
    shift_types = ShiftType.objects.filter(department=department, code__in=codes)
    away = unavailable_days(ids, start, end)
    fixed: defaultdict[int, list[Fixed]] = defaultdict(list)
    for pk, times in fixed_published(ids, start, end).items():
        fixed[pk] += times
    for pk, times in fixed_commitments(ids, start, end).items():
        fixed[pk] += times
    for day in local.fixed:
        fixed[int(day.doctor)].append(FixedShift(day.day, day.shift))
    problem_doctors = []
    for doctor in doctors:
        outside = [
            Unavailable(day, Reason.OTHER)
            for day in days_of(start, end)
            if day < doctor.post_start or (doctor.post_end is not None and day > doctor.post_end)
        ]
        problem_doctors.append(
            ProblemDoctor(
                id=str(doctor.pk),
                name=str(doctor),
                grade=doctor.grade,
                competencies=frozenset(c.code for c in doctor.competencies.all()),
                wte=float(doctor.wte),
                opted_out=doctor.opted_out,
                rule_set=rule_set_for(doctor),
                unavailable=tuple(sorted(set(away[doctor.pk]) | set(outside), key=lambda u: u.day)),
                fixed=tuple(fixed[doctor.pk]),
            )
        )
    return RotaProblem(
        period=Period(start, end),
        doctors=tuple(problem_doctors),
        shift_types=tuple(
            ShiftTypeSpec(
                code=s.code,
                name=s.name,
                start=s.start,
                end=s.end,
                kind=EngineShiftKind(s.kind),
            )
            for s in shift_types
        ),
        demand=tuple(demand),
        requests=tuple(r for _, r in requests_for(ids, start, end, codes)),
        policies=department_policies(department.pk),
        local=local,
    )


#: How far back published shifts still bear on a new rota: a run of 7 shifts and the 48 h
#: rest after it, or a fortnight of the WTR's weekly rest, all reach less far.
LOOK_BACK_DAYS = 14


def fixed_published(doctor_ids: list[int], start: date, end: date) -> dict[int, list[FixedTime]]:
    """Shifts the doctors already work on published rotas, this department's or
    another's, in the period and the fortnight before it: doctors rely on them, so the new
    rota fits round them (rest after the last nights of the rota before, runs of shifts,
    72 h in 168) and can be published without putting anyone on two shifts at once. (To
    generate weeks already published, the coordinator generates the weeks after them
    instead: a published rota is never changed here.)"""
    found: dict[int, list[FixedTime]] = defaultdict(list)
    shifts = Assignment.objects.filter(
        doctor_id__in=doctor_ids,
        rota__status=RotaStatus.PUBLISHED,
        date__range=(start - timedelta(days=LOOK_BACK_DAYS), end),
    ).select_related("shift_type", "rota")
    for shift in shifts:
        found[shift.doctor_id].append(
            FixedTime(
                to_london(shift.start),
                to_london(shift.end),
                f"{shift.shift_type.code} on {shift.rota.name}",
                EngineShiftKind(shift.shift_type.kind),
            )
        )
    return found


def requests_for(
    doctor_ids: list[int], start: date, end: date, codes: set[str]
) -> list[tuple[RotaRequest, Request]]:
    """The doctors' requests touching the period, each with the solver's request: dates
    outside the period are dropped; a request for a shift that needs no cover is left out."""
    pairs = []
    requests = RotaRequest.objects.filter(
        doctor_id__in=doctor_ids, first_date__lte=end, last_date__gte=start
    ).select_related("shift_type")
    for stored in requests:
        shift = stored.shift_type.code if stored.shift_type is not None else ""
        if stored.kind == "on" and shift not in codes:
            continue
        dates = tuple(days_of(max(stored.first_date, start), min(stored.last_date, end)))
        pairs.append(
            (
                stored,
                Request(
                    doctor=str(stored.doctor_id),
                    kind=RequestKind(stored.kind),
                    dates=dates,
                    shift=shift,
                    weight=stored.weight,
                ),
            )
        )
    return pairs
