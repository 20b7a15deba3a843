"""What the database knows that a shifts file is checked against, gathered beforehand so
the checking itself needs no database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time


@dataclass(frozen=True)
class DoctorRef:
    id: int
    name: str  # "Dr Ada Patel"


@dataclass(frozen=True)
class ShiftTypeRef:
    id: int
    code: str
    start: time  # local wall-clock times; an end at or before the start is the next day
    end: time


@dataclass(frozen=True)
class BookedShift:
    """A shift a doctor the file names already works, in this rota or another."""

    rota_id: int
    shift_type_id: int
    start: datetime
    end: datetime
    words: str  # "N 20:00 Mon 3 Aug 2026 to 08:30 Tue 4 Aug 2026"
    clash: str  # the overlap as rotas.overlap words it for any new shift


@dataclass(frozen=True)
class ShiftLookups:
    rota_id: int
    period_start: date
    period_end: date
    department_name: str
    doctors: Mapping[str, DoctorRef]  # by GMC number
    shift_types: Mapping[str, ShiftTypeRef]  # by code, in the department's order
    booked: Mapping[int, Sequence[BookedShift]]  # by doctor id, earliest first
