"""Doctors' requests for the next rota ("not this weekend"): a doctor enters and withdraws
their own; a coordinator sees and enters them for their department's doctors. The rota
generator honours them where it can and says which it could not."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from rotaplan.audit.actor import audited_as
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.people.models import Doctor
from rotaplan.web.nhs_forms import DateInputField, error_summary_items
from rotaplan.web.presenters import day as day_text
from rotaplan.web.presenters import period

from .generation_views import coordinated_department
from .models import RequestKind, RotaRequest, ShiftType

WEIGHTS = [(1, "A preference"), (2, "Important"), (3, "Very important")]


class RotaRequestForm(forms.Form):
    doctor = forms.ModelChoiceField(
        label="Doctor",
        queryset=Doctor.objects.none(),
        required=False,
        error_messages={"required": "Choose the doctor"},
    )
    kind = forms.ChoiceField(
        label="What is the request",
        choices=RequestKind.choices,
        initial=RequestKind.OFF,
        error_messages={"required": "Choose what the request is"},
    )
    first_date = DateInputField(
        label="First day", error_messages={"required": "Enter the first day"}
    )
    last_date = DateInputField(
        label="Last day", required=False, error_messages={"required": "Enter the last day"}
    )
    shift_type = forms.ModelChoiceField(
        label="Shift wanted",
        queryset=ShiftType.objects.none(),
        required=False,
        empty_label="Choose a shift",
    )
    weight = forms.TypedChoiceField(
        label="How important is it",
        choices=WEIGHTS,
        coerce=int,
        initial=1,
        error_messages={"required": "Choose how important it is"},
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=200)

    def __init__(self, *args: Any, doctors: QuerySet[Doctor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.doctors = doctors
        self.fields["doctor"].queryset = doctors  # type: ignore[attr-defined]
        self.fields["doctor"].required = doctors.count() > 1
        departments = doctors.values("department_id")
        self.fields["shift_type"].queryset = ShiftType.objects.filter(  # type: ignore[attr-defined]
            department_id__in=departments
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("doctor") is None and not self.fields["doctor"].required:
            cleaned["doctor"] = self.doctors.first()
        first, last = cleaned.get("first_date"), cleaned.get("last_date")
        if first is not None and last is None and "last_date" not in self.errors:
            cleaned["last_date"] = last = first
        if first is not None and last is not None and last < first:
            self.add_error("last_date", "The last day must be on or after the first day")
        if first is not None and first < timezone.localdate():
            self.add_error("first_date", "The first day must be today or later")
        shift = cleaned.get("shift_type")
        doctor = cleaned.get("doctor")
        if cleaned.get("kind") == RequestKind.ON:
            if shift is None:
                self.add_error("shift_type", "Choose the shift wanted")
            elif doctor is not None and shift.department_id != doctor.department_id:
                self.add_error("shift_type", "Choose a shift of the doctor's department")
        else:
            cleaned["shift_type"] = None
        return cleaned


def request_rows(requests: QuerySet[RotaRequest], back: str) -> list[dict[str, Any]]:
    return [
        {
            "request": r,
            "doctor": str(r.doctor),
            "what": (
                "Not to work"
                if r.kind == RequestKind.OFF
                else f"To work {r.shift_type.code if r.shift_type else ''}"
            ),
            "when": day_text(r.first_date)
            if r.first_date == r.last_date
            else period(r.first_date, r.last_date),
            "weight": dict(WEIGHTS)[r.weight],
            "note": r.note,
            "withdraw": reverse("rotas:request-withdraw", args=[r.pk]) + f"?next={back}",
        }
        for r in requests
    ]


def requests_page(
    request: AuthenticatedHttpRequest,
    *,
    doctors: QuerySet[Doctor],
    title: str,
    heading: str,
    back: str,
    department: Department | None = None,
) -> HttpResponse:
    form = RotaRequestForm(request.POST if request.method == "POST" else None, doctors=doctors)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not access.can_manage_rota_requests(request.user, data["doctor"]):
            raise PermissionDenied
        with audited_as(request.user):
            RotaRequest.objects.create(
                doctor=data["doctor"],
                kind=data["kind"],
                first_date=data["first_date"],
                last_date=data["last_date"],
                shift_type=data["shift_type"],
                weight=data["weight"],
                note=data["note"],
                created_by=request.user,
            )
        messages.success(request, f"The request for {data['doctor']} is saved")
        return redirect(back)
    current = (
        RotaRequest.objects.filter(doctor__in=doctors, last_date__gte=timezone.localdate())
        .select_related("doctor", "shift_type")
        .order_by("first_date", "doctor__last_name")
    )
    return render(
        request,
        "rotas/requests.jinja",
        {
            "title": title,
            "heading": heading,
            "department": department,
            "form": form,
            "page_errors": error_summary_items(form),
            "choose_doctor": form.fields["doctor"].required,
            "rows": request_rows(current, back),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.doctor_id:
        raise PermissionDenied("Rota requests are made by doctors, or by their coordinators.")
    return requests_page(
        request,
        doctors=Doctor.objects.filter(pk=request.user.doctor_id),
        title="Your rota requests",
        heading="Your rota requests",
        back=reverse("rotas:my-requests"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def department_requests(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = coordinated_department(request, department_id)
    return requests_page(
        request,
        doctors=Doctor.objects.filter(department=department).order_by("last_name", "first_name"),
        title=f"Doctors' rota requests, {department.name}",
        heading=f"Doctors' rota requests, {department.name}",
        back=reverse("rotas:department-requests", args=[department.pk]),
        department=department,
    )


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = RotaRequest.objects.select_related("doctor").filter(pk=pk).first()
    if found is None or not access.can_manage_rota_requests(request.user, found.doctor):
        raise Http404
    with audited_as(request.user):
        found.delete()
    messages.success(request, f"The request for {found.doctor} is withdrawn")
    back = request.GET.get("next", "")
    allowed = {reverse("rotas:my-requests")}
    allowed.add(reverse("rotas:department-requests", args=[found.doctor.department_id]))
    return redirect(back if back in allowed else reverse("rotas:my-requests"))
