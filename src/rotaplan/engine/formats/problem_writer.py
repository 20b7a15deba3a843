"""A rota problem as the JSON document ``read_problem`` reads (docs/rota-problem.md), so a
department's problem can leave the web app for the command line, a benchmark or a bug
report, and come back the same."""

from __future__ import annotations

from datetime import date

from rotaplan.engine.rota import ShiftKind
from rotaplan.engine.rules.local import LocalRules
from rotaplan.engine.solver.problem import (
    CoverDemand,
    FixedShift,
    FixedTime,
    Policy,
    ProblemDoctor,
    Request,
    RequestKind,
    RotaProblem,
    ShiftTypeSpec,
)

from .london_time import london_iso


def write_problem(problem: RotaProblem) -> dict[str, object]:
    """The document, with every default written out except empty lists of doctors'
    entries; dates one per entry, as plain as the reader allows."""
    return {
        "period": {
            "start": problem.period.start.isoformat(),
            "end": problem.period.end.isoformat(),
        },
        "rule_set": problem.rule_set.value,
        "doctors": [_doctor(d) for d in problem.doctors],
        "shift_types": [_shift_type(s) for s in problem.shift_types],
        "demand": [_demand(c) for c in problem.demand],
        "unavailable": [
            {"doctor": d.id, "date": u.day.isoformat(), "reason": u.reason.value}
            for d in problem.doctors
            for u in d.unavailable
        ],
        "fixed": [_fixed(d.id, f) for d in problem.doctors for f in d.fixed],
        "requests": [_request(r) for r in problem.requests],
        "policies": {p.value: p in problem.policies for p in Policy},
        "local_rules": _local_rules(problem.local),
    }


def _local_rules(rules: LocalRules) -> dict[str, object]:
    return {
        "max_nights_in_a_row": rules.max_nights_in_a_row,
        "max_weekends_in_a_row": rules.max_weekends_in_a_row,
        "whole_weekends": rules.whole_weekends,
        "never_alone": [
            {"grades": sorted(r.grades), "shifts": sorted(r.shifts)} for r in rules.never_alone
        ],
        "apart": [list(pair) for pair in rules.apart],
        "together": [list(pair) for pair in rules.together],
    }


def _demand(cover: CoverDemand) -> dict[str, object]:
    out: dict[str, object] = {
        "date": cover.day.isoformat(),
        "shift": cover.shift,
        "minimum": cover.minimum,
        "ideal": cover.ideal,
    }
    if cover.mix:
        out["mix"] = [
            {
                "at_least": m.at_least,
                "grades": sorted(m.grades),
                "competencies": sorted(m.competencies),
            }
            for m in cover.mix
        ]
    return out


def _doctor(doctor: ProblemDoctor) -> dict[str, object]:
    out: dict[str, object] = {
        "id": doctor.id,
        "name": doctor.name,
        "grade": doctor.grade,
        "competencies": sorted(doctor.competencies),
        "wte": doctor.wte,
        "opted_out": doctor.opted_out,
    }
    if doctor.rule_set is not None:
        out["rule_set"] = doctor.rule_set.value
    return out


def _shift_type(spec: ShiftTypeSpec) -> dict[str, object]:
    return {
        "code": spec.code,
        "name": spec.name,
        "start": spec.start.strftime("%H:%M"),
        "end": spec.end.strftime("%H:%M"),
        "kind": spec.kind.value,
        "grades": sorted(spec.grades),
        "competencies": sorted(spec.competencies),
    }


def _fixed(doctor: str, fixed: FixedShift | FixedTime) -> dict[str, object]:
    if isinstance(fixed, FixedShift):
        return {"doctor": doctor, "date": fixed.day.isoformat(), "shift": fixed.shift}
    out: dict[str, object] = {
        "doctor": doctor,
        "start": london_iso(fixed.start),
        "end": london_iso(fixed.end),
        "label": fixed.label,
    }
    if fixed.kind is not ShiftKind.WORK:
        out["kind"] = fixed.kind.value
    return out


def _request(request: Request) -> dict[str, object]:
    out: dict[str, object] = {
        "doctor": request.doctor,
        "kind": request.kind.value,
        "dates": [_iso(d) for d in request.dates],
        "weight": request.weight,
    }
    if request.kind is RequestKind.ON:
        out["shift"] = request.shift
    return out


def _iso(day: date) -> str:
    return day.isoformat()
