"""A published rota's history of versions."""

from __future__ import annotations

from ..models import Rota, RotaChange


def rota_changes(rota: Rota) -> list[RotaChange]:
    """Newest first, with who made each."""
    return list(RotaChange.objects.filter(rota=rota).select_related("made_by"))
