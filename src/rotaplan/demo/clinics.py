"""Clinics in the demo, in its story (today is Mon 7 Dec 2026):

- a clinic template for each clinic activity of every job plan not in draft, with the
  default slot mix, and a year of sessions from the changeover (Mon 3 Aug 2026), bank
  holidays left out;
- discrepancies a service manager should see: some consultants' clinics run one week in
  two although their job plans say every week, and some consultants run an extra
  waiting-list clinic on their SPA afternoon, so their SPA is lost;
- patients booked into the next six weeks' sessions (NHS numbers from the range the NHS
  keeps for testing, 999 000 0000 to 999 999 9999, so none is a real patient's);
- the sessions of consultants on approved leave: the past ones cancelled at the time; the
  coming ones waiting for the coordinator, except in acute medicine, where one clinic was
  cancelled at short notice last week with the service manager's approval (its patients
  on the rebooking list) and one is proposed for cancelling, waiting for the service
  manager.

Rows are inserted directly, as the rest of the demo is, so the audit log starts empty.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import date, time, timedelta

from faker import Faker

from rotaplan.clinics.models import (
    Appointment,
    ChangeAction,
    ChangeStatus,
    ClinicPolicy,
    ClinicSession,
    ClinicTemplate,
    SessionChange,
    SessionStatus,
    TemplateSlot,
)
from rotaplan.clinics.schedule import Slot, default_slots, minutes_between, slot_starts
from rotaplan.clinics.services import change_applied, sessions_made
from rotaplan.engine.clock import local_datetime
from rotaplan.jobplans.models import (
    Activity,
    ActivityKind,
    Category,
    JobPlan,
    JobPlanStatus,
    Weeks,
)
from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
from rotaplan.organisation.models import Department
from rotaplan.people.grades import Grade
from rotaplan.people.models import Doctor, User

from .dates import ROTA_START
from .jobplans import JOB_PLAN_YEAR
from .leave import STORY_MONDAY
from .seeding import faker_for, rng_for

SESSION_WEEKS = 52
BOOKED_WEEKS = 6  # patients are booked this far ahead
BOOKED_SHARE = 0.8  # of the slots in those weeks
# Every Nth job plan's clinics run one week in two against a weekly job plan.
HALF_DELIVERED_EVERY = 7
# Every Nth job plan's holder runs an extra clinic on their SPA afternoon.
SPA_LOST_EVERY = 8
SPA_CLINIC_WEEKS = (6, 8)  # from 6 weeks before the story's Monday to 8 weeks after


def create_clinics(
    plans: Sequence[JobPlan],
    departments: Sequence[Department],
    coordinator: User | None,
    manager: User | None,
    seed: int,
    spared: Doctor,
) -> int:
    """Templates, a year of sessions, booked patients and the decisions of the story; the
    number of sessions. ``spared`` (the consultant who signs in) keeps their clinics."""
    ClinicPolicy.objects.bulk_create([ClinicPolicy(department=d) for d in departments])
    _templates(plans)
    end = ROTA_START + timedelta(weeks=SESSION_WEEKS, days=-1)
    made = sum(sessions_made(department=d, start=ROTA_START, end=end).created for d in departments)
    _past_leave_cancelled(coordinator)
    _patients_booked(faker_for(seed), rng_for(seed, "clinics"))
    if coordinator is not None and manager is not None:
        _story_leave(plans, coordinator, spared)
        _acute_medicine_decisions(coordinator, manager)
    return made


def _templates(plans: Sequence[JobPlan]) -> list[ClinicTemplate]:
    """A template for each clinic activity, and the extra SPA-afternoon clinics."""
    # A plan still in draft is a new timetable: its clinics have no template yet, and the
    # coordinator makes them from the job plan's page.
    activities = list(
        Activity.objects.filter(job_plan__in=plans, kind=ActivityKind.CLINIC, category=Category.DCC)
        .exclude(job_plan__status=JobPlanStatus.DRAFT)
        .select_related("job_plan__doctor")
    )
    order = {plan.pk: index for index, plan in enumerate(plans)}
    templates: list[ClinicTemplate] = []
    for activity in activities:
        doctor = activity.job_plan.doctor
        half = order[activity.job_plan_id] % HALF_DELIVERED_EVERY == HALF_DELIVERED_EVERY - 1
        every = activity.weeks_value if activity.weeks == Weeks.ONE_IN else 1
        templates.append(
            ClinicTemplate(
                department_id=doctor.department_id,
                clinician=doctor,
                activity=activity,
                name=f"{activity.description}, {doctor}",
                weekday=activity.weekday,
                start=activity.start,
                end=activity.end,
                every_weeks=2 if half else (every or 1),
                valid_from=JOB_PLAN_YEAR,
                location=activity.location,
            )
        )
    spa = Activity.objects.filter(
        job_plan__in=plans, category=Category.SPA, kind=ActivityKind.SPA
    ).select_related("job_plan__doctor")
    before, after = SPA_CLINIC_WEEKS
    for activity in spa:
        if order[activity.job_plan_id] % SPA_LOST_EVERY != SPA_LOST_EVERY - 1:
            continue
        doctor = activity.job_plan.doctor
        templates.append(
            ClinicTemplate(
                department_id=doctor.department_id,
                clinician=doctor,
                name=f"Waiting list initiative clinic, {doctor}",
                weekday=activity.weekday,
                start=activity.start,
                end=activity.end,
                valid_from=STORY_MONDAY - timedelta(weeks=before),
                valid_to=STORY_MONDAY + timedelta(weeks=after),
                location="Outpatients, level 2",
            )
        )
    ClinicTemplate.objects.bulk_create(templates)
    TemplateSlot.objects.bulk_create(
        [
            TemplateSlot(
                template=template,
                position=position,
                slot_type=slot.slot_type,
                minutes=slot.minutes,
                count=slot.count,
            )
            for template in templates
            for position, slot in enumerate(
                default_slots(minutes_between(template.start, template.end))
            )
        ]
    )
    return templates


def _past_leave_cancelled(coordinator: User | None) -> None:
    """Sessions before the story's Monday whose clinician was away were cancelled by the
    coordinator when the leave was approved."""
    past = list(
        ClinicSession.objects.filter(
            status=SessionStatus.CLINICIAN_AWAY, date__lt=STORY_MONDAY
        ).select_related("away_leave")
    )
    changes = []
    for session in past:
        session.status = SessionStatus.CANCELLED
        session.slots_kept = 0
        decided = session.away_leave.decided_at if session.away_leave else None
        changes.append(
            SessionChange(
                session=session,
                action=ChangeAction.CANCEL,
                reason="Clinician on leave",
                status=ChangeStatus.APPLIED,
                proposed_by=coordinator,
                proposed_at=decided or local_datetime(session.date, session.start.time()),
                decided_by=coordinator,
                decided_at=decided,
            )
        )
    ClinicSession.objects.bulk_update(past, ["status", "slots_kept"])
    SessionChange.objects.bulk_create(changes)


def _nhs_number(rng: random.Random) -> str:
    """A valid NHS number from the range kept for testing (modulus 11 check digit)."""
    while True:
        digits = [9, 9, 9, *(rng.randrange(10) for _ in range(6))]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def _patients_booked(fake: Faker, rng: random.Random) -> None:
    """Patients in most slots of the next ``BOOKED_WEEKS`` weeks' sessions."""
    sessions = (
        ClinicSession.objects.filter(
            date__gte=STORY_MONDAY,
            date__lt=STORY_MONDAY + timedelta(weeks=BOOKED_WEEKS),
            status__in=(SessionStatus.PLANNED, SessionStatus.CLINICIAN_AWAY),
        )
        .select_related("template")
        .prefetch_related("template__slots")
        .order_by("date", "pk")
    )
    booked = []
    for session in sessions:
        runs = [Slot(t.slot_type, t.minutes, t.count) for t in session.template.slots.all()]
        slots = slot_starts(session.start, runs)
        for slot_type, start, minutes in slots:
            if rng.random() < BOOKED_SHARE:
                booked.append(
                    Appointment(
                        session=session,
                        slot_type=slot_type,
                        start=start,
                        minutes=minutes,
                        patient_name=fake.name(),
                        nhs_number=_nhs_number(rng),
                    )
                )
    Appointment.objects.bulk_create(booked, batch_size=1000)


