"""Leave in the demo: some annual, study and sick leave, mostly approved.

Leave falls inside the rota period (after the changeover week, when new doctors are at
induction), never overlapping for one doctor. Leave that starts more than two months
after the rota begins is sometimes still awaiting a decision, as it would be in June when
the rota was published. Sickness is recorded, so it is always "approved". Approved leave
is built before the rotas, because a doctor on approved leave is given no shift that day.

Once the rotas and users exist, acute medicine gets what its coordinator works from: a
leave policy and minimum staffing, this leave year's entitlements, requests waiting for a
decision (the demo doctor's among them) and a sickness recorded this week, whose shifts
came off the rota as a new version and left gaps.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, time, timedelta
from decimal import Decimal

from rotaplan.engine.clock import local_datetime
from rotaplan.leave.models import (
    LeaveEntitlement,
    LeavePolicy,
    LeaveRecord,
    LeaveStatus,
    LeaveType,
    MinimumStaffing,
)
from rotaplan.organisation.models import Department
from rotaplan.people.grades import TRAINING_GRADES
from rotaplan.people.models import Doctor, User

from .dates import PUBLISHED_AT, ROTA_END, ROTA_START, ROTA_WEEKS
from .seeding import rng_for

TRAINEE_STUDY_NOTES = (
    "Regional teaching day",
    "ALS recertification",
    "MRCP PACES examination",
    "Simulation course",
)
SENIOR_STUDY_NOTES = ("Society annual conference", "Educational supervisor training")

ANNUAL_BLOCKS_WEIGHTS = (3, 5, 2)  # no, one or two blocks of annual leave
ANNUAL_DAYS = (1, 2, 3, 5, 5, 5)  # a long weekend, or a week
DECIDED_WEEKS = 9  # leave starting in the first nine weeks has been decided
STILL_REQUESTED = 0.15  # of later leave, the share still awaiting a decision


class LeavePlanner:
    """Places one doctor's leave without overlaps."""

    def __init__(self, doctor: Doctor, rng: random.Random) -> None:
        self.doctor = doctor
        self.rng = rng
        self.taken: set[date] = set()
        self.records: list[LeaveRecord] = []

    def place(self, leave_type: str, days: int, note: str = "", *, decided: bool = False) -> None:
        for _ in range(5):  # a few tries; a doctor with a full diary simply books less
            week = self.rng.randrange(1, ROTA_WEEKS)
            weekday = 0 if days >= 5 else self.rng.randrange(0, 5)
            start = ROTA_START + timedelta(weeks=week, days=weekday)
            end = start + timedelta(days=days - 1)
            span = {start + timedelta(days=i) for i in range(days)}
            if end > ROTA_END or span & self.taken:
                continue
            self.taken |= span
            status = LeaveStatus.APPROVED
            if not decided and week >= DECIDED_WEEKS and self.rng.random() < STILL_REQUESTED:
                status = LeaveStatus.REQUESTED
            self.records.append(
                LeaveRecord(
                    doctor=self.doctor,
                    leave_type=leave_type,
                    start=start,
                    end=end,
                    status=status,
                    note=note,
                )
            )
            return


def draw_leave(doctors: Sequence[Doctor], seed: int) -> list[LeaveRecord]:
    """Leave records for the doctors, deterministically from the seed."""
    rng = rng_for(seed, "leave")
    records: list[LeaveRecord] = []
    for doctor in doctors:
        planner = LeavePlanner(doctor, rng)
        in_training = doctor.grade in TRAINING_GRADES
        for _ in range(rng.choices(range(3), weights=ANNUAL_BLOCKS_WEIGHTS)[0]):
            planner.place(LeaveType.ANNUAL, rng.choice(ANNUAL_DAYS))
        if rng.random() < (0.3 if in_training else 0.2):
            notes = TRAINEE_STUDY_NOTES if in_training else SENIOR_STUDY_NOTES
            planner.place(
                LeaveType.STUDY, rng.randint(1, 2) if in_training else 3, rng.choice(notes)
            )
        if rng.random() < 0.08:
            planner.place(LeaveType.SICK, rng.randint(1, 3), decided=True)
        records += planner.records
    return records


def create_leave(doctors: Sequence[Doctor], seed: int) -> list[LeaveRecord]:
    return LeaveRecord.objects.bulk_create(draw_leave(doctors, seed), batch_size=1000)


def approved_days(records: Sequence[LeaveRecord]) -> dict[int, set[date]]:
    """The days each doctor (by id) is away on approved leave."""
    away: dict[int, set[date]] = {}
    for record in records:
        if record.status == LeaveStatus.APPROVED:
            days = away.setdefault(record.doctor_id, set())
            days.update(record.start + timedelta(days=i) for i in range(record.days))
    return away


# --- What a coordinator finds waiting: policy, entitlements, requests, a sickness ------

# The demo's "today" in its story: Mon 7 Dec 2026, 18 weeks into the rota.
STORY_MONDAY = ROTA_START + timedelta(weeks=18)
SICK_DAYS = 7  # off sick the whole week, expected back the Monday after
WAITING_WEEKS = tuple(range(19, 25))  # weeks of the rota the new requests may fall in


