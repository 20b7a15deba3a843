"""A doctor in training's work schedule for one rota: the document a doctor gets before a
placement, with their hours, their pattern of shifts and their pay, each pay line explained.

The page, the PDF, the download and the API all read the one ``WorkSchedule`` built here;
``selectors`` says whose a user may read, ``presenters`` what the document says.

- Hours and the pattern are this rota's shifts, as the rules engine counts them
  (``DoctorFigures``); pay is worked out from this rota's shifts too (``engine.pay``), so a
  shift covered on another department's rota does not change this rota's pay.
- Breaches are judged on the doctor's whole working life (every rota, as the rules adapter
  reads it): a work schedule does not hide non-compliance, wherever it comes from.
- Pay: the nodal point from the grade (the pay table's grade map), the pay year the rota
  starts in; an LTFT doctor's weekend and on-call share is measured against the full-time
  doctors on the same rota, as ``pay_for`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rotaplan.engine.breaches import Breach, DoctorFigures
from rotaplan.engine.clock import hours_between
from rotaplan.engine.formats.london_time import london_iso
from rotaplan.engine.pay import (
    PayError,
    PayStatement,
    nodal_point_for_grade,
    pay_for,
    pay_year_for,
)
from rotaplan.engine.rota import RotaShifts, Shift
from rotaplan.engine.rules import check_rota
from rotaplan.people.grades import Contract
from rotaplan.people.models import Doctor

from ..models import Assignment, Rota, RotaStatus
from ..rules_adapter import doctor_terms, engine_rota

NOT_IN_TRAINING = (
    "Work schedules are for doctors in training (2016 terms and conditions). "
    "{doctor} is on the {contract}: their work is agreed in a job plan instead."
)
# TCS 2016: the generic work schedule at least 8 weeks before a placement starts.
NOTICE = timedelta(weeks=8)


class NotInTraining(Exception):
    """The doctor is not on the 2016 TCS, so has no work schedule."""

    def __init__(self, doctor: Doctor) -> None:
        self.message = NOT_IN_TRAINING.format(doctor=doctor, contract=doctor.get_contract_display())
        super().__init__(self.message)


@dataclass(frozen=True)
class ShiftCount:
    code: str
    name: str
    kind: str
    count: int
    hours: float


@dataclass(frozen=True)
class WorkSchedule:
    rota: Rota
    doctor: Doctor
    generated_on: date
    figures: DoctorFigures  # this rota's shifts
    shift_counts: tuple[ShiftCount, ...]
    statement: PayStatement | None
    pay_problem: str  # why there is no statement; "" when there is one
    breaches: tuple[Breach, ...]  # the doctor's whole working life in the period
    owed: tuple[Breach, ...]  # what the hospital derogation owes instead of a breach
    notes: tuple[str, ...]

    @property
    def compliant(self) -> bool:
        return not self.breaches

    @property
    def pay_verified(self) -> bool:
        return self.statement is not None and self.statement.verified

    def as_dict(self) -> dict[str, Any]:
        """The schedule as data: the download and the API (``WorkScheduleOut``)."""
        d, r, f = self.doctor, self.rota, self.figures
        return {
            "doctor": {
                "id": d.pk,
                "name": str(d),
                "gmc_number": d.gmc_number,
                "grade": d.grade,
                "contract": d.contract,
                "wte": str(d.wte),
                "opted_out": d.opted_out,
            },
            "post": {
                "department": d.department.name,
                "start": d.post_start.isoformat(),
                "end": d.post_end.isoformat() if d.post_end else None,
            },
            "rota": {
                "id": r.pk,
                "name": r.name,
                "department": r.department.name,
                "status": r.status,
                "period": {"start": r.period_start.isoformat(), "end": r.period_end.isoformat()},
            },
            "hours": {
                "average_weekly_hours": f.average_weekly_hours,
                "max_hours_in_168h": f.max_hours_in_168h,
            },
            "pattern": {
                "shifts": [
                    {
                        "code": c.code,
                        "name": c.name,
                        "kind": c.kind,
                        "count": c.count,
                        "hours": c.hours,
                    }
                    for c in self.shift_counts
                ],
                "night_shifts": f.night_shifts,
                "long_shifts": f.long_shifts,
                "weekends_worked": f.weekends_worked,
                "weekends_in_period": f.weekends_in_period,
                "on_call_periods": f.on_call_periods,
            },
            "pay": pay_dict(self.statement) if self.statement else None,
            "pay_problem": self.pay_problem or None,
            "compliant": self.compliant,
            "breaches": [_breach_dict(b) for b in self.breaches],
            "derogated": [_breach_dict(b) for b in self.owed],
            "notes": list(self.notes),
            "generated_on": self.generated_on.isoformat(),
        }


def _breach_dict(breach: Breach) -> dict[str, Any]:
    return {
        "rule": breach.rule,
        "start": london_iso(breach.start),
        "end": london_iso(breach.end),
        "value": breach.value,
        "limit": breach.limit,
        "message": breach.message,
        "help": breach.help,
    }


def pay_dict(statement: PayStatement) -> dict[str, Any]:
    """The statement as the API documents it (``PayStatementOut``): each line also under
    ``name``, the word a client looks for."""
    data = statement.as_dict()
    for line in data["lines"]:
        line["name"] = line["title"]
    return data


def work_schedule(rota: Rota, doctor: Doctor, *, today: date) -> WorkSchedule:
    """``doctor``'s work schedule on ``rota``; raises ``NotInTraining`` for a consultant or
    SAS doctor."""
    if doctor.contract != Contract.TCS_2016:
        raise NotInTraining(doctor)
    everything = engine_rota(rota)
    me = str(doctor.pk)
    terms = next((t for t in everything.doctors if t.id == me), None)
    doctors = everything.doctors
    if terms is None:  # not on the rota: an empty schedule rather than an error
        terms = doctor_terms(doctor)
        doctors = (*doctors, terms)
    here = {
        f"assignment {pk}"
        for pk in Assignment.objects.filter(rota=rota).values_list("pk", flat=True)
    }
    this_rota = RotaShifts(
        everything.period,
        doctors,
        tuple(s for s in everything.shifts if s.source in here),
    )
    mine_everywhere = tuple(s for s in everything.shifts if s.doctor == me)
    mine_here = tuple(s for s in this_rota.shifts if s.doctor == me)
    figures = check_rota(RotaShifts(everything.period, (terms,), mine_here)).doctors[me]
    judged = check_rota(RotaShifts(everything.period, (terms,), mine_everywhere))
    statement, problem = _pay(this_rota, doctor)
    notes = _notes(rota, today, mine_everywhere, mine_here)
    return WorkSchedule(
        rota=rota,
        doctor=doctor,
        generated_on=today,
        figures=figures,
        shift_counts=_shift_counts(rota, doctor),
        statement=statement,
        pay_problem=problem,
        breaches=judged.breaches,
        owed=judged.derogated,
        notes=notes,
    )


def _pay(rota: RotaShifts, doctor: Doctor) -> tuple[PayStatement | None, str]:
    year = pay_year_for(rota.period.start)
    try:
        nodal_point = nodal_point_for_grade(doctor.grade, year)
        return pay_for(rota, str(doctor.pk), nodal_point, year), ""
    except PayError as error:
        return None, f"Pay could not be worked out: {error}."


def _shift_counts(rota: Rota, doctor: Doctor) -> tuple[ShiftCount, ...]:
    counts: dict[tuple[str, str, str], tuple[int, float]] = {}
    assignments = Assignment.objects.filter(rota=rota, doctor=doctor).select_related("shift_type")
    for a in assignments.order_by("shift_type__start", "shift_type__code"):
        key = (a.shift_type.code, a.shift_type.name, a.shift_type.kind)
        count, hours = counts.get(key, (0, 0.0))
        counts[key] = (count + 1, hours + hours_between(a.start, a.end))
    return tuple(
        ShiftCount(code=code, name=name, kind=kind, count=count, hours=round(hours, 2))
        for (code, name, kind), (count, hours) in counts.items()
    )


def _notes(
    rota: Rota, today: date, everywhere: tuple[Shift, ...], here: tuple[Shift, ...]
) -> tuple[str, ...]:
    notes = []
    if rota.status != RotaStatus.PUBLISHED:
        notes.append("This rota is a draft: the schedule may change before it is published.")
    if today < rota.period_start and rota.period_start - today < NOTICE:
        weeks = (rota.period_start - today).days // 7
        notes.append(
            f"Issued {weeks} week{'s' if weeks != 1 else ''} before the rota starts: the 2016 "
            "terms ask for the work schedule at least 8 weeks before a placement starts."
        )
    start, end = rota.period_start, rota.period_end
    elsewhere = sum(1 for s in everywhere if start <= s.day <= end) - sum(
        1 for s in here if start <= s.day <= end
    )
    if elsewhere:
        notes.append(
            f"{elsewhere} shift{'s' if elsewhere != 1 else ''} on other rotas in this period "
            "count towards the rules checked below, but not towards this schedule's hours or pay."
        )
    return tuple(notes)
