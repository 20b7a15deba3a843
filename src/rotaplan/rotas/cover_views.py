"""A department's cover requirements: how many doctors each shift needs on each weekday,
and dated overrides (a bank holiday, the night the clocks go back)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rotaplan.audit.actor import audited_as
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import DateInputField, error_summary_items

from .generation_views import coordinated_department, viewable_department
from .models import WEEKDAYS, CoverRequirement, ShiftType

SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
IDEAL_BELOW = "The ideal must be at least the minimum"


def cover_text(row: CoverRequirement | None) -> str:
    if row is None:
        return "-"
    return str(row.minimum) if row.minimum == row.ideal else f"{row.minimum} to {row.ideal}"


@login_required
def cover(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = viewable_department(request, department_id)
    shift_types = list(ShiftType.objects.filter(department=department))
    rows = list(CoverRequirement.objects.filter(department=department).select_related("shift_type"))
    weekly = {(r.shift_type_id, r.weekday): r for r in rows if r.date is None}
    can_edit = access.can_edit_department_rotas(request.user, department.pk)
    return render(
        request,
        "rotas/cover.jinja",
        {
            "title": f"Cover requirements, {department.name}",
            "department": department,
            "can_edit": can_edit,
            "head": ["Shift"] + list(SHORT_DAYS) + (["Action"] if can_edit else []),
            "weekly": [
                (
                    shift,
                    [cover_text(weekly.get((shift.pk, day))) for day in range(7)],
                )
                for shift in shift_types
            ],
            "dated": sorted(
                (r for r in rows if r.date is not None), key=lambda r: (r.date, r.shift_type.code)
            ),
        },
    )


class WeeklyCoverForm(forms.Form):
    """Minimum and ideal for each weekday: ``minimum_0`` ... ``ideal_6``; both empty for a
    day the shift does not run."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day, name in enumerate(WEEKDAYS):
            for part in ("minimum", "ideal"):
                self.fields[f"{part}_{day}"] = forms.IntegerField(
                    label=f"{name} {part}",
                    required=False,
                    min_value=0,
                    max_value=50,
                    error_messages={
                        "invalid": f"Enter the {part} for {name} as a whole number",
                        "min_value": f"The {part} for {name} cannot be below 0",
                        "max_value": f"The {part} for {name} must be 50 or fewer",
                    },
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for day, name in enumerate(WEEKDAYS):
            low, high = cleaned.get(f"minimum_{day}"), cleaned.get(f"ideal_{day}")
            if low is not None and high is not None and high < low:
                self.add_error(f"ideal_{day}", f"{IDEAL_BELOW} on {name}")
        return cleaned


@login_required
@require_http_methods(["GET", "POST"])
def cover_edit(
    request: AuthenticatedHttpRequest, department_id: int, shift_id: int
) -> HttpResponse:
    department = coordinated_department(request, department_id)
    shift = ShiftType.objects.filter(department=department, pk=shift_id).first()
    if shift is None:
        raise Http404
    existing = {
        r.weekday: r for r in CoverRequirement.objects.filter(shift_type=shift, date__isnull=True)
    }
    initial = {}
    for day, row in existing.items():
        initial[f"minimum_{day}"] = row.minimum
        initial[f"ideal_{day}"] = row.ideal
    form = WeeklyCoverForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with audited_as(request.user):
            for day in range(7):
                low = form.cleaned_data[f"minimum_{day}"]
                high = form.cleaned_data[f"ideal_{day}"]
                held = existing.get(day)
                if low is None and high is None:
                    if held is not None:
                        held.delete()
                    continue
                low = low if low is not None else high
                high = high if high is not None else low
                if held is None:
                    CoverRequirement.objects.create(
                        department=department,
                        shift_type=shift,
                        weekday=day,
                        minimum=low,
                        ideal=high,
                    )
                elif (held.minimum, held.ideal) != (low, high):
                    held.minimum, held.ideal = low, high
                    held.save()
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


class DatedCoverForm(forms.Form):
    shift_type = forms.ModelChoiceField(
        label="Shift",
        queryset=ShiftType.objects.none(),
        error_messages={"required": "Choose a shift"},
    )
    date = DateInputField(label="Date", error_messages={"required": "Enter the date"})
    minimum = forms.IntegerField(
        label="Minimum",
        min_value=0,
        max_value=50,
        error_messages={
            "required": "Enter the minimum",
            "invalid": "Enter the minimum as a whole number",
        },
    )
    ideal = forms.IntegerField(
        label="Ideal",
        min_value=0,
        max_value=50,
        error_messages={
            "required": "Enter the ideal",
            "invalid": "Enter the ideal as a whole number",
        },
    )

    def __init__(self, *args: Any, department_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.department_id = department_id
        self.fields["shift_type"].queryset = ShiftType.objects.filter(  # type: ignore[attr-defined]
            department_id=department_id
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("minimum"), cleaned.get("ideal")
        if low is not None and high is not None and high < low:
            self.add_error("ideal", IDEAL_BELOW)
        shift, day = cleaned.get("shift_type"), cleaned.get("date")
        if shift and day and CoverRequirement.objects.filter(shift_type=shift, date=day).exists():
            self.add_error("date", f"{shift.code} already has cover set for that date")
        return cleaned


@login_required
@require_http_methods(["GET", "POST"])
def cover_date_add(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = coordinated_department(request, department_id)
    form = DatedCoverForm(
        request.POST if request.method == "POST" else None, department_id=department.pk
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with audited_as(request.user):
            CoverRequirement.objects.create(
                department=department,
                shift_type=data["shift_type"],
                date=data["date"],
                minimum=data["minimum"],
                ideal=data["ideal"],
            )
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
    department = coordinated_department(request, department_id)
    row = CoverRequirement.objects.filter(department=department, pk=pk, date__isnull=False).first()
    if row is None:
        raise Http404
    with audited_as(request.user):
        row.delete()
    messages.success(request, "The cover for that date is removed")
    return redirect("rotas:cover", department.pk)
