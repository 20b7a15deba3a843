"""A published rota's changes, version by version: for everyone who may see the rota."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.pages import found

from ..selectors import visible_rota
from .presenters import change_views
from .selectors import rota_changes


@login_required
@require_GET
def rota_changes_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rota = found(visible_rota(request.user, pk))
    return render(
        request,
        "rotas/rota_changes.jinja",
        {
            "title": f"Changes to {rota.name}",
            "rota": rota,
            "changes": change_views(rota_changes(rota)),
        },
    )
