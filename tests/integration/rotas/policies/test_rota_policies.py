"""A department's policies stricter than the contract: on until its coordinator switches
one off, each change audited, seen by its service managers, and part of the problem the
generator is given."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from rotaplan.engine.solver.problem import Policy
from rotaplan.rotas.generation.problem import problem_from_department
from rotaplan.rotas.models import RotaPolicy
from rotaplan.rotas.policies.selectors import department_policies
from rotaplan.rotas.policies.services import rota_policies_set
from tests.integration.rotas.audit_entries import entries_for
from tests.integration.rotas.generation.generation_world import END, START, make_ward
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_every_policy_is_on_until_switched_off_and_each_change_is_audited(world):
    assert department_policies(world.acute.pk) == frozenset(Policy)

    kept = frozenset(Policy) - {Policy.LTFT_HOURS_PRO_RATA}
    rota_policies_set(actor=world.coordinator, department=world.acute, on=kept)

    assert department_policies(world.acute.pk) == kept
    row = RotaPolicy.objects.get()
    [made] = entries_for(RotaPolicy, row.pk, LogEntry.Action.CREATE)
    assert made.actor == world.coordinator
    rota_policies_set(actor=world.coordinator, department=world.acute, on=set(Policy))
    assert department_policies(world.acute.pk) == frozenset(Policy)
    [changed] = entries_for(RotaPolicy, row.pk, LogEntry.Action.UPDATE)
    assert changed.changes_dict["on"] == ["False", "True"]


@pytest.mark.parametrize("user", ["cardiology_coordinator", "service_manager", "nobody"])
def test_policies_are_switched_by_the_departments_coordinator_only(world, user):
    with pytest.raises(PermissionDenied):
        rota_policies_set(actor=getattr(world, user), department=world.acute, on=set())
    assert not RotaPolicy.objects.exists()


def test_the_coordinator_switches_a_policy_off_on_the_page(world, sign_in):
    client = sign_in(world.coordinator)
    page = f"/rotas/departments/{world.acute.pk}/policies/"
    text = page_text(client.get(page))
    assert "Two whole days off in every fortnight" in text

    response = client.post(page, {"kept": ["whole_free_days"]})

    assert response.status_code == 302
    assert department_policies(world.acute.pk) == {Policy.WHOLE_FREE_DAYS}
    shown = page_text(sign_in(world.service_manager).get(page))
    assert "Less-than-full-time doctors' hours held to their WTE Off." in shown
    assert "Night workers' average of 8 hours in 24 Off." in shown
    assert "Save policies" not in shown


def test_the_generator_is_given_the_departments_policies():
    ward = make_ward()
    rota_policies_set(actor=ward.coordinator, department=ward.department, on=set())

    problem = problem_from_department(ward.department, START, END)

    assert problem.policies == frozenset()
