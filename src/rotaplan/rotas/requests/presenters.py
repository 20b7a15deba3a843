"""How rota requests read in the table of a requests page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from rotaplan.web.presenters import day as day_text
from rotaplan.web.presenters import period

from ..models import RequestKind, RotaRequest
from .forms import WEIGHTS


def request_rows(requests: Iterable[RotaRequest], back: str) -> list[dict[str, Any]]:
    return [
        {
            "request": r,
            "doctor": str(r.doctor),
            "what": (
                "Not to work"
                if r.kind == RequestKind.OFF
                else f"To work {r.shift_type.code if r.shift_type else ''}"
            ),
            "when": day_text(r.first_date)
            if r.first_date == r.last_date
            else period(r.first_date, r.last_date),
            "weight": dict(WEIGHTS)[r.weight],
            "note": r.note,
            "withdraw": reverse("rotas:request-withdraw", args=[r.pk]) + f"?next={back}",
        }
        for r in requests
    ]
