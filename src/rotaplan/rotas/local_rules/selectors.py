"""Reads of a department's local rules: for its page, and as the engine's ``LocalRules``
the generator is given."""

from __future__ import annotations

from rotaplan.engine.rules.local import LocalRules, NeverAlone

from ..models import DepartmentLocalRules, DoctorPair, NeverAloneRule


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


def local_rules_of(department_id: int) -> LocalRules:
    """The department's local rules as the generator and the rules engine read them; a
    doctor is named by their id, as in the rota problem."""
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
    )
