"""Leave in the demo: some annual, study and sick leave, mostly approved.

Leave falls inside the rota period (after the changeover week, when new doctors are at
induction), never overlapping for one doctor. Leave that starts more than two months
after the rota begins is sometimes still awaiting a decision, as it would be in June when
the rota was published. Sickness is recorded, so it is always "approved". Approved leave
is built before the rotas, because a doctor on approved leave is given no shift that day.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
from rotaplan.people.grades import TRAINING_GRADES
from rotaplan.people.models import Doctor

from .dates import ROTA_END, ROTA_START, ROTA_WEEKS
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
