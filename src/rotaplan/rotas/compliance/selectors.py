"""A stored rota checked against the contract rules: through ``rules_adapter``, the one way
a stored rota reaches the engine, so the grid, the compliance page, publishing, the
comparison and a generation run all judge a rota alike.

The rules read each doctor's committed shifts on other rotas within two weeks of the period
(rest after a night elsewhere still matters), but a rota's report lists only the breaches
that involve at least one of its own shifts: one made wholly of another rota's shifts is
that rota's (``engine.breaches.involving``).

A report is kept in the cache under a digest of its whole input (``kept``): reading the
rows is one query, the check and its presentation are the cost the cache saves."""

from __future__ import annotations

from dataclasses import replace

from rotaplan.engine.breaches import involving
from rotaplan.engine.rules import check_rota
from rotaplan.engine.rules.local import local_breaches

from ..models import Rota
from ..rules_adapter import StoredRota, stored_rota
from .kept import cache_key, keep, recall
from .presenters import RotaCompliance, present_compliance


def rota_compliance(rota: Rota) -> RotaCompliance:
    """Every breach on ``rota`` and each of its doctors' figures, ready for a page."""
    stored = stored_rota(rota)
    key = cache_key(stored)
    compliance = recall(key)
    if compliance is None:
        compliance = judged(stored)
        keep(key, compliance)
    return compliance


def judged(stored: StoredRota) -> RotaCompliance:
    """The contract's breaches, and apart from them the department's local rules the
    rota's own shifts do not keep."""
    checked = stored.rota_shifts()
    own = stored.own_shifts()
    report = involving(check_rota(checked), own)
    local = local_breaches(replace(checked, shifts=tuple(own)), stored.local)
    return present_compliance(checked, replace(report, local=local))
