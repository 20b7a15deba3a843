"""The audit log: who changed what, from what to what, and when."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.pagination import pagination_params

from .forms import AuditFilterForm
from .presenters import log_rows
from .selectors import log_entries, related_names

ENTRIES_PER_PAGE = 50


@login_required
def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.can_view_audit(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET)
    form.is_valid()
    entries = log_entries(
        content_type=form.cleaned_data.get("content_type"), actor=form.cleaned_data.get("actor")
    )
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    return render(
        request,
        "audit/log.jinja",
        {
            "title": "Audit log",
            "form": form,
            "page": page,
            "rows": log_rows(shown, related_names(shown)),
            "pagination": pagination_params(page, request.GET),
        },
    )
