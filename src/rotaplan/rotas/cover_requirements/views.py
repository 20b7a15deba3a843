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
from .forms import CoverMixForm, DatedCoverForm, WeeklyCoverForm
from .presenters import SHORT_DAYS, dated_rows, mixes_by_shift, weekly_rows
from .selectors import (
    dated_cover,
    department_cover,
    department_mix,
    department_mixes,
    department_shift_type,
    weekly_cover,
)
from .services import (
    cover_mix_add,
    cover_mix_remove,
    cover_requirement_set,
    dated_cover_add,
    dated_cover_remove,
)


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
            "mixes": mixes_by_shift(department_mixes(department.pk)),
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


@login_required
@require_http_methods(["GET", "POST"])
def cover_mix_new(
    request: AuthenticatedHttpRequest, department_id: int, shift_id: int
) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
    shift = found(department_shift_type(department.pk, shift_id))
    form = CoverMixForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cover_mix_add(
                actor=request.user,
                shift_type=shift,
                at_least=data["at_least"],
                grades=data["grades"],
                competencies=[c.code for c in data["competencies"]],
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"{shift.code} {shift.name} now needs that mix of doctors")
            return redirect("rotas:cover", department.pk)
    return render(
        request,
        "rotas/cover_mix.jinja",
        {
            "title": f"Doctors {shift.code} must include, {department.name}",
            "department": department,
            "shift": shift,
            "form": form,
            "page_errors": error_summary_items(form),
        },
    )


@login_required
@require_POST
def cover_mix_delete(
    request: AuthenticatedHttpRequest, department_id: int, pk: int
) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
    cover_mix_remove(actor=request.user, mix=found(department_mix(department.pk, pk)))
    messages.success(request, "That part of the cover is removed")
    return redirect("rotas:cover", department.pk)
