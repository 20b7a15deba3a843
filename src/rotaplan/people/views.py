"""The doctor list, a doctor's page, and the form that edits a doctor's record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from rotaplan.audit.services import list_read_record, read_record
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.rotas.work_schedules import work_schedule_rotas
from rotaplan.web.htmx import render_page_or_partial
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import found
from rotaplan.web.pagination import pagination_params

from . import presenters, selectors
from .forms import DoctorFilterForm, DoctorForm
from .presenters import RECORD_READ, list_read
from .services import DoctorChangedError, doctor_update


@login_required
def doctor_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.can_list_doctors(request.user):
        raise PermissionDenied
    form = DoctorFilterForm(request.GET, departments=access.doctor_departments(request.user))
    form.is_valid()
    doctors = selectors.doctor_search(request.user, form.filters())
    page = Paginator(doctors, selectors.DOCTORS_PER_PAGE).get_page(request.GET.get("page"))
    shown = [doctor.pk for doctor in page.object_list]
    what = list_read(page.number, page.paginator.num_pages, len(shown))
    list_read_record(actor=request.user, what=what, doctor_ids=shown)
    # A change of filter made through htmx gets back only the results.
    return render_page_or_partial(
        request,
        "people/doctor_list.jinja",
        "people/_doctor_results.jinja",
        {
            "title": "Doctors",
            "form": form,
            "page": page,
            "pagination": pagination_params(page, request.GET),
        },
    )


@login_required
def doctor_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # Another doctor's id, or a doctor outside a coordinator's departments, answers 404.
    doctor = found(selectors.visible_doctor(request.user, pk))
    read_record(actor=request.user, subject=doctor, what=RECORD_READ)
    today = timezone.localdate()
    department_href = (
        reverse("organisation:department-detail", args=[doctor.department_id])
        if access.can_view_department_rotas(request.user, doctor.department_id)
        else None
    )
    return render(
        request,
        "people/doctor_detail.jinja",
        {
            "title": str(doctor),
            "doctor": doctor,
            "summary_rows": presenters.doctor_summary_rows(doctor, department_href),
            "shift_rows": presenters.shift_rows(selectors.upcoming_shifts(doctor, today)),
            "leave_rows": presenters.leave_rows(selectors.upcoming_leave(doctor, today)),
            "can_edit": access.can_manage_doctors(request.user, doctor.department_id),
            "can_list": access.can_list_doctors(request.user),
            "work_schedule_rotas": work_schedule_rotas(request.user, doctor),
        },
    )


@login_required
def doctor_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    doctor = found(selectors.visible_doctor(request.user, pk))
    if not access.can_manage_doctors(request.user, doctor.department_id):
        raise PermissionDenied
    name = str(doctor)  # before the form writes its submitted values onto the instance
    departments = access.manageable_departments(request.user)
    data = request.POST if request.method == "POST" else None
    form = DoctorForm(data, instance=doctor, departments=departments)
    errors: list[dict[str, str]] = []
    if form.is_bound and form.is_valid():
        try:
            updated = doctor_update(
                actor=request.user,
                doctor=doctor,
                version=form.cleaned_data["version"],
                **form.changes(),
            )
        except DoctorChangedError as changed:
            # Show the record as it is now, with its new version, for the edit to be redone.
            current = selectors.saved_doctor(pk)
            name = str(current)
            form = DoctorForm(instance=current, departments=departments)
            errors = [{"text": changed.message}]
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(request, f"{updated}'s record has been updated")
            return redirect("people:doctor-detail", pk=pk)
    return render(
        request,
        "people/doctor_edit.jinja",
        {
            "title": f"Change {name}'s record",
            "doctor_name": name,
            "doctor": doctor,
            "form": form,
            "page_errors": errors or error_summary_items(form),
        },
    )
