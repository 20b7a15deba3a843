"""Reads of a department's cover requirements: every row for the page, one shift's weekly
rows for its form, one dated override to remove."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from ..models import CoverMix, CoverRequirement, ShiftType


def department_cover(department_id: int) -> list[CoverRequirement]:
    """Every weekly and dated row of the department, with its shift type."""
    return list(
        CoverRequirement.objects.filter(department_id=department_id).select_related("shift_type")
    )


def department_shift_type(department_id: int, shift_id: int) -> ShiftType | None:
    """The shift type if it is the department's: another department's is not found here."""
    return ShiftType.objects.filter(department_id=department_id, pk=shift_id).first()


def weekly_cover(shift_type: ShiftType) -> dict[int, CoverRequirement]:
    """The shift's weekly rows by weekday (0 Monday); a day without one has no cover set."""
    rows: QuerySet[CoverRequirement] = CoverRequirement.objects.filter(
        shift_type=shift_type, date__isnull=True
    )
    return {row.weekday: row for row in rows if row.weekday is not None}


def dated_cover_exists(shift_type: ShiftType, day: date) -> bool:
    return CoverRequirement.objects.filter(shift_type=shift_type, date=day).exists()


def dated_cover(department_id: int, cover_id: int) -> CoverRequirement | None:
    """The department's dated override: a weekly row, or another department's, is not
    found here."""
    return CoverRequirement.objects.filter(
        department_id=department_id, pk=cover_id, date__isnull=False
    ).first()


def department_mixes(department_id: int) -> list[CoverMix]:
    """Every shift's mix of grades and competencies in the department."""
    return list(
        CoverMix.objects.filter(shift_type__department_id=department_id)
        .select_related("shift_type")
        .prefetch_related("competencies")
    )


def department_mix(department_id: int, mix_id: int) -> CoverMix | None:
    """The department's part of a shift's cover: another department's is not found here."""
    return (
        CoverMix.objects.filter(shift_type__department_id=department_id, pk=mix_id)
        .select_related("shift_type")
        .first()
    )
