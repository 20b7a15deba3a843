"""A department's cover requirements: how many doctors each shift needs on each weekday,
and dated overrides (a bank holiday, the night the clocks go back)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import add_service_errors, found

from ..models import WEEKDAYS
from ..selectors import coordinated_department, department_shift_types, visible_department
from .forms import DatedCoverForm, WeeklyCoverForm
from .presenters import SHORT_DAYS, dated_rows, weekly_rows
from .selectors import dated_cover, department_cover, department_shift_type, weekly_cover
from .services import cover_requirement_set, dated_cover_add, dated_cover_remove


@login_required
def cover(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = found(visible_department(request.user, department_id))
    rows = department_cover(department.pk)
    can_edit = access.can_edit_department_rotas(request.user, department.pk)
    return render(
        request,
        "rotas/cover.jinja",
        {
            "title": f"Cover requirements, {department.name}",
            "department": department,
            "can_edit": can_edit,
            "head": ["Shift"] + list(SHORT_DAYS) + (["Action"] if can_edit else []),
            "weekly": weekly_rows(department_shift_types(department.pk), rows),
            "dated": dated_rows(rows),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cover_edit(
    request: AuthenticatedHttpRequest, department_id: int, shift_id: int
) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
    shift = found(department_shift_type(department.pk, shift_id))
    initial: dict[str, int] = {}
    for day, row in weekly_cover(shift).items():
        initial |= {f"minimum_{day}": row.minimum, f"ideal_{day}": row.ideal}
    form = WeeklyCoverForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        cover_requirement_set(actor=request.user, shift_type=shift, weekly=form.weekly())
        messages.success(request, f"Cover for {shift.code} {shift.name} is saved")
        return redirect("rotas:cover", department.pk)
    return render(
        request,
        "rotas/cover_edit.jinja",
        {
            "title": f"Cover for {shift.code}, {department.name}",
            "department": department,
            "shift": shift,
            "form": form,
            "page_errors": error_summary_items(form),
            "days": [
                (name, form[f"minimum_{day}"], form[f"ideal_{day}"])
                for day, name in enumerate(WEEKDAYS)
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cover_date_add(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
    form = DatedCoverForm(
        request.POST if request.method == "POST" else None, department_id=department.pk
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dated_cover_add(
                actor=request.user,
                shift_type=data["shift_type"],
                date=data["date"],
                minimum=data["minimum"],
                ideal=data["ideal"],
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"Cover for {data['shift_type'].code} on that date is saved")
            return redirect("rotas:cover", department.pk)
    return render(
        request,
        "rotas/cover_date.jinja",
        {
            "title": f"Cover on one date, {department.name}",
            "department": department,
            "form": form,
            "page_errors": error_summary_items(form),
        },
    )


@login_required
@require_POST
def cover_date_remove(
    request: AuthenticatedHttpRequest, department_id: int, pk: int
) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
    dated_cover_remove(actor=request.user, cover=found(dated_cover(department.pk, pk)))
    messages.success(request, "The cover for that date is removed")
    return redirect("rotas:cover", department.pk)
