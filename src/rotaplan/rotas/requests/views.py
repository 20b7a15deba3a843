"""Doctors' requests for the next rota ("not this weekend"): a doctor enters and withdraws
their own; a coordinator sees and enters them for their department's doctors. The rota
generator honours them where it can and says which it could not."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from rotaplan.organisation.models import Department
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.people.models import Doctor
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import add_service_errors, found

from ..selectors import coordinated_department
from .forms import RotaRequestForm
from .presenters import request_rows
from .selectors import current_requests, doctors_of_department, manageable_request, own_doctor
from .services import rota_request_create, rota_request_withdraw


def requests_page(
    request: AuthenticatedHttpRequest,
    *,
    doctors: QuerySet[Doctor],
    title: str,
    back: str,
    department: Department | None = None,
) -> HttpResponse:
    form = RotaRequestForm(request.POST if request.method == "POST" else None, doctors=doctors)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rota_request_create(
                actor=request.user,
                doctor=data["doctor"],
                kind=data["kind"],
                first_date=data["first_date"],
                last_date=data["last_date"],
                shift_type=data["shift_type"],
                weight=data["weight"],
                note=data["note"],
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        else:
            messages.success(request, f"The request for {data['doctor']} is saved")
            return redirect(back)
    return render(
        request,
        "rotas/requests.jinja",
        {
            "title": title,
            "heading": title,
            "department": department,
            "form": form,
            "page_errors": error_summary_items(form),
            "choose_doctor": form.fields["doctor"].required,
            "rows": request_rows(current_requests(doctors), back),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.doctor_id:
        raise PermissionDenied("Rota requests are made by doctors, or by their coordinators.")
    return requests_page(
        request,
        doctors=own_doctor(request.user.doctor_id),
        title="Your rota requests",
        back=reverse("rotas:my-requests"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def department_requests(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = found(coordinated_department(request.user, department_id))
    return requests_page(
        request,
        doctors=doctors_of_department(department.pk),
        title=f"Doctors' rota requests, {department.name}",
        back=reverse("rotas:department-requests", args=[department.pk]),
        department=department,
    )


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    withdrawn = found(manageable_request(request.user, pk))
    rota_request_withdraw(actor=request.user, rota_request=withdrawn)
    messages.success(request, f"The request for {withdrawn.doctor} is withdrawn")
    back = request.GET.get("next", "")
    allowed = {reverse("rotas:my-requests")}
    allowed.add(reverse("rotas:department-requests", args=[withdrawn.doctor.department_id]))
    return redirect(back if back in allowed else reverse("rotas:my-requests"))
