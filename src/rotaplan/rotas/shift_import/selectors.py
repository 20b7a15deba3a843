"""Reads for ``rotaplan import-rota``, which runs as a named user or as the system: the
rota is found by id alone, and the service checks who may change it."""

from __future__ import annotations

from ..models import Rota


def rota_with_id(rota_id: int) -> Rota | None:
    return Rota.objects.select_related("department").filter(pk=rota_id).first()
