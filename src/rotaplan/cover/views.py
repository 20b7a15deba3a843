"""The gap register and a gap's page, for the coordinators who fill gaps (and the service
managers who read them); the offer page, for the doctor asked. Anyone else is told
nothing: a gap or an offer outside their scope is a 404 like one that does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import add_service_errors, found
from rotaplan.web.pagination import pagination_params

from . import gap_page
from .downloads import csv_bytes, xlsx_bytes
from .forms import AnswerForm, CancelForm, RegisterFilterForm
from .presenters import HEADINGS, offer_summary, register_rows, register_values
from .selectors import (
    GapFilter,
    coordinated_gap,
    department_doctors,
    gap_offer_for,
    gap_register,
    may_see_gaps,
    own_offer,
    register_departments,
    visible_gap,
)
from .services import CannotTake, GapChanged, gap_cancel, gap_offer, offer_answer

GAPS_PER_PAGE = 50


def _filtered(request: AuthenticatedHttpRequest) -> tuple[RegisterFilterForm, GapFilter]:
    if not may_see_gaps(request.user):
        raise Http404
    form = RegisterFilterForm(request.GET or None, departments=register_departments(request.user))
    wanted = GapFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        wanted = GapFilter(
            department_id=data["department"].pk if data["department"] else None,
            status=data["status"] or None,
            start=data["start"],
            end=data["end"],
        )
    return form, wanted


@login_required
@require_GET
def register(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, wanted = _filtered(request)
    page = Paginator(gap_register(request.user, wanted), GAPS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cover/register.jinja",
        {
            "title": "Gap register",
            "form": form,
            "page": page,
            "rows": register_rows(page.object_list),
            "pagination": pagination_params(page, request.GET),
            "query": query.urlencode(),
            "page_errors": error_summary_items(form) if form.is_bound else [],
        },
    )


@login_required
@require_GET
def register_download(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    form, wanted = _filtered(request)
    if form.is_bound and not form.is_valid():
        messages.error(request, "Correct the filters before downloading")
        return redirect(f"{reverse('cover:register')}?{request.GET.urlencode()}")
    rows = [register_values(g) for g in gap_register(request.user, wanted)]
    if fmt == "csv":
        response = HttpResponse(csv_bytes(HEADINGS, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            xlsx_bytes("Gap register", HEADINGS, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="gap-register.{fmt}"'
    return response


@login_required
@require_GET
def gap_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    gap = found(visible_gap(request.user, pk))
    return render(request, "cover/gap.jinja", gap_page.page(request.user, gap))


@login_required
@require_POST
def gap_offer_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    gap = found(coordinated_gap(request.user, pk))
    form, candidates = gap_page.offer_form(gap, request.POST)
    if form.is_valid():
        try:
            offers = gap_offer(
                actor=request.user,
                gap=gap,
                doctors=department_doctors(gap, form.cleaned_data["doctors"]),
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
            )
        except GapChanged as changed:
            messages.error(request, changed.message)
            return redirect("cover:gap", gap.pk)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            count = len(offers)
            messages.success(
                request, f"The shift is offered to {count} doctor{'' if count == 1 else 's'}"
            )
            return redirect("cover:gap", gap.pk)
    context = gap_page.page(request.user, gap, offering=form, candidates=candidates)
    return render(request, "cover/gap.jinja", context)


@login_required
@require_POST
def gap_phone_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    gap = found(coordinated_gap(request.user, pk))
    form = gap_page.phone_form(gap, gap_page.gap_offers(gap), request.POST)
    if form.is_valid():
        offer = found(gap_offer_for(gap, form.cleaned_data["offer"]))
        try:
            offer_answer(actor=request.user, offer=offer, accept=form.cleaned_data["accept"])
        except (GapChanged, CannotTake) as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request,
                f"{offer.doctor} takes the shift: it is on the rota"
                if form.cleaned_data["accept"]
                else f"{offer.doctor}'s answer is recorded: they cannot work it",
            )
        return redirect("cover:gap", gap.pk)
    return render(request, "cover/gap.jinja", gap_page.page(request.user, gap, phoned=form))


@login_required
@require_http_methods(["GET", "POST"])
def gap_cancel_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    gap = found(coordinated_gap(request.user, pk))
    form = CancelForm(
        request.POST if request.method == "POST" else None, initial={"version": gap.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            gap_cancel(actor=request.user, gap=gap, **form.cleaned_data)
        except GapChanged as changed:
            messages.error(request, changed.message)
            return redirect("cover:gap", gap.pk)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "The gap is cancelled")
            return redirect("cover:gap", gap.pk)
    return render(
        request,
        "cover/gap_cancel.jinja",
        {
            "title": "Cancel a gap",
            "gap": gap,
            "form": form,
            "page_errors": error_summary_items(form),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = found(own_offer(request.user, pk))
    form = AnswerForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            answered = offer_answer(
                actor=request.user, offer=offer, accept=form.cleaned_data["accept"]
            )
        except GapChanged as changed:
            form.add_error(None, changed.message)
            status = 409
        except CannotTake as refused:
            form.add_error(None, refused.message)
            status = 409
        else:
            messages.success(
                request,
                "Thank you: the shift is yours and on your rota"
                if answered.status == "accepted"
                else "Thank you: your answer is sent",
            )
            return redirect("cover:offer", offer.pk)
        offer = found(own_offer(request.user, pk))
    return render(
        request,
        "cover/offer.jinja",
        {
            "title": "An extra shift offered to you",
            "offer": offer,
            "summary": offer_summary(offer),
            "form": form,
            "page_errors": error_summary_items(form),
        },
        status=status,
    )
