"""Writes of a department's cover requirements, as the coordinator who makes them: each in
one transaction, checked against their departments, audited by django-auditlog."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from rotaplan.audit.actor import audited_as
from rotaplan.people import access
from rotaplan.people.grades import Grade
from rotaplan.people.models import Competency, User

from ..models import CoverMix, CoverRequirement, ShiftType

# A weekday's (minimum, ideal); either may be None, both None for no cover that day.
DayCover = tuple[int | None, int | None]


@transaction.atomic
def cover_requirement_set(
    *, actor: User, shift_type: ShiftType, weekly: Mapping[int, DayCover]
) -> None:
    """Set ``shift_type``'s weekly cover, day by day (0 Monday to 6 Sunday). A day with
    neither figure loses its row; one with only one figure takes it for both; a day not in
    ``weekly`` is left as it is. Only the rows that change are written, so the audit log
    shows what the coordinator changed. Raises ``PermissionDenied``."""
    access.require_rota_editor(actor, shift_type.department_id)
    held = {
        row.weekday: row
        for row in CoverRequirement.objects.select_for_update().filter(
            shift_type=shift_type, date__isnull=True
        )
    }
    with audited_as(actor):
        for day, (low, high) in sorted(weekly.items()):
            row = held.get(day)
            low, high = (low if low is not None else high), (high if high is not None else low)
            if low is None or high is None:
                if row is not None:
                    row.delete()
                continue
            if row is None:
                CoverRequirement.objects.create(
                    department_id=shift_type.department_id,
                    shift_type=shift_type,
                    weekday=day,
                    minimum=low,
                    ideal=high,
                )
            elif (row.minimum, row.ideal) != (low, high):
                row.minimum, row.ideal = low, high
                row.save()


@transaction.atomic
def dated_cover_add(
    *, actor: User, shift_type: ShiftType, date: date, minimum: int, ideal: int
) -> CoverRequirement:
    """Override ``shift_type``'s weekly cover on ``date`` (a bank holiday, the night the
    clocks go back). Raises ``PermissionDenied``, or ``ValidationError`` for a date the
    shift already has cover set for, or an ideal below the minimum."""
    access.require_rota_editor(actor, shift_type.department_id)
    cover = CoverRequirement(
        department_id=shift_type.department_id,
        shift_type=shift_type,
        date=date,
        minimum=minimum,
        ideal=ideal,
    )
    cover.full_clean()
    with audited_as(actor):
        cover.save()
    return cover


@transaction.atomic
def dated_cover_remove(*, actor: User, cover: CoverRequirement) -> None:
    """Remove a dated override: the weekly cover applies on its date again. Raises
    ``PermissionDenied``."""
    access.require_rota_editor(actor, cover.department_id)
    with audited_as(actor):
        cover.delete()


@transaction.atomic
def cover_mix_add(
    *,
    actor: User,
    shift_type: ShiftType,
    at_least: int,
    grades: Sequence[str],
    competencies: Sequence[str],
) -> CoverMix:
    """Ask that at least ``at_least`` of ``shift_type``'s doctors each day be of
    ``grades`` (any, if none) with every one of ``competencies`` (their codes). Raises
    ``PermissionDenied``, or ``ValidationError`` for a part that names nobody or an
    unknown grade or competency."""
    access.require_rota_editor(actor, shift_type.department_id)
    unknown = sorted(set(grades) - set(Grade.values))
    if unknown:
        raise ValidationError({"grades": f"Unknown grade {', '.join(unknown)}"})
    skills = list(Competency.objects.filter(code__in=competencies))
    missing = sorted(set(competencies) - {c.code for c in skills})
    if missing:
        raise ValidationError({"competencies": f"Unknown competency {', '.join(missing)}"})
    if not grades and not competencies:
        raise ValidationError({"grades": "Choose the grades or the competencies it needs"})
    mix = CoverMix(shift_type=shift_type, at_least=at_least, grades=sorted(set(grades)))
    mix.full_clean()
    with audited_as(actor):
        mix.save()
        mix.competencies.set(skills)
    return mix


@transaction.atomic
def cover_mix_remove(*, actor: User, mix: CoverMix) -> None:
    """The shift no longer asks for that part of its cover. Raises ``PermissionDenied``."""
    access.require_rota_editor(actor, mix.shift_type.department_id)
    with audited_as(actor):
        mix.delete()
