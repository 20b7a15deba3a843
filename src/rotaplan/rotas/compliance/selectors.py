"""A stored rota checked against the contract rules: through ``rules_adapter``, the one way
a stored rota reaches the engine, so the grid, the compliance page, publishing, the
comparison and a generation run all judge a rota alike."""

from __future__ import annotations

from rotaplan.engine.rules import check_rota

from ..models import Rota
from ..rules_adapter import engine_rota
from .presenters import RotaCompliance, present_compliance


def rota_compliance(rota: Rota) -> RotaCompliance:
    """Every breach on ``rota`` and each of its doctors' figures, ready for a page."""
    checked = engine_rota(rota)
    return present_compliance(checked, check_rota(checked))
