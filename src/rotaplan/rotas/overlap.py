"""The two rules every assignment keeps, however it is made (service, API, admin, import):
it ends after it starts, and it does not overlap another shift of the same doctor that is a
commitment: one on the same rota, or on any published rota.

A draft rota is a proposal. A department may hold several drafts of the same weeks (rotas
generated to compare), which may well put a doctor on the same night; they are checked
against each other only when one is published (``publishing``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q, QuerySet

from rotaplan.engine.clock import format_day, to_london

from .models import Assignment, RotaStatus

END_BEFORE_START = "The shift must end after it starts"


def shares_time(start: datetime, end: datetime, other_start: datetime, other_end: datetime) -> bool:
    """Whether two shifts overlap: each starts before the other ends.

    Shifts that only touch do not overlap: a night ending at 08:30 and a day starting at
    08:30 follow one another. Aware datetimes compare as moments, so clock changes do not
    matter.
    """
    return start < other_end and other_start < end


def committed(rota_id: int | None) -> Q:
    """Shifts a doctor is held to, seen from rota ``rota_id``: its own and every published
    rota's; from no rota (``None``), the published ones only."""
    published = Q(rota__status=RotaStatus.PUBLISHED)
    return published if rota_id is None else published | Q(rota_id=rota_id)


def assignments_sharing_time(
    *, doctor_ids: Iterable[int], start: datetime, end: datetime, rota_id: int | None
) -> QuerySet[Assignment]:
    """The doctors' committed assignments (``committed``) that share any time with
    ``start``-``end``: ``shares_time`` asked of the database."""
    return Assignment.objects.filter(
        committed(rota_id), doctor_id__in=doctor_ids, start__lt=end, end__gt=start
    )


def overlapping_assignment(
    *,
    doctor_id: int,
    start: datetime,
    end: datetime,
    rota_id: int | None,
    exclude_pk: int | None = None,
) -> Assignment | None:
    """The doctor's earliest other committed assignment sharing any time with
    ``start``-``end``."""
    clashes = assignments_sharing_time(
        doctor_ids=[doctor_id], start=start, end=end, rota_id=rota_id
    )
    if exclude_pk is not None:
        clashes = clashes.exclude(pk=exclude_pk)
    return clashes.select_related("doctor", "shift_type").order_by("start").first()


def shift_words(code: str, start: datetime, end: datetime) -> str:
    """ "N 20:00 Mon 3 Aug 2026 to 08:30 Tue 4 Aug 2026": a shift in London wall-clock time."""
    start, end = to_london(start), to_london(end)
    return (
        f"{code} {start:%H:%M} {format_day(start.date())} to {end:%H:%M} {format_day(end.date())}"
    )


def overlap_message(existing: Assignment) -> str:
    """ "Dr Ada Patel already works N 20:00 Mon 3 Aug 2026 to 08:30 Tue 4 Aug 2026, which
    overlaps this shift": the clash in words a coordinator can act on."""
    words = shift_words(existing.shift_type.code, existing.start, existing.end)
    return f"{existing.doctor} already works {words}, which overlaps this shift"


def check_assignment_times(
    *,
    doctor_id: int,
    start: datetime,
    end: datetime,
    rota_id: int | None,
    exclude_pk: int | None = None,
) -> None:
    """Raise ``ValidationError`` when the shift ends at or before its start (on ``end``),
    or overlaps another of the doctor's committed shifts (for the whole assignment)."""
    if end <= start:
        raise ValidationError({"end": END_BEFORE_START})
    clash = overlapping_assignment(
        doctor_id=doctor_id, start=start, end=end, rota_id=rota_id, exclude_pk=exclude_pk
    )
    if clash is not None:
        raise ValidationError({NON_FIELD_ERRORS: overlap_message(clash)})
