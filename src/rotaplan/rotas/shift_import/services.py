"""Writing a rota's shifts file: lock the rota and the doctors it names, check every row
against what the database holds then, check the shifts against the contract rules as any
edit of a draft is checked (``editing.breaches_an_edit_creates``), and save each
assignment, so the audit log records every one, or save none."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import time, timedelta

from django.db import IntegrityError, transaction

from rotaplan.audit.actor import audited_as
from rotaplan.engine.breaches import Breach
from rotaplan.engine.clock import local_datetime
from rotaplan.engine.formats.cell_values import text
from rotaplan.engine.formats.input_problems import Outcome, Problem
from rotaplan.engine.formats.spreadsheet import RawTable
from rotaplan.people import access
from rotaplan.people.models import Doctor, User

from ..editing.breaches import EditCreatesBreaches, breaches_an_edit_creates, record_override
from ..editing.selectors import assignable_doctors
from ..models import Assignment, Rota, RotaStatus, ShiftType
from ..overlap import assignments_sharing_time, overlap_message, shift_words
from ..refusals import RotaNotDraft
from ..rules_adapter import PlannedShift
from .columns import SHIFT_COLUMNS
from .lookups import BookedShift, DoctorRef, ShiftLookups, ShiftTypeRef
from .row_checks import ShiftRecord, check_table

GMC_NUMBER = re.compile(r"[0-9]{7}")


def import_refusal(rota: Rota) -> str | None:
    """Why no shifts can be imported into ``rota``, or None if they can.

    A published rota is the one doctors are working to; a file changing it wholesale would
    change their shifts without anyone telling them, so an import goes into a draft.
    """
    if rota.status == RotaStatus.DRAFT:
        return None
    return (
        "This rota is published; shifts can be imported only into a draft rota, so that no "
        "doctor's published shifts change without them being told."
    )


@dataclass(frozen=True)
class ShiftImportResult(Outcome):
    assignments: tuple[Assignment, ...] = ()
    version: int = 0  # the rota's version after the import
    breaches: tuple[Breach, ...] = ()  # those the shifts create, saved with a reason

    @property
    def imported_text(self) -> str:
        return f"Imported {shifts_text(len(self.assignments))}"


def shifts_text(count: int) -> str:
    return f"{count} shift{'' if count == 1 else 's'}"


def assignments_import(
    *,
    actor: User | None,
    rota: Rota,
    table: RawTable,
    reason: str = "",
    file_name: str = "",
) -> ShiftImportResult:
    """Put every row's doctor on its shift in ``rota``, or none: any problem and the
    database is untouched. The rota's version goes up once, for the whole file.

    An import is an edit like any other: if the shifts would create breaches of the rules,
    they are saved only with a ``reason``, recorded with the breaches as one
    ``ComplianceOverride`` for the whole file ("Imported 12 shifts from august.csv"); a
    reason needs an ``actor``, the override's author.

    ``actor`` is the signed-in user on a page or the API, and whoever ``--as`` names on the
    command line; None (the command line without ``--as``) imports as the system. Raises
    ``PermissionDenied`` if the actor may not change the rota, ``RotaNotDraft`` if it is
    published, ``EditCreatesBreaches`` if the shifts break the rules and no reason was
    given; nothing is saved on any.
    """
    with transaction.atomic(), audited_as(actor):
        locked = Rota.objects.select_for_update().select_related("department").get(pk=rota.pk)
        if actor is not None:
            access.require_rota_editor(actor, locked.department_id)
        refusal = import_refusal(locked)
        if refusal is not None:
            raise RotaNotDraft(refusal)
        checked = check_table(table, lookups_for(rota=locked, table=table, actor=actor))
        if not checked.ok:
            return ShiftImportResult(problems=checked.problems)
        shift_types = ShiftType.objects.in_bulk({r.shift_type_id for r in checked.records})
        planned = [
            PlannedShift(
                doctor_id=r.doctor_id,
                start=r.start,
                end=r.end,
                kind=shift_types[r.shift_type_id].kind,
            )
            for r in checked.records
        ]
        breaches = breaches_an_edit_creates(locked, added=planned)
        if breaches and not reason.strip():
            raise EditCreatesBreaches(breaches)
        if breaches and actor is None:
            raise ValueError("A reason for breaking the rules is recorded with its user")
        try:
            with transaction.atomic():
                assignments = _create_assignments(locked, checked.records, shift_types)
        except IntegrityError:
            return ShiftImportResult(
                problems=(
                    Problem(
                        "Someone gave one of these doctors a shift while this file was being "
                        "imported. Nothing was imported; try again."
                    ),
                )
            )
        if breaches and actor is not None:
            from_file = f" from {file_name}" if file_name else ""
            record_override(
                actor=actor,
                rota=locked,
                assignment=None,
                change=f"Imported {shifts_text(len(assignments))}{from_file}",
                breaches=breaches,
                reason=reason.strip(),
            )
        locked.version += 1
        locked.save(update_fields=["version"])
    return ShiftImportResult(assignments=assignments, version=locked.version, breaches=breaches)


def lookups_for(*, rota: Rota, table: RawTable, actor: User | None) -> ShiftLookups:
    """Gather what check_table needs. Inside the import's transaction, the doctors the file
    names are locked, as ``assignment_create`` locks its doctor, so no other booking of
    them lands between the check and the write. Only doctors ``actor`` may put on a shift
    are found (every doctor for the system): any other reads as a number nobody holds, so
    no name, shift or breach of theirs is shown."""
    doctors = _doctors_named(table, actor)
    shift_types = {
        shift_type.code: ShiftTypeRef(
            shift_type.pk, shift_type.code, shift_type.start, shift_type.end
        )
        for shift_type in ShiftType.objects.filter(department_id=rota.department_id)
    }
    return ShiftLookups(
        rota_id=rota.pk,
        period_start=rota.period_start,
        period_end=rota.period_end,
        department_name=rota.department.name,
        doctors={gmc_number: DoctorRef(d.pk, str(d)) for gmc_number, d in doctors.items()},
        shift_types=shift_types,
        booked=_booked(rota, [doctor.pk for doctor in doctors.values()]),
    )


def _doctors_named(table: RawTable, actor: User | None) -> dict[str, Doctor]:
    """The doctors whose GMC numbers the file gives, of those ``actor`` may put on a
    shift, locked, by number. Only what could be a GMC number is looked up, so no stray
    character of a cell reaches the database."""
    column = SHIFT_COLUMNS.positions(table.headings).get("gmc_number")
    if column is None:
        return {}
    numbers = {text(row.cells[column]) for row in table.rows if column < len(row.cells)}
    candidates = Doctor.objects.all() if actor is None else assignable_doctors(actor)
    doctors = (
        candidates.select_for_update()
        .filter(gmc_number__in={n for n in numbers if GMC_NUMBER.fullmatch(n)})
        .only("pk", "gmc_number", "first_name", "last_name")
        .order_by("pk")
    )
    return {doctor.gmc_number: doctor for doctor in doctors}


def _booked(rota: Rota, doctor_ids: Sequence[int]) -> dict[int, list[BookedShift]]:
    """The doctors' committed shifts (this rota's and published ones) that a shift starting
    within ``rota`` could overlap: it starts on a day of the rota and lasts at most a day
    and an hour."""
    window_start = local_datetime(rota.period_start, time(0))
    window_end = local_datetime(rota.period_end + timedelta(days=2), time(0))
    assignments = (
        assignments_sharing_time(
            doctor_ids=doctor_ids, start=window_start, end=window_end, rota_id=rota.pk
        )
        .select_related("doctor", "shift_type")
        .order_by("start")
    )
    booked: dict[int, list[BookedShift]] = defaultdict(list)
    for assignment in assignments:
        booked[assignment.doctor_id].append(
            BookedShift(
                rota_id=assignment.rota_id,
                shift_type_id=assignment.shift_type_id,
                start=assignment.start,
                end=assignment.end,
                words=shift_words(assignment.shift_type.code, assignment.start, assignment.end),
                clash=overlap_message(assignment),
            )
        )
    return booked


def _create_assignments(
    rota: Rota, records: Sequence[ShiftRecord], shift_types: Mapping[int, ShiftType]
) -> tuple[Assignment, ...]:
    """One ``save()`` each, not ``bulk_create``, so the audit log records every shift; the
    doctors and shift types are fetched once so that naming each entry needs no query."""
    doctors = Doctor.objects.in_bulk({record.doctor_id for record in records})
    return tuple(_create_assignment(rota, record, doctors, shift_types) for record in records)


def _create_assignment(
    rota: Rota,
    record: ShiftRecord,
    doctors: Mapping[int, Doctor],
    shift_types: Mapping[int, ShiftType],
) -> Assignment:
    assignment = Assignment(
        rota=rota,
        doctor=doctors[record.doctor_id],
        shift_type=shift_types[record.shift_type_id],
        date=record.date,
        start=record.start,
        end=record.end,
    )
    assignment.save()
    return assignment
