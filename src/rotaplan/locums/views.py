"""The locums pages: bookings and the gaps to book, a booking made, worked or cancelled, an
agency doctor's induction, and the locum spend report (the suppliers page is in
``supplier_views``). A department's coordinators book for it; its service managers see its
bookings and spend; medical staffing do both trust-wide; anyone else is told nothing (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from rotaplan.engine.clock import shift_bounds
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import add_service_errors, found

from . import selectors
from .costing import pounds
from .downloads import XLSX_TYPE, file_name, spend_csv, spend_xlsx
from .forms import BookingForm, CancelForm, SpendForm, default_period
from .models import InductionCheck, SupplierKind
from .presenters import booking_row, booking_rows, grade_words, spend_chart, times
from .presenters import spend_table_rows as spend_rows
from .services import (
    AlreadyDealtWith,
    booking_cancel,
    booking_make,
    booking_mark_worked,
    induction_missing,
    induction_step_done,
)


def _may_see(request: AuthenticatedHttpRequest) -> None:
    if not selectors.may_see_locums(request.user):
        raise Http404


@login_required
@require_GET
def bookings(request: AuthenticatedHttpRequest) -> HttpResponse:
    _may_see(request)
    today = timezone.localdate()
    can_book = selectors.books_locums(request.user)
    listed = selectors.recent_and_upcoming(request.user, today)
    return render(
        request,
        "locums/bookings.jinja",
        {
            "title": "Locum bookings",
            "rows": booking_rows(listed),
            "can_book": can_book,
            "gaps": [
                (g, times(g.start, g.end)) for g in selectors.gaps_to_book(request.user, today)
            ]
            if can_book
            else [],
            "due": selectors.inductions_due(request.user, today) if can_book else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    _may_see(request)
    if not selectors.books_locums(request.user):
        raise PermissionDenied("You do not book locums for any department")
    gap = None
    gap_id = request.GET.get("gap", "")
    if gap_id:
        gap = found(selectors.visible_gap(request.user, int(gap_id)) if gap_id.isdigit() else None)
    form = BookingForm(
        request.POST if request.method == "POST" else None,
        initial={"version": gap.version if gap else None, "reason": _reason_of(gap)},
        shifts=selectors.bookable_shift_types(request.user),
        suppliers=selectors.active_suppliers(),
        for_gap=gap is not None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra: dict[str, object] = {}
        if gap is None:
            start, end = shift_bounds(data["day"], data["shift"].start, data["shift"].end)
            extra = {
                "department": data["shift"].department,
                "shift_type": data["shift"],
                "start": start,
                "end": end,
            }
        try:
            booking = booking_make(
                actor=request.user,
                supplier=data["supplier"],
                locum_name=data["locum_name"],
                gmc_number=data["gmc_number"],
                grade=data["grade"],
                reason=data["reason"],
                note=data["note"],
                gap=gap,
                gap_version=data.get("version"),
                **extra,  # type: ignore[arg-type]
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        except AlreadyDealtWith as late:
            messages.error(request, late.message)
            return redirect("locums:bookings")
        else:
            messages.success(
                request,
                f"{booking.locum_name} is booked through {booking.supplier.name}: "
                f"{booking.hours} hours at {pounds(booking.hourly_rate_pence)} an hour, "
                f"{pounds(booking.cost_pence)}",
            )
            return redirect("locums:booking", booking.pk)
    return render(
        request,
        "locums/booking_form.jinja",
        {
            "title": "Book a locum",
            "form": form,
            "gap": gap,
            "gap_times": times(gap.start, gap.end) if gap else "",
            "page_errors": error_summary_items(form),
        },
    )


def _reason_of(gap: object) -> str:
    cause = getattr(gap, "cause", "")
    return cause if cause in {"leave", "sickness", "vacancy", "absence"} else "leave"


@login_required
@require_http_methods(["GET", "POST"])
def booking_detail(request: AuthenticatedHttpRequest, booking_id: int) -> HttpResponse:
    booking = found(selectors.visible_booking(request.user, booking_id))
    can_change = access.coordinates(request.user, booking.department_id)
    cancel_form = CancelForm(
        request.POST if request.POST.get("action") == "cancel" else None,
        initial={"version": booking.version},
    )
    problem = ""
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied("You do not coordinate this department's staffing")
        action = request.POST.get("action")
        version = _version(request.POST.get("version"))
        try:
            if action == "worked":
                booking_mark_worked(actor=request.user, booking=booking, version=version)
                messages.success(request, f"{booking.locum_name}'s shift is marked as worked")
                return redirect("locums:booking", booking.pk)
            if action == "cancel" and cancel_form.is_valid():
                booking_cancel(
                    actor=request.user,
                    booking=booking,
                    reason=cancel_form.cleaned_data["reason"],
                    version=version,
                )
                messages.success(
                    request,
                    "The booking is cancelled"
                    + (": its gap is open again" if booking.gap_id else ""),
                )
                return redirect("locums:booking", booking.pk)
        except AlreadyDealtWith as late:
            messages.error(request, late.message)
            return redirect("locums:booking", booking.pk)
        except ValidationError as invalid:
            if action == "cancel":
                add_service_errors(cancel_form, invalid)
            else:
                problem = " ".join(invalid.messages)
    missing = induction_missing(booking.gmc_number) if booking.is_agency else []
    page_errors = error_summary_items(cancel_form) + ([{"text": problem}] if problem else [])
    return render(
        request,
        "locums/booking_detail.jinja",
        {
            "title": f"Locum booking, {booking.locum_name}",
            "row": booking_row(booking),
            "booking": booking,
            "grade": grade_words(booking.grade),
            "can_change": can_change,
            "missing": missing,
            "cancel_form": cancel_form,
            "page_errors": page_errors,
        },
    )


def _version(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


@login_required
@require_http_methods(["GET", "POST"])
def induction(request: AuthenticatedHttpRequest, booking_id: int) -> HttpResponse:
    booking = found(selectors.visible_booking(request.user, booking_id))
    if booking.supplier.kind != SupplierKind.AGENCY:
        raise Http404
    can_change = access.coordinates(request.user, booking.department_id)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied("You do not coordinate this department's staffing")
        check = request.POST.get("check", "")
        try:
            step = induction_step_done(actor=request.user, booking=booking, check=check)
        except ValidationError as invalid:
            messages.error(request, " ".join(invalid.messages))
        else:
            messages.success(request, f"{step.get_check_done_display()}: recorded")
        return redirect("locums:induction", booking.pk)
    steps = selectors.induction_steps(booking.gmc_number)
    return render(
        request,
        "locums/induction.jinja",
        {
            "title": f"Induction, {booking.locum_name}",
            "booking": booking,
            "checks": [(check, steps.get(check.value)) for check in InductionCheck],
            "complete": len(steps) == len(InductionCheck),
            "can_change": can_change,
        },
    )


@login_required
@require_GET
def inductions_due(request: AuthenticatedHttpRequest) -> HttpResponse:
    _may_see(request)
    due = selectors.inductions_due(request.user, timezone.localdate())
    return render(
        request,
        "locums/inductions_due.jinja",
        {"title": "Inductions due", "due": [(b, times(b.start, b.end), m) for b, m in due]},
    )


def _spend_form(request: AuthenticatedHttpRequest) -> SpendForm:
    departments = selectors.spend_departments(request.user)
    start, end = default_period(timezone.localdate())
    data = request.GET.copy()
    for name, default in (("start", start), ("end", end)):
        if not any(f"{name}[{part}]" in data for part in ("day", "month", "year")):
            data[f"{name}[day]"], data[f"{name}[month]"], data[f"{name}[year]"] = (
                str(default.day),
                str(default.month),
                str(default.year),
            )
    return SpendForm(data, departments=departments)


@login_required
@require_GET
def spend(request: AuthenticatedHttpRequest) -> HttpResponse:
    _may_see(request)
    form = _spend_form(request)
    report = None
    if form.is_valid():
        chosen = form.cleaned_data["departments"] or selectors.spend_departments(request.user)
        report = selectors.locum_spend(
            department_ids=[d.pk for d in chosen],
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
    return render(
        request,
        "locums/spend.jinja",
        {
            "title": "Locum spend",
            "form": form,
            "report": report,
            "chart": spend_chart(report) if report else None,
            "tables": [
                (key, heading, spend_rows(lines)) for key, heading, lines in report.groupings()
            ]
            if report
            else [],
            "total": pounds(report.total.cost_pence) if report else "",
            "query": request.GET.urlencode(),
            "page_errors": error_summary_items(form),
        },
    )


@login_required
@require_GET
def spend_download(request: AuthenticatedHttpRequest, file_format: str) -> HttpResponse:
    _may_see(request)
    if file_format not in {"csv", "xlsx"}:
        raise Http404
    form = _spend_form(request)
    if not form.is_valid():
        return redirect(f"{reverse('locums:spend')}?{request.GET.urlencode()}")
    chosen = form.cleaned_data["departments"] or selectors.spend_departments(request.user)
    report = selectors.locum_spend(
        department_ids=[d.pk for d in chosen],
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
    )
    if file_format == "csv":
        response = HttpResponse(spend_csv(report), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(spend_xlsx(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name(report, file_format)}"'
    return response
