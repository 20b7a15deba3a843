"""Reads of a department's choices on the policies stricter than the contract."""

from __future__ import annotations

from rotaplan.engine.solver.problem import Policy

from ..models import RotaPolicy


def department_policies(department_id: int) -> frozenset[Policy]:
    """The policies the department keeps: every one it has not switched off."""
    off = RotaPolicy.objects.filter(department_id=department_id, on=False)
    return frozenset(Policy) - {Policy(p) for p in off.values_list("policy", flat=True)}
