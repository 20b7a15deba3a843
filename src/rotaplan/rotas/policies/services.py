"""Writes of a department's choices on the policies stricter than the contract, as the
coordinator who makes them: in one transaction, checked, audited."""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction

from rotaplan.audit.actor import audited_as
from rotaplan.engine.solver.problem import Policy
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.models import User

from ..models import RotaPolicy


@transaction.atomic
def rota_policies_set(*, actor: User, department: Department, on: Collection[Policy]) -> None:
    """Keep ``on`` and switch every other policy off for the department's next rotas.
    Only the choices that change are written, so the audit log shows what changed.
    Raises ``PermissionDenied``."""
    access.require_rota_editor(actor, department.pk)
    held = {
        row.policy: row
        for row in RotaPolicy.objects.select_for_update().filter(department=department)
    }
    with audited_as(actor):
        for policy in Policy:
            wanted = policy in on
            row = held.get(policy.value)
            if row is None:
                if not wanted:
                    RotaPolicy.objects.create(department=department, policy=policy, on=False)
            elif row.on != wanted:
                row.on = wanted
                row.save()
