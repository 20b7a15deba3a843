"""A stored rota checked against the contract rules: through ``rules_adapter``, the one way
a stored rota reaches the engine, so the grid, the compliance page, publishing, the
comparison and a generation run all judge a rota alike.

The rules read each doctor's committed shifts on other rotas within two weeks of the period
(rest after a night elsewhere still matters), but a rota's report lists only the breaches
that involve at least one of its own shifts: one made wholly of another rota's shifts is
that rota's (``engine.breaches.involving``)."""

from __future__ import annotations

from rotaplan.engine.breaches import involving
from rotaplan.engine.rules import check_rota

from ..models import Rota
from ..rules_adapter import stored_rota
from .presenters import RotaCompliance, present_compliance


def rota_compliance(rota: Rota) -> RotaCompliance:
    """Every breach on ``rota`` and each of its doctors' figures, ready for a page."""
    stored = stored_rota(rota)
    checked = stored.rota_shifts()
    return present_compliance(checked, involving(check_rota(checked), stored.own_shifts()))
