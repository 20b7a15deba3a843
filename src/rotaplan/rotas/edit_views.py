"""Pages that add a shift to a draft rota and take one off it.

Each change is checked against the rules before it is saved: one that would create a
breach is shown again with the breaches and saved only with a reason for going ahead
(``services.EditCreatesBreaches``), which is recorded and listed on the add page.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from markupsafe import Markup

from rotaplan.engine.clock import format_moment
from rotaplan.engine.compliance import Breach
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.people.models import Doctor
from rotaplan.web.nhs_forms import DateInputField, error_summary_items
from rotaplan.web.presenters import day as day_text

from . import selectors
from .models import Assignment, ComplianceOverride, Rota, ShiftType
from .presenters import rota_status_tag, shift_times
from .services import (
    EditCreatesBreaches,
    RotaChanged,
    assignment_create,
    assignment_remove,
    edit_refusal,
)
from .shift_import import RotaNotDraft

REASON_REQUIRED = "Enter a reason for going ahead"


class DoctorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Doctor) -> str:
        return f"{obj} ({obj.gmc_number})"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason for going ahead",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
    # The rota's version when the page was shown: a change since refuses the edit, so a
    # reason is only ever recorded for the breaches the coordinator saw.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ShiftAddForm(ReasonForm):
    doctor = DoctorChoiceField(
        queryset=Doctor.objects.none(), required=False, empty_label="Choose a doctor"
    )
    gmc_number = forms.CharField(
        label="Or a GMC number, for a doctor from another department",
        required=False,
        max_length=7,
    )
    date = DateInputField(label="Date", error_messages={"required": "Enter the date of the shift"})
    shift_type = forms.ModelChoiceField(
        label="Shift",
        queryset=ShiftType.objects.none(),
        error_messages={"required": "Choose a shift"},
    )
    # Which shift the breaches on the page were for (``edit_key``): a reason is not taken
    # for a different one, whose breaches have not been shown.
    shown = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, rota: Rota, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doctor"].queryset = department_doctors(rota)  # type: ignore[attr-defined]
        self.fields["shift_type"].queryset = ShiftType.objects.filter(  # type: ignore[attr-defined]
            department_id=rota.department_id
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        number = cleaned.get("gmc_number", "").strip()
        if number:
            doctor = Doctor.objects.filter(gmc_number=number).first()
            if doctor is None:
                self.add_error("gmc_number", f"There is no doctor with GMC number {number}")
            else:
                cleaned["doctor"] = doctor
        elif cleaned.get("doctor") is None and "doctor" not in self.errors:
            self.add_error("doctor", "Choose a doctor, or give their GMC number")
        return cleaned


def edit_key(data: dict[str, Any]) -> str:
    """The shift a form asks for, as text: doctor, date and shift type."""
    return f"{data['doctor'].pk}:{data['date'].isoformat()}:{data['shift_type'].pk}"


def department_doctors(rota: Rota) -> QuerySet[Doctor]:
    """The department's doctors in post during the rota, and anyone already on it."""
    in_post = Q(department_id=rota.department_id, post_start__lte=rota.period_end) & (
        Q(post_end__isnull=True) | Q(post_end__gte=rota.period_start)
    )
    on_rota = Q(pk__in=Assignment.objects.filter(rota=rota).values("doctor_id"))
    return Doctor.objects.filter(in_post | on_rota).order_by("last_name", "first_name", "pk")


def editable_rota(request: AuthenticatedHttpRequest, pk: int) -> Rota:
    """The rota, if the user may see it (else 404) and change it (else 403)."""
    rota = selectors.visible_rota(request.user, pk)
    if rota is None:
        raise Http404
    if not access.can_edit_department_rotas(request.user, rota.department_id):
        raise PermissionDenied("You may see this rota but not change it.")
    return rota


