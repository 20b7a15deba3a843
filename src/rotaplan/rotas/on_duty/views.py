"""The "who is on" page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from rotaplan.people.access import AuthenticatedHttpRequest

from .presenters import department_panel
from .selectors import on_duty


@login_required
def on_duty_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every department the user may see, now and next; contacts as their role allows.
    Someone who sees no department's rotas (a doctor) has no such page."""
    moment = timezone.now()
    found = on_duty(request.user, moment)
    if not found:
        raise Http404
    return render(
        request,
        "rotas/on_duty.jinja",
        {"title": "Who is on now", "panels": [department_panel(e) for e in found]},
    )
