"""``POST /api/doctors/import``: the doctor import for scripts, answering as the page does."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja import File, Form, Router, Schema, Status, UploadedFile

from rotaplan.api.errors import ErrorOut, problems_out
from rotaplan.engine.formats.input_problems import Problem
from rotaplan.engine.formats.json_reading import quoted
from rotaplan.engine.formats.spreadsheet import UnreadableFile
from rotaplan.imports.uploads import read_upload

from .. import access
from ..access import AuthenticatedHttpRequest
from .services import department_by_code, doctors_import

router = Router(tags=["Doctors"])


class ImportedDoctorOut(Schema):
    id: int
    gmc_number: str
    name: str


class ImportedOut(Schema):
    imported: int
    doctors: list[ImportedDoctorOut]


@router.post(
    "/import",
    response={201: ImportedOut, 400: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    operation_id="doctors_import",
    summary="Import incoming doctors from a CSV or XLSX file",
    description="Every row is checked first; if any has a problem, nothing is imported and "
    "each problem is returned with its line (as Excel numbers rows, headings on line 1), "
    "field and value. `department` is the code used for rows that name none.",
)
def import_doctors(
    request: AuthenticatedHttpRequest,
    file: File[UploadedFile],
    department: Form[str] = "",
) -> Status[ImportedOut | ErrorOut]:
    user = request.user
    if not access.manageable_departments(user).exists():
        return Status(
            403, ErrorOut(detail="Only medical staffing and rota coordinators import doctors.")
        )
    default_department = None
    if department.strip():
        default_department = department_by_code(department)
        if default_department is None:
            unknown = Problem(
                f"No department has the code {quoted(department)}.",
                field="department",
                value=department,
            )
            return Status(422, problems_out(unknown.message, (unknown,)))
        if not access.can_manage_doctors(user, default_department.pk):
            message = f"You may not import doctors into {default_department.name}."
            return Status(403, ErrorOut(detail=message))
    try:
        table = read_upload(file)
    except UnreadableFile as error:
        problem = Problem(error.message, field="file", value=file.name or "")
        return Status(400, problems_out(error.message, (problem,)))
    try:
        result = doctors_import(actor=user, table=table, default_department=default_department)
    except PermissionDenied as error:
        return Status(403, ErrorOut(detail=str(error)))
    if not result.ok:
        return Status(422, problems_out(result.summary, result.problems))
    doctors = [
        ImportedDoctorOut(id=d.pk, gmc_number=d.gmc_number, name=d.full_name)
        for d in result.doctors
    ]
    return Status(201, ImportedOut(imported=len(doctors), doctors=doctors))