def _leave_windows() -> Iterator[tuple[date, date]]:
    """Weekdays off in the next four weeks, longest first: a week, then shorter runs."""
    for week in range(1, 5):
        monday = STORY_MONDAY + timedelta(weeks=week)
        for days in (5, 4, 3):
            for offset in range(6 - days):
                start = monday + timedelta(days=offset)
                yield start, start + timedelta(days=days - 1)


def _story_leave(plans: Sequence[JobPlan], coordinator: User, spared: Doctor) -> None:
    """Annual leave approved last week for an acute medicine consultant in the next four
    weeks, clear of their on-call and holding two of their clinics with patients booked,
    so that clinics inside the notice window wait for the coordinator whatever the seed
    drew. Approved as the service does it (``take_off_rotas``), which marks the sessions
    away through the clinics' hook."""
    from auditlog.context import disable_auditlog

    from rotaplan.leave.services import take_off_rotas

    department_ids = set(coordinator.role_assignments.values_list("department_id", flat=True))
    consultants = [
        p.doctor
        for p in plans
        if p.doctor.department_id in department_ids
        and p.doctor.grade == Grade.CONSULTANT
        and p.doctor.pk != spared.pk
    ]
    for start, end in _leave_windows():
        for doctor in consultants:
            clinics = ClinicSession.objects.filter(
                clinician=doctor, date__range=(start, end), appointments__isnull=False
            ).distinct()
            if (
                clinics.count() < 2
                or doctor.assignments.filter(date__range=(start, end)).exists()
                or LeaveRecord.objects.filter(
                    doctor=doctor, start__lte=end, end__gte=start
                ).exists()
            ):
                continue
            record = LeaveRecord.objects.create(
                doctor=doctor,
                leave_type=LeaveType.ANNUAL,
                start=start,
                end=end,
                status=LeaveStatus.APPROVED,
                note="Family holiday",
                requested_at=local_datetime(STORY_MONDAY - timedelta(days=10), time(11)),
                decided_by=coordinator,
                decided_at=local_datetime(STORY_MONDAY - timedelta(days=3), time(16)),
            )
            with disable_auditlog():
                take_off_rotas(made_by=coordinator, record=record, start=start, end=end)
            return