def grid_at(rota: Rota, day: date) -> str:
    return f"{reverse('rotas:rota-grid', args=[rota.pk])}?from={day.isoformat()}"


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """The service's errors on the form's fields, or on the whole form for any other."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def requested_day(rota: Rota, value: str | None) -> date:
    """``?day=YYYY-MM-DD`` within the rota, else its first day."""
    try:
        chosen = date.fromisoformat(value) if value else rota.period_start
    except ValueError:
        chosen = rota.period_start
    return min(max(chosen, rota.period_start), rota.period_end)


@login_required
@require_http_methods(["GET", "POST"])
def shift_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rota = editable_rota(request, pk)
    refusal = edit_refusal(rota)
    bound = request.method == "POST" and refusal is None
    form = ShiftAddForm(request.POST if bound else None, rota=rota)
    breaches: tuple[Breach, ...] = ()
    shown = ""
    if bound and form.is_valid():
        data = form.cleaned_data
        shown = edit_key(data)
        answering = "reason" in request.POST and data["shown"] == shown
        try:
            assignment_create(
                actor=request.user,
                rota=rota,
                doctor=data["doctor"],
                shift_type=data["shift_type"],
                date=data["date"],
                reason=data["reason"] if answering else "",
                version=data["version"],
            )
        except EditCreatesBreaches as breaking:
            breaches = breaking.breaches
            if answering:
                form.add_error("reason", REASON_REQUIRED)
        except (RotaNotDraft, RotaChanged) as refused:
            form.add_error(None, refused.message)
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(
                request,
                f"{data['doctor']} is on {data['shift_type'].code} on {day_text(data['date'])}",
            )
            return redirect(grid_at(rota, data["date"]))
    chosen = getattr(form, "cleaned_data", {}).get("date")
    shown_day = chosen or requested_day(rota, request.GET.get("day"))
    return render(
        request,
        "rotas/shift_add.jinja",
        {
            **page_basics(rota, form, breaches, refusal),
            "title": f"Add a shift, {rota.name}",
            "shown": shown,
            "day": shown_day,
            "day_head": [{"text": h} for h in DAY_HEAD[: 3 if refusal else 4]],
            "day_rows": day_rows(rota, shown_day, removable=refusal is None),
            "day_paging": day_paging(rota, shown_day),
            "override_rows": override_rows(rota),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def shift_remove(request: AuthenticatedHttpRequest, pk: int, assignment_id: int) -> HttpResponse:
    rota = editable_rota(request, pk)
    assignment = (
        Assignment.objects.filter(pk=assignment_id, rota=rota)
        .select_related("doctor", "shift_type")
        .first()
    )
    if assignment is None:
        raise Http404
    refusal = edit_refusal(rota)
    bound = request.method == "POST" and refusal is None
    form = ReasonForm(request.POST if bound else None)
    breaches: tuple[Breach, ...] = ()
    if bound and form.is_valid():
        try:
            assignment_remove(
                actor=request.user,
                assignment=assignment,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except EditCreatesBreaches as breaking:
            breaches = breaking.breaches
            if "reason" in request.POST:
                form.add_error("reason", REASON_REQUIRED)
        except (RotaNotDraft, RotaChanged) as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                f"{assignment.doctor} is no longer on {assignment.shift_type.code} on "
                f"{day_text(assignment.date)}",
            )
            return redirect(grid_at(rota, assignment.date))
    return render(
        request,
        "rotas/shift_remove.jinja",
        {
            **page_basics(rota, form, breaches, refusal),
            "title": f"Remove a shift, {rota.name}",
            "assignment": assignment,
            "shift": shift_summary(assignment),
            "back": f"{reverse('rotas:shift-add', args=[rota.pk])}?day={assignment.date}",
        },
    )


def page_basics(
    rota: Rota, form: forms.Form, breaches: tuple[Breach, ...], refusal: str | None
) -> dict[str, Any]:
    return {
        "rota": rota,
        "status": rota_status_tag(rota.status),
        "refusal": refusal,
        "form": form,
        "page_errors": error_summary_items(form),
        "breach_messages": [b.message for b in breaches],
        "asking_reason": bool(breaches),
    }


def shift_summary(assignment: Assignment) -> list[dict[str, Any]]:
    """Summary list rows describing one shift."""
    return [
        {"key": {"text": "Doctor"}, "value": {"text": str(assignment.doctor)}},
        {"key": {"text": "Date"}, "value": {"text": day_text(assignment.date)}},
        {
            "key": {"text": "Shift"},
            "value": {"text": f"{assignment.shift_type.code} {assignment.shift_type.name}"},
        },
        {"key": {"text": "Times"}, "value": {"text": shift_times(assignment)}},
    ]


DAY_HEAD = ("Doctor", "Shift", "Times", "Action")


def day_rows(rota: Rota, day: date, *, removable: bool) -> list[list[dict[str, Any]]]:
    """The rota's shifts on ``day``, each with a link to remove it if it can be removed,
    for the table macro."""
    assignments = (
        Assignment.objects.filter(rota=rota, date=day)
        .select_related("doctor", "shift_type")
        .order_by("start", "doctor__last_name")
    )
    return [
        [
            {"text": str(a.doctor)},
            {"text": a.shift_type.code},
            {"text": shift_times(a)},
        ]
        + ([{"html": remove_link(rota, a)}] if removable else [])
        for a in assignments
    ]


def remove_link(rota: Rota, assignment: Assignment) -> str:
    href = reverse("rotas:shift-remove", args=[rota.pk, assignment.pk])
    hidden = f" {assignment.doctor} {assignment.shift_type.code}"
    return Markup('<a href="{}">Remove<span class="nhsuk-u-visually-hidden">{}</span></a>').format(
        href, hidden
    )


def day_paging(rota: Rota, day: date) -> dict[str, Any] | None:
    """Previous and next day links for the pagination macro, within the rota."""
    base = reverse("rotas:shift-add", args=[rota.pk])
    params: dict[str, Any] = {}
    before, after = day - timedelta(days=1), day + timedelta(days=1)
    if before >= rota.period_start:
        params["previous"] = {"href": f"{base}?day={before}", "labelText": day_text(before)}
    if after <= rota.period_end:
        params["next"] = {"href": f"{base}?day={after}", "labelText": day_text(after)}
    return params or None


def override_rows(rota: Rota) -> list[list[dict[str, Any]]]:
    """Changes saved despite breaches, newest first: when, who, what, the breaches, why."""
    overrides = ComplianceOverride.objects.filter(rota=rota).select_related("made_by")
    return [
        [
            {"text": format_moment(o.made_at)},
            {"text": o.made_by.get_full_name() or o.made_by.username},
            {"text": o.change},
            {"text": " ".join(str(b.get("message", "")) for b in o.breaches)},
            {"text": o.reason},
        ]
        for o in overrides
    ]
