"""Reads of a department's local rules: for its page, and as the engine's ``LocalRules``
the generator is given."""

from __future__ import annotations

from datetime import date

from rotaplan.engine.fixed_lines import FixedLine
from rotaplan.engine.rules.local import FixedDay, LocalRules, NeverAlone
from rotaplan.leave.selectors import unavailable_days
from rotaplan.people.models import Doctor

from ..models import DepartmentLocalRules, DoctorPair, FixedRotaLine, NeverAloneRule, ShiftType


def department_limits(department_id: int) -> DepartmentLocalRules:
    """The department's limits, unsaved and empty if it has set none."""
    found = DepartmentLocalRules.objects.filter(department_id=department_id).first()
    return found or DepartmentLocalRules(department_id=department_id)


def never_alone_rules(department_id: int) -> list[NeverAloneRule]:
    return list(
        NeverAloneRule.objects.filter(department_id=department_id).prefetch_related("shift_types")
    )


def doctor_pairs(department_id: int) -> list[DoctorPair]:
    return list(
        DoctorPair.objects.filter(department_id=department_id).select_related("first", "second")
    )


def never_alone_rule(department_id: int, rule_id: int) -> NeverAloneRule | None:
    """The department's rule: another department's is not found here."""
    return NeverAloneRule.objects.filter(department_id=department_id, pk=rule_id).first()


def doctor_pair(department_id: int, pair_id: int) -> DoctorPair | None:
    return DoctorPair.objects.filter(department_id=department_id, pk=pair_id).first()


def department_doctor(department_id: int, doctor_id: int) -> Doctor | None:
    """One of the department's doctors: another department's is not found here."""
    return Doctor.objects.filter(department_id=department_id, pk=doctor_id).first()


def fixed_lines(department_id: int) -> list[FixedRotaLine]:
    return list(FixedRotaLine.objects.filter(department_id=department_id).select_related("doctor"))


def fixed_line(department_id: int, line_id: int) -> FixedRotaLine | None:
    return FixedRotaLine.objects.filter(department_id=department_id, pk=line_id).first()


def fixed_line_days(department_id: int, start: date, end: date) -> list[FixedDay]:
    """The days from ``start`` to ``end`` the department's fixed rota lines fix, by
    doctor and day: not a day the doctor is on approved leave or absent, or outside their
    post, nor a shift the department no longer has."""
    lines = [
        line
        for line in fixed_lines(department_id)
        if line.first_monday <= end and (line.last_day is None or line.last_day >= start)
    ]
    if not lines:
        return []
    codes = set(
        ShiftType.objects.filter(department_id=department_id).values_list("code", flat=True)
    )
    away = unavailable_days(list({line.doctor_id for line in lines}), start, end)
    found = []
    for line in lines:
        doctor = line.doctor
        off = {u.day for u in away[doctor.pk]}
        pattern = FixedLine(line.first_monday, tuple(tuple(w) for w in line.weeks), line.last_day)
        for day, code in pattern.shifts_between(start, end):
            in_post = doctor.post_start <= day and (
                doctor.post_end is None or day <= doctor.post_end
            )
            if code in codes and in_post and day not in off:
                found.append(FixedDay(str(doctor.pk), day, code))
    return sorted(found, key=lambda f: (int(f.doctor), f.day))


def local_rules_of(department_id: int, start: date, end: date) -> LocalRules:
    """The department's local rules for a rota from ``start`` to ``end``, as the
    generator and the rules engine read them; a doctor is named by their id, as in the
    rota problem."""
    limits = department_limits(department_id)
    pairs = doctor_pairs(department_id)
    return LocalRules(
        max_nights_in_a_row=limits.max_nights_in_a_row,
        max_weekends_in_a_row=limits.max_weekends_in_a_row,
        whole_weekends=limits.whole_weekends,
        never_alone=tuple(
            NeverAlone(frozenset(r.grades), frozenset(s.code for s in r.shift_types.all()))
            for r in never_alone_rules(department_id)
        ),
        apart=tuple((str(p.first_id), str(p.second_id)) for p in pairs if not p.together),
        together=tuple((str(p.first_id), str(p.second_id)) for p in pairs if p.together),
        fixed=tuple(fixed_line_days(department_id, start, end)),
    )