def _acute_medicine_decisions(coordinator: User, manager: User) -> None:
    """In the coordinator's department, two coming clinics whose clinician is away, both
    inside the notice window: the first cancelled last week at short notice and approved
    by the service manager (its patients on the rebooking list, put there as the service
    does it); the second proposed for cancelling and waiting for the service manager."""
    from auditlog.context import disable_auditlog

    department_ids = set(coordinator.role_assignments.values_list("department_id", flat=True))
    away = [
        session
        for session in ClinicSession.objects.filter(
            template__department_id__in=department_ids,
            status=SessionStatus.CLINICIAN_AWAY,
            date__gte=STORY_MONDAY,
        )
        .select_related("template", "away_leave")
        .order_by("date", "pk")
        if session.appointments.exists()
    ]
    last_week = STORY_MONDAY - timedelta(days=4)
    if away:
        cancelled = away[0]
        change = SessionChange.objects.create(
            session=cancelled,
            action=ChangeAction.CANCEL,
            reason="Clinician on annual leave",
            short_notice=True,
            status=ChangeStatus.APPLIED,
            proposed_by=coordinator,
            proposed_at=local_datetime(last_week, time(9, 30)),
            decided_by=manager,
            decided_at=local_datetime(last_week, time(14, 10)),
        )
        with disable_auditlog():
            change_applied(change, cancelled)
    if len(away) > 1:
        waiting = away[1]
        SessionChange.objects.create(
            session=waiting,
            action=ChangeAction.CANCEL,
            reason="Clinician on annual leave",
            short_notice=True,
            status=ChangeStatus.AWAITING,
            proposed_by=coordinator,
            proposed_at=local_datetime(STORY_MONDAY, time(9, 30)),
        )
        waiting.status = SessionStatus.AWAITING_APPROVAL
        waiting.save(update_fields=["status"])
