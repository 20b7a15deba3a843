"""A department's local rules: set by its coordinator, each change audited, refused to
anyone else, seen by its service managers, and given to the generator as the engine's
local rules."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from rotaplan.engine.rules.local import LocalRules, NeverAlone
from rotaplan.rotas.generation.problem import problem_from_department
from rotaplan.rotas.local_rules.selectors import local_rules_of
from rotaplan.rotas.local_rules.services import (
    doctor_pair_add,
    local_limits_set,
    never_alone_add,
    never_alone_remove,
)
from rotaplan.rotas.models import DepartmentLocalRules, DoctorPair, NeverAloneRule
from tests.factories.people import DoctorFactory
from tests.integration.rotas.audit_entries import entries_for
from tests.integration.rotas.generation.generation_world import END, START, make_ward
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_the_generator_is_given_the_departments_local_rules():
    ward = make_ward()
    first, second = ward.doctors[:2]
    local_limits_set(
        actor=ward.coordinator,
        department=ward.department,
        max_nights_in_a_row=3,
        max_weekends_in_a_row=None,
        whole_weekends=True,
    )
    never_alone_add(
        actor=ward.coordinator, department=ward.department, grades=["FY1"], shift_types=[ward.night]
    )
    doctor_pair_add(
        actor=ward.coordinator,
        department=ward.department,
        first=first,
        second=second,
        together=False,
    )

    problem = problem_from_department(ward.department, START, END)

    assert problem.local == LocalRules(
        max_nights_in_a_row=3,
        whole_weekends=True,
        never_alone=(NeverAlone(frozenset({"FY1"}), frozenset({"N"})),),
        apart=((str(first.pk), str(second.pk)),),
    )


def test_each_change_is_audited_with_who_made_it(world, night):
    limits = local_limits_set(
        actor=world.coordinator,
        department=world.acute,
        max_nights_in_a_row=2,
        max_weekends_in_a_row=1,
        whole_weekends=False,
    )
    [made] = entries_for(DepartmentLocalRules, limits.pk, LogEntry.Action.CREATE)
    assert made.actor == world.coordinator
    rule = never_alone_add(
        actor=world.coordinator, department=world.acute, grades=["FY1"], shift_types=[night]
    )
    pk = rule.pk
    never_alone_remove(actor=world.coordinator, rule=rule)
    [removed] = entries_for(NeverAloneRule, pk, LogEntry.Action.DELETE)
    assert removed.actor == world.coordinator


@pytest.mark.parametrize("user", ["cardiology_coordinator", "service_manager", "nobody"])
def test_local_rules_are_set_by_the_departments_coordinator_only(world, night, user):
    actor = getattr(world, user)
    with pytest.raises(PermissionDenied):
        local_limits_set(
            actor=actor,
            department=world.acute,
            max_nights_in_a_row=2,
            max_weekends_in_a_row=None,
            whole_weekends=False,
        )
    with pytest.raises(PermissionDenied):
        never_alone_add(actor=actor, department=world.acute, grades=["FY1"], shift_types=[night])
    with pytest.raises(PermissionDenied):
        doctor_pair_add(
            actor=actor, department=world.acute, first=world.ada, second=world.bea, together=True
        )
    assert not DepartmentLocalRules.objects.exists()
    assert not NeverAloneRule.objects.exists()
    assert not DoctorPair.objects.exists()


def test_a_pair_must_be_two_doctors_of_the_department_paired_once(world):
    stranger = DoctorFactory(department=world.cardiology)
    with pytest.raises(ValidationError, match="two different doctors"):
        doctor_pair_add(
            actor=world.coordinator,
            department=world.acute,
            first=world.ada,
            second=world.ada,
            together=True,
        )
    with pytest.raises(ValidationError, match="doctors of this department"):
        doctor_pair_add(
            actor=world.coordinator,
            department=world.acute,
            first=world.ada,
            second=stranger,
            together=True,
        )
    doctor_pair_add(
        actor=world.coordinator,
        department=world.acute,
        first=world.ada,
        second=world.bea,
        together=True,
    )
    with pytest.raises(ValidationError, match="paired already"):
        doctor_pair_add(
            actor=world.coordinator,
            department=world.acute,
            first=world.bea,
            second=world.ada,
            together=False,
        )
    assert DoctorPair.objects.count() == 1


def test_the_coordinator_sets_the_rules_on_the_pages_and_a_service_manager_sees_them(
    world, sign_in, night
):
    client = sign_in(world.coordinator)
    page = f"/rotas/departments/{world.acute.pk}/local-rules/"

    saved = client.post(page, {"max_nights_in_a_row": "3", "whole_weekends": "on"})
    added = client.post(
        f"{page}never-alone/add/", {"grades": ["FY1"], "shift_types": [str(night.pk)]}
    )
    paired = client.post(
        f"{page}pairs/add/",
        {"first": str(world.ada.pk), "second": str(world.bea.pk), "together": "0"},
    )

    assert [saved.status_code, added.status_code, paired.status_code] == [302, 302, 302]
    assert local_rules_of(world.acute.pk, START, END).max_nights_in_a_row == 3
    shown = page_text(sign_in(world.service_manager).get(page))
    assert "Most nights in a row 3" in shown
    assert "Whole weekends Yes" in shown
    assert "FY1" in shown
    assert "Never on the same shift" in shown
    assert "Save local rules" not in shown


def test_more_nights_in_a_row_than_the_contract_allows_says_so(world, sign_in):
    response = sign_in(world.coordinator).post(
        f"/rotas/departments/{world.acute.pk}/local-rules/", {"max_nights_in_a_row": "5"}
    )
    assert response.status_code == 200
    assert "The contract allows 4 nights in a row at most" in page_text(response)
    assert not DepartmentLocalRules.objects.exists()