def create_leave_policy(department: Department, doctors: Sequence[Doctor]) -> MinimumStaffing:
    """Acute medicine's leave policy: 6 weeks' notice, the leave year from 1 April, and
    no more than one of its rota's doctors away at once."""
    LeavePolicy.objects.create(department=department, notice_weeks=6)
    grades = sorted({d.grade for d in doctors})
    return MinimumStaffing.objects.create(
        department=department,
        grades=grades,
        at_least=max(len(doctors) - 1, 1),
        note="No more than one of the rota's doctors away at once",
    )


def create_entitlements(doctors: Sequence[Doctor], seed: int) -> int:
    """This leave year's record for each doctor: when their NHS service began, and a few
    days carried over from the year before."""
    rng = rng_for(seed, "entitlements")
    year_start = date(ROTA_START.year, 4, 1)
    rows = []
    for doctor in doctors:
        years = rng.choice((1, 2, 3, 6, 8)) if doctor.grade in TRAINING_GRADES else 10
        rows.append(
            LeaveEntitlement(
                doctor=doctor,
                year_start=year_start,
                service_start=doctor.post_start - timedelta(days=365 * years),
                carried_over=Decimal(rng.choice((0, 0, 0, 1, 2, 3))),
                note="Carried over with the clinical director's agreement" if years > 5 else "",
            )
        )
    return len(LeaveEntitlement.objects.bulk_create(rows))


def _free_week(
    doctor: Doctor, colleagues: Sequence[Doctor], weeks: Sequence[int], days: int
) -> tuple[date, date] | None:
    """The best of ``weeks`` in which the doctor has no leave on its first ``days``
    weekdays: one that leaves a shift below its minimum and falls while a colleague is on
    approved leave, then either, then the first free one."""
    from rotaplan.cover.shortfall import left_below_minimum

    others = [c for c in colleagues if c.pk != doctor.pk]
    best: tuple[int, int, date, date] | None = None
    for order, week in enumerate(weeks):
        start = ROTA_START + timedelta(weeks=week)
        end = start + timedelta(days=days - 1)
        if LeaveRecord.objects.filter(doctor=doctor, start__lte=end, end__gte=start).exists():
            continue
        away = LeaveRecord.objects.filter(
            doctor__in=others, status=LeaveStatus.APPROVED, start__lte=end, end__gte=start
        ).exists()
        score = -(int(away) + 2 * int(bool(left_below_minimum(doctor.pk, start, end))))
        if best is None or (score, order) < best[:2]:
            best = (score, order, start, end)
    return (best[2], best[3]) if best else None


def create_waiting_requests(doctor: Doctor, colleagues: Sequence[Doctor], user: User) -> int:
    """The demo doctor's own request and two colleagues', waiting for the coordinator:
    they fall in weeks a colleague is already away, so each breaks minimum staffing."""
    made = 0
    for who, days, note in (
        (doctor, 5, "Family holiday"),
        *((c, 3, "") for c in colleagues[:2]),
    ):
        when = _free_week(who, [doctor, *colleagues], WAITING_WEEKS, days)
        if when is None:
            continue
        LeaveRecord.objects.create(
            doctor=who,
            leave_type=LeaveType.ANNUAL,
            start=when[0],
            end=when[1],
            status=LeaveStatus.REQUESTED,
            note=note,
            requested_by=user if who.pk == doctor.pk else None,
            requested_at=PUBLISHED_AT + timedelta(weeks=20),
        )
        made += 1
    return made


def create_current_sickness(doctor: Doctor, coordinator: User) -> LeaveRecord | None:
    """A colleague off sick this week, expected back next Monday: recorded as the
    coordinator records it, so the shifts come off the rota and the gaps open. Written
    without an audit trail, as the rest of the demo is."""
    from auditlog.context import disable_auditlog

    from rotaplan.leave.services import take_off_rotas

    start = STORY_MONDAY
    end = start + timedelta(days=SICK_DAYS - 1)
    if LeaveRecord.objects.filter(doctor=doctor, start__lte=end, end__gte=start).exists():
        return None
    record = LeaveRecord.objects.create(
        doctor=doctor,
        leave_type=LeaveType.SICK,
        start=start,
        end=end,
        status=LeaveStatus.APPROVED,
        expected_return=end + timedelta(days=1),
        note="Flu",
        requested_by=coordinator,
        decided_by=coordinator,
        requested_at=local_datetime(start, time(8, 15)),
        decided_at=local_datetime(start, time(8, 15)),
    )
    with disable_auditlog():
        take_off_rotas(made_by=coordinator, record=record, start=start, end=end)
    return record


def create_leave_for_coordinators(
    department: Department, juniors: Sequence[Doctor], doctor: Doctor, seed: int
) -> int:
    """Policy, minimum staffing, entitlements, requests waiting for a decision and a
    current sickness in acute medicine; the number of leave records added."""
    coordinator = User.objects.filter(
        role_assignments__role="rota_coordinator", role_assignments__department=department
    ).first()
    doctor_user = User.objects.filter(doctor=doctor).first()
    staff = list(Doctor.objects.filter(department=department).order_by("pk"))
    create_leave_policy(department, juniors)
    create_entitlements(staff, seed)
    colleagues = [d for d in juniors if d.pk != doctor.pk]
    made = create_waiting_requests(doctor, colleagues, doctor_user) if doctor_user else 0
    if coordinator is not None and len(colleagues) > 2:
        made += create_current_sickness(colleagues[-1], coordinator) is not None
    return made
