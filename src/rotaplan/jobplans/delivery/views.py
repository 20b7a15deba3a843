"""The planned-against-delivered pages: a department's dashboard (its clinicians, totals
by category, a chart, CSV and Excel), one clinician's lines, and a doctor's own. Who sees
what is ``selectors``'s to say; anyone else is told nothing (404). Every read is audited:
the report shows what each clinician delivered."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from rotaplan.audit.services import list_read_record, read_record
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import found

from . import selectors
from .downloads import XLSX_TYPE, delivery_csv, delivery_xlsx, file_name
from .forms import PeriodForm
from .presenters import category_rows, clinician_rows, delivery_chart, line_rows


def _form(request: AuthenticatedHttpRequest) -> PeriodForm:
    return PeriodForm(request.GET or None, today=timezone.localdate())


@login_required
@require_GET
def delivery_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    departments = list(selectors.report_departments(request.user))
    own = selectors.own_clinician(request.user)
    if not departments and own is None:
        raise Http404
    return render(
        request,
        "jobplans/delivery/home.jinja",
        {"title": "Job plans planned against delivered", "departments": departments, "own": own},
    )


@login_required
@require_GET
def delivery_department(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = found(selectors.visible_department(request.user, department_id))
    form = _form(request)
    period = form.report_period()
    report = selectors.department_delivery(department, period)
    list_read_record(
        actor=request.user,
        what=f"job plans planned against delivered for {department.name}, {period.title}",
        doctor_ids=[c.doctor.pk for c in report.clinicians],
    )
    return render(
        request,
        "jobplans/delivery/department.jinja",
        {
            "title": f"{department.name}: planned against delivered",
            "department": department,
            "form": form,
            "report": report,
            "chart": delivery_chart(report),
            "category_rows": category_rows(report.categories),
            "clinician_rows": clinician_rows(report),
            "alerts": report.alerts,
            "query": request.GET.urlencode(),
            "page_errors": error_summary_items(form) if form.is_bound else [],
        },
    )


@login_required
@require_GET
def delivery_download(
    request: AuthenticatedHttpRequest, department_id: int, file_format: str
) -> HttpResponse:
    department = found(selectors.visible_department(request.user, department_id))
    if file_format not in {"csv", "xlsx"}:
        raise Http404
    form = _form(request)
    if form.is_bound and not form.is_valid():
        page = reverse("jobplans:delivery-department", args=[department.pk])
        return redirect(f"{page}?{request.GET.urlencode()}")
    period = form.report_period()
    report = selectors.department_delivery(department, period)
    list_read_record(
        actor=request.user,
        what=(
            f"job plans planned against delivered for {department.name}, {period.title}, "
            f"as {file_format.upper()}"
        ),
        doctor_ids=[c.doctor.pk for c in report.clinicians],
    )
    if file_format == "csv":
        response = HttpResponse(delivery_csv(report), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(delivery_xlsx(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name(report, file_format)}"'
    return response


@login_required
@require_GET
def delivery_doctor(request: AuthenticatedHttpRequest, doctor_id: int) -> HttpResponse:
    doctor = found(selectors.visible_clinician(request.user, doctor_id))
    form = _form(request)
    period = form.report_period()
    report = selectors.clinician_report(doctor, period)
    read_record(
        actor=request.user,
        subject=doctor,
        what=f"their job plan planned against delivered, {period.title}",
    )
    (clinician,) = report.clinicians
    may_see_department = selectors.visible_department(request.user, doctor.department_id)
    return render(
        request,
        "jobplans/delivery/doctor.jinja",
        {
            "title": f"{doctor}: planned against delivered",
            "doctor": doctor,
            "department": may_see_department,
            "form": form,
            "report": report,
            "clinician": clinician,
            "rows": line_rows(clinician),
            "category_rows": category_rows(clinician.delivery.categories)
            if clinician.delivery
            else [],
            "page_errors": error_summary_items(form) if form.is_bound else [],
        },
    )
