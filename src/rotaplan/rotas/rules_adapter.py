"""A stored rota as the rules engine reads it: rows in, plain engine data out.

The engine judges a doctor's whole working life, not one rota: a doctor who covers a night
on another department's rota still needs 46 hours' rest afterwards. So every assignment of
the rota's doctors from two weeks before the period to two weeks after it is included,
whichever rota it is on, as long as it is a commitment: on this rota or a published one
(a draft rota is a proposal, and another draft of the same weeks is an alternative, not
more work). The period itself stays the rota's cycle for averages and weekends.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo

from django.db import connection
from django.db.models import CharField
from django.db.models.functions import Cast

from rotaplan.engine.rota import DoctorTerms, Period, RotaShifts, RuleSetName, Shift, ShiftKind
from rotaplan.engine.rules.local import LocalRules
from rotaplan.people.grades import Contract
from rotaplan.people.models import Doctor

from .local_rules.selectors import local_rules_of
from .models import Assignment, Rota
from .overlap import committed

MARGIN = timedelta(days=14)


@dataclass(frozen=True)
class PlannedShift:
    """An assignment not yet saved, for checking an edit before it is made."""

    doctor_id: int
    start: datetime
    end: datetime
    kind: str
    code: str = ""
    """The shift type's code, by which local rules name shifts ("never alone on N")."""


def rule_set_for(doctor: Doctor) -> RuleSetName:
    """Doctors in training are judged by the 2016 TCS (and the WTR within it); consultants
    and SAS doctors by the Working Time Regulations alone."""
    return RuleSetName.TCS2016 if doctor.contract == Contract.TCS_2016 else RuleSetName.WTR


def doctor_terms(doctor: Doctor) -> DoctorTerms:
    return DoctorTerms(
        id=str(doctor.pk),
        name=str(doctor),
        rule_set=rule_set_for(doctor),
        wte=float(doctor.wte),
        opted_out=doctor.opted_out,
        grade=doctor.grade,
    )


# One committed assignment as read for the rules: its id, the doctor's id, start and end as
# the database writes them (UTC), the shift's kind, the rota it is on and the shift's code.
Row = tuple[int, int, str, str, str, int, str]


@dataclass(frozen=True)
class StoredRota:
    """What the rules engine reads of a stored rota, as it comes from the database: the
    period, the terms of each doctor on the rota, and every committed assignment of theirs
    in the window (``rows``). ``digest`` names exactly this input, so a report computed
    from it can be kept and found again (``compliance.selectors``)."""

    rota_id: int
    period: Period
    doctors: tuple[DoctorTerms, ...]
    rows: tuple[Row, ...]
    zone: tzinfo  # the zone of a time the database writes without one (SQLite: UTC)
    local: LocalRules = field(default_factory=LocalRules)
    """The department's local rules, reported apart from the contract's breaches."""

    def digest(self) -> str:
        """A SHA-256 of everything the rules read: any change to a shift, a doctor's terms
        (contract, WTE, opt-out, grade, name), the period or the department's local rules
        gives another digest."""
        return hashlib.sha256(
            repr((self.rota_id, self.period, self.doctors, self.rows, self.local)).encode()
        ).hexdigest()

    def rota_shifts(
        self, *, removed: Iterable[int] = (), added: Iterable[PlannedShift] = ()
    ) -> RotaShifts:
        """The engine's rota, without the assignments ``removed`` (by id) and with the
        shifts ``added``."""
        removed_ids = set(removed)
        kinds = {kind.value: kind for kind in ShiftKind}
        shifts = [
            Shift(
                doctor=str(doctor_id),
                start=self.moment(start),
                end=self.moment(end),
                kind=kinds[kind],
                source=f"assignment {pk}",
            )
            for pk, doctor_id, start, end, kind, _, _ in self.rows
            if pk not in removed_ids
        ]
        shifts.extend(
            Shift(doctor=str(s.doctor_id), start=s.start, end=s.end, kind=ShiftKind(s.kind))
            for s in added
        )
        return RotaShifts(period=self.period, doctors=self.doctors, shifts=tuple(shifts))

    def own_shifts(
        self, *, removed: Iterable[int] = (), added: Iterable[PlannedShift] = ()
    ) -> list[Shift]:
        """The shifts on this rota itself, not on the others the window reaches, each
        named by its shift type's code (as local rules name shifts); without the
        assignments ``removed`` (by id) and with the shifts ``added``."""
        kinds = {kind.value: kind for kind in ShiftKind}
        gone = set(removed)
        return [
            *(
                Shift(str(doctor_id), self.moment(start), self.moment(end), kinds[kind], code)
                for pk, doctor_id, start, end, kind, rota_id, code in self.rows
                if rota_id == self.rota_id and pk not in gone
            ),
            *(Shift(str(s.doctor_id), s.start, s.end, kinds[s.kind], s.code) for s in added),
        ]

    def moment(self, text: str) -> datetime:
        moment = datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.replace(tzinfo=self.zone)


def stored_rota(rota: Rota, *, doctor_ids: Iterable[int] = ()) -> StoredRota:
    """``rota`` as the rules read it: its doctors (and those of ``doctor_ids``, about to
    join it) with their committed assignments from two weeks before the period to two
    weeks after it.

    Plain rows, not model instances, and times as the database's own text, parsed by
    ``datetime.fromisoformat``: a 30-doctor, 26-week rota is some 3,500 rows, and Django's
    converters for their 7,000 times cost four times the query (the grid and the
    compliance page read them on every request)."""
    doctors_on_rota = (
        Assignment.objects.filter(rota=rota)
        .order_by()
        .values_list("doctor_id", flat=True)
        .distinct()
    )
    ids = set(doctors_on_rota) | set(doctor_ids)
    window_start, window_end = window_of(rota.period_start, rota.period_end)
    rows = (
        Assignment.objects.filter(
            committed(rota.pk),
            doctor_id__in=ids,
            date__gte=window_start,
            date__lte=window_end,
        )
        .order_by("start", "doctor_id", "pk")
        .values_list(
            "pk",
            "doctor_id",
            Cast("start", CharField()),
            Cast("end", CharField()),
            "shift_type__kind",
            "rota_id",
            "shift_type__code",
        )
    )
    doctors = Doctor.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk")
    return StoredRota(
        rota_id=rota.pk,
        period=Period(rota.period_start, rota.period_end),
        doctors=tuple(doctor_terms(d) for d in doctors),
        rows=tuple(rows),
        zone=connection.timezone or UTC,
        local=local_rules_of(rota.department_id, rota.period_start, rota.period_end),
    )


def engine_rota(
    rota: Rota,
    *,
    removed: Iterable[int] = (),
    added: Iterable[PlannedShift] = (),
) -> RotaShifts:
    """``rota`` as the engine sees it, optionally with assignments ``removed`` (by id) and
    shifts ``added``, so an edit can be checked before it is saved."""
    extra = list(added)
    stored = stored_rota(rota, doctor_ids={shift.doctor_id for shift in extra})
    return stored.rota_shifts(removed=removed, added=extra)


def window_of(start: date, end: date) -> tuple[date, date]:
    return start - MARGIN, end + MARGIN
