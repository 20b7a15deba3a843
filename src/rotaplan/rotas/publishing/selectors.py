"""What publishing a draft would clash with, read before the coordinator confirms and again
inside ``services.rota_publish``."""

from __future__ import annotations

from ..models import Assignment, Rota, RotaStatus
from ..overlap import shift_words


def publish_clashes(rota: Rota, limit: int = 10) -> list[str]:
    """Where the rota's shifts overlap a shift the same doctor has on another published
    rota, in words, earliest first; at most ``limit``."""
    mine = list(
        Assignment.objects.filter(rota=rota)
        .select_related("doctor", "shift_type")
        .order_by("start")
    )
    if not mine:
        return []
    theirs = (
        Assignment.objects.filter(
            rota__status=RotaStatus.PUBLISHED,
            doctor_id__in={a.doctor_id for a in mine},
            start__lt=max(a.end for a in mine),
            end__gt=min(a.start for a in mine),
        )
        .exclude(rota=rota)
        .select_related("rota", "shift_type")
        .order_by("start")
    )
    by_doctor: dict[int, list[Assignment]] = {}
    for other in theirs:
        by_doctor.setdefault(other.doctor_id, []).append(other)
    clashes = []
    for shift in mine:
        for other in by_doctor.get(shift.doctor_id, []):
            if shift.start < other.end and other.start < shift.end:
                here = shift_words(shift.shift_type.code, shift.start, shift.end)
                there = shift_words(other.shift_type.code, other.start, other.end)
                clashes.append(
                    f"{shift.doctor} works {here} here and {there} on {other.rota.name}, "
                    "which is published"
                )
                break
        if len(clashes) >= limit:
            break
    return clashes


def shift_count(rota: Rota) -> int:
    return rota.assignments.count()
