"""Claims pages: a doctor's own claims and the forms to make one; the claims waiting for a
department's coordinator; one claim, with its decision. A doctor never sees another's
claims (404), nor a coordinator another department's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.people.models import Doctor
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import add_service_errors, found

from . import selectors
from .forms import DecisionForm, ExpenseForm, ExtraDutyForm
from .presenters import claim_row, claim_rows
from .services import AlreadyDecided, claim_decide, expense_claim, extra_duty_claim, may_decide


def _doctor(request: AuthenticatedHttpRequest) -> Doctor:
    """The signed-in doctor: claims pages of one's own are a doctor's only."""
    if request.user.doctor is None:
        raise Http404
    return request.user.doctor


@login_required
@require_GET
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    doctor = _doctor(request)
    return render(
        request,
        "claims/mine.jinja",
        {"title": "Your claims", "rows": claim_rows(selectors.own_claims(doctor))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def extra_duty_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    doctor = _doctor(request)
    form = ExtraDutyForm(
        request.POST if request.method == "POST" else None,
        shifts=selectors.claimable_shifts(doctor),
    )
    if request.method == "POST" and form.is_valid():
        try:
            extra_duty_claim(actor=request.user, doctor=doctor, **form.cleaned_data)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Your extra duty claim is sent for approval")
            return redirect("claims:mine")
    return render(
        request,
        "claims/extra_duty_form.jinja",
        {"title": "Claim extra duty", "form": form, "page_errors": error_summary_items(form)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def expense_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    doctor = _doctor(request)
    form = ExpenseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            expense_claim(
                actor=request.user,
                doctor=doctor,
                expense_date=data["expense_date"],
                category=data["category"],
                amount_pence=data["amount"],
                description=data["description"],
            )
        except ValidationError as invalid:
            if hasattr(invalid, "error_dict") and "amount_pence" in invalid.error_dict:
                invalid.error_dict["amount"] = invalid.error_dict.pop("amount_pence")
            add_service_errors(form, invalid)
        else:
            messages.success(request, "Your expense claim is sent for approval")
            return redirect("claims:mine")
    return render(
        request,
        "claims/expense_form.jinja",
        {"title": "Claim an expense", "form": form, "page_errors": error_summary_items(form)},
    )


@login_required
@require_GET
def to_decide(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not selectors.decides_claims(request.user):
        raise Http404
    return render(
        request,
        "claims/to_decide.jinja",
        {
            "title": "Claims to approve",
            "rows": claim_rows(selectors.claims_to_decide(request.user)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim_detail(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    claim = found(selectors.visible_claim(request.user, claim_id))
    can_decide = may_decide(request.user, claim)
    form = DecisionForm(
        request.POST if request.method == "POST" else None, initial={"version": claim.version}
    )
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied("You may not decide this claim")
        if form.is_valid():
            try:
                claim_decide(
                    actor=request.user,
                    claim=claim,
                    approve=form.cleaned_data["decision"] == "approve",
                    reason=form.cleaned_data["reason"],
                    version=form.cleaned_data["version"],
                )
            except AlreadyDecided as late:
                messages.error(request, late.message)
                return redirect("claims:claim", claim.pk)
            except ValidationError as invalid:
                add_service_errors(form, invalid)
            else:
                verdict = "approved" if form.cleaned_data["decision"] == "approve" else "rejected"
                messages.success(request, f"The claim is {verdict}: {claim.doctor} is told")
                return redirect("claims:to-decide")
    return render(
        request,
        "claims/claim.jinja",
        {
            "title": "Claim",
            "row": claim_row(claim),
            "claim": claim,
            "own": request.user.doctor_id == claim.doctor_id,
            "can_decide": can_decide and claim.status == "waiting",
            "form": form,
            "page_errors": error_summary_items(form),
        },
    )
