"""The page that publishes a draft rota, once the coordinator has seen its compliance and
any clash with shifts already published."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.pages import found

from ..compliance import rota_compliance
from ..models import RotaStatus
from ..presenters import rota_status_tag
from ..refusals import RotaChanged, RotaNotDraft
from ..selectors import editable_rota
from .selectors import publish_clashes, shift_count
from .services import PublishClashes, rota_publish

NOT_YOURS = "You may see this rota but not publish it."


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rota = found(editable_rota(request.user, pk, refusal=NOT_YOURS))
    errors: list[str] = []
    if request.method == "POST":
        version = request.POST.get("version", "")
        try:
            rota_publish(
                actor=request.user,
                rota=rota,
                version=int(version) if version.isdigit() else None,
            )
        except (RotaNotDraft, RotaChanged) as refused:
            errors.append(refused.message)
        except PublishClashes as clashing:
            errors.extend(clashing.clashes)
        else:
            messages.success(request, f"{rota.name} is published")
            return redirect("rotas:rota-grid", rota.pk)
    draft = rota.status == RotaStatus.DRAFT
    return render(
        request,
        "rotas/publish.jinja",
        {
            "title": f"Publish {rota.name}",
            "rota": rota,
            "status": rota_status_tag(rota.status),
            "draft": draft,
            "compliance": rota_compliance(rota),
            "shift_count": shift_count(rota),
            "clashes": publish_clashes(rota) if draft and not errors else [],
            "errors": errors,
            "page_errors": [{"text": e} for e in errors],
        },
    )
