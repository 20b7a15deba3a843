"""Writing a doctors file: gather the lookups, check again inside the transaction and save
each doctor, so the audit log records every one, or save none."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from rotaplan.audit.actor import audited_as
from rotaplan.engine.formats.cell_values import text
from rotaplan.engine.formats.input_problems import Outcome, Problem
from rotaplan.engine.formats.spreadsheet import RawTable
from rotaplan.organisation.models import Department

from ..access import can_manage_doctors, visible_doctors
from ..models import Competency, Doctor, User
from .lookups import DepartmentRef, ImportLookups
from .row_checks import DoctorRecord, check_table, column_positions

GMC_NUMBER = re.compile(r"[0-9]{7}")


def department_by_code(code: str) -> Department | None:
    """The department with this code, whatever its case. A code longer than any can be
    matches none, and is not sent to the database: SQLite refuses a LIKE pattern of 50,000
    characters (case-insensitive matching is a LIKE there)."""
    code = code.strip()
    if len(code) > (Department._meta.get_field("code").max_length or 0):
        return None
    return Department.objects.filter(code__iexact=code).first()


def lookups_for(
    *, actor: User | None, table: RawTable, default_department: Department | None
) -> ImportLookups:
    """Gather what check_table needs; ``actor`` None is the command line, trusted with all
    departments, as anyone who can run it can already change the database."""
    departments = {
        d.code.lower(): _department_ref(d) for d in Department.objects.only("pk", "code", "name")
    }
    allowed = frozenset(
        ref.id for ref in departments.values() if actor is None or can_manage_doctors(actor, ref.id)
    )
    competencies = {code.lower(): pk for code, pk in Competency.objects.values_list("code", "pk")}
    default = _department_ref(default_department) if default_department is not None else None
    holders = _gmc_holders(table, actor)
    return ImportLookups(departments, allowed, competencies, holders, default)


def _department_ref(department: Department) -> DepartmentRef:
    return DepartmentRef(department.pk, department.code, department.name)


def _gmc_holders(table: RawTable, actor: User | None) -> dict[str, str]:
    """Who already holds each GMC number the file gives, by number: their name if the
    actor may open their record, else "" (the number is taken, but by whom is not the
    uploader's business). Only what could be a GMC number is looked up, so no stray
    character of a cell reaches the database."""
    gmc_column = column_positions(table.headings).get("gmc_number")
    candidates = {
        text(row.cells[gmc_column])
        for row in table.rows
        if gmc_column is not None and gmc_column < len(row.cells)
    }
    numbers = {number for number in candidates if GMC_NUMBER.fullmatch(number)}
    holders = Doctor.objects.filter(gmc_number__in=numbers)
    visible = set(
        (Doctor.objects.all() if actor is None else visible_doctors(actor))
        .filter(gmc_number__in=numbers)
        .values_list("pk", flat=True)
    )
    return {
        doctor.gmc_number: str(doctor) if doctor.pk in visible else ""
        for doctor in holders.only("pk", "gmc_number", "first_name", "last_name")
    }


@dataclass(frozen=True)
class ImportResult(Outcome):
    doctors: tuple[Doctor, ...] = ()

    @property
    def count_by_department(self) -> Counter[str]:
        return Counter(doctor.department.name for doctor in self.doctors)


def doctors_import(
    *,
    actor: User | None,
    table: RawTable,
    default_department: Department | None = None,
) -> ImportResult:
    """Create a doctor for every row, or none: any problem and the database is untouched.

    ``actor`` is the signed-in user on a page or the API, and whoever ``--as`` names on the
    command line; None (the command line without ``--as``) imports as the system.
    """
    if (
        actor is not None
        and default_department is not None
        and not can_manage_doctors(actor, default_department.pk)
    ):
        raise PermissionDenied(f"You may not import doctors into {default_department.name}.")
    with transaction.atomic(), audited_as(actor):
        lookups = lookups_for(actor=actor, table=table, default_department=default_department)
        checked = check_table(table, lookups)
        if not checked.ok:
            return ImportResult(problems=checked.problems)
        departments = Department.objects.in_bulk(
            {record.department_id for record in checked.records}
        )
        try:
            with transaction.atomic():
                doctors = [_create_doctor(record, departments) for record in checked.records]
        except IntegrityError:
            return ImportResult(
                problems=(
                    Problem(
                        "Someone saved a doctor with one of these GMC numbers while this file "
                        "was being imported. Nothing was imported; try again."
                    ),
                )
            )
    return ImportResult(doctors=tuple(doctors))


def _create_doctor(record: DoctorRecord, departments: Mapping[int, Department]) -> Doctor:
    doctor = Doctor(
        first_name=record.first_name,
        last_name=record.last_name,
        gmc_number=record.gmc_number,
        email=record.email,
        grade=record.grade,
        contract=record.contract,
        wte=record.wte,
        opted_out=record.opted_out,
        department=departments[record.department_id],
        post_start=record.post_start,
        post_end=record.post_end,
    )
    doctor.save()  # one at a time, not bulk_create, so the audit log records each doctor
    if record.competency_ids:
        doctor.competencies.add(*record.competency_ids)
    return doctor
