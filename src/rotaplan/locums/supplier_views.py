"""The suppliers page and what medical staffing do on it: add the bank or an agency, add a
rate to a card, end a rate. Coordinators and service managers read the page; only medical
staffing and administrators change it (anyone else who reads it is refused, 403); anyone
who may not read it is told nothing (404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rotaplan.engine.clock import format_day
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import choice_items, error_summary_items
from rotaplan.web.pages import add_service_errors, found

from . import selectors
from .costing import pounds
from .presenters import rate_row
from .rate_card_forms import EndRateForm, RateForm, SupplierForm
from .rate_cards import NOT_STAFFING, rate_add, rate_end, rate_words, supplier_add


def _may_keep(request: AuthenticatedHttpRequest) -> None:
    """Readers of the page who may not change it are refused; anyone else told nothing."""
    if not selectors.may_see_locums(request.user):
        raise Http404
    if not access.is_trust_wide(request.user):
        raise PermissionDenied(NOT_STAFFING)


def _end_form(supplier_id: int, data: QueryDict | None = None) -> EndRateForm:
    return EndRateForm(
        data,
        rates=selectors.rates_of(supplier_id),
        prefix=f"end-{supplier_id}",
    )


def _page(request: AuthenticatedHttpRequest, bound: EndRateForm | None = None) -> HttpResponse:
    can_keep = access.is_trust_wide(request.user)
    listed = []
    for supplier, rates in selectors.suppliers_with_rates():
        end_form: EndRateForm | None = None
        end_items: list[dict[str, Any]] = []
        open_ids = {str(rate.pk) for rate in rates if rate.effective_to is None}
        mine = bound is not None and bound.prefix == f"end-{supplier.pk}"
        if can_keep and (open_ids or mine):
            end_form = bound if bound is not None and mine else _end_form(supplier.pk)
            end_items = [
                item for item in choice_items(end_form["rate"]) if item["value"] in open_ids
            ]
        listed.append((supplier, [rate_row(r) for r in rates], end_form, end_items))
    return render(
        request,
        "locums/suppliers.jinja",
        {
            "title": "Bank, agencies and their rates",
            "suppliers": listed,
            "can_keep": can_keep,
            "page_errors": error_summary_items(bound) if bound is not None else [],
        },
    )


@login_required
@require_GET
def suppliers(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not selectors.may_see_locums(request.user):
        raise Http404
    return _page(request)


@login_required
@require_http_methods(["GET", "POST"])
def supplier_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    _may_keep(request)
    form = SupplierForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            supplier = supplier_add(actor=request.user, **form.cleaned_data)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(
                request,
                f"{supplier.name} is added: add its rates so locums can be booked through it",
            )
            return redirect("locums:suppliers")
    return render(
        request,
        "locums/supplier_form.jinja",
        {
            "title": "Add a bank or agency",
            "form": form,
            "page_errors": error_summary_items(form),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rate_new(request: AuthenticatedHttpRequest, supplier_id: int) -> HttpResponse:
    _may_keep(request)
    supplier = found(selectors.supplier(supplier_id))
    form = RateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            added = rate_add(actor=request.user, supplier=supplier, **form.cleaned_data)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            rate = added.rate
            said = (
                f"The rate for {rate_words(rate.tier, rate.hours_kind)} through {supplier.name} "
                f"is added: {pounds(rate.hourly_rate_pence)} an hour from "
                f"{format_day(rate.effective_from)}"
            )
            if added.ended is not None and added.ended.effective_to is not None:
                said += (
                    f". The rate before it ({pounds(added.ended.hourly_rate_pence)} an hour "
                    f"from {format_day(added.ended.effective_from)}) now ends the day before, "
                    f"on {format_day(added.ended.effective_to)}"
                )
            messages.success(request, said)
            return redirect("locums:suppliers")
    return render(
        request,
        "locums/rate_form.jinja",
        {
            "title": f"Add a rate, {supplier.name}",
            "supplier": supplier,
            "form": form,
            "page_errors": error_summary_items(form),
        },
    )


@login_required
@require_POST
def rate_finish(request: AuthenticatedHttpRequest, supplier_id: int) -> HttpResponse:
    _may_keep(request)
    supplier = found(selectors.supplier(supplier_id))
    form = _end_form(supplier.pk, request.POST)
    if form.is_valid():
        rate = form.cleaned_data["rate"]
        try:
            ended = rate_end(actor=request.user, rate=rate, last_day=form.cleaned_data["last_day"])
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(
                request,
                f"The rate for {rate_words(ended.tier, ended.hours_kind)} through "
                f"{supplier.name} ({pounds(ended.hourly_rate_pence)} an hour) now ends on "
                f"{format_day(form.cleaned_data['last_day'])}. Bookings already made keep "
                "their rate and cost.",
            )
            return redirect("locums:suppliers")
    return _page(request, bound=form)
