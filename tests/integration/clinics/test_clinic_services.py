"""Clinic services on a real database: generation, the leave hooks, the decisions on a
session with their short-notice approval, the rebooking list, templates and booking."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from rotaplan.clinics.models import (
    AppointmentStatus,
    ChangeStatus,
    ClinicSession,
    RebookingEntry,
    SessionStatus,
    SlotType,
)
from rotaplan.clinics.schedule import Slot
from rotaplan.clinics.services import (
    AlreadyDecided,
    Stale,
    TemplateFields,
    appointment_book,
    rebooking_mark_rebooked,
    session_change_decide,
    session_change_propose,
    sessions_generate,
    template_change,
    template_create,
    templates_from_job_plan,
)
from rotaplan.engine.clock import LONDON
from rotaplan.jobplans.models import Activity, JobPlan
from rotaplan.leave.impact import leave_impact
from rotaplan.leave.models import LeaveStatus
from rotaplan.leave.services import leave_decide
from rotaplan.notifications.models import Notification
from rotaplan.people.models import Role
from tests.factories.clinics import (
    NHS_NUMBERS,
    AppointmentFactory,
    ClinicSessionFactory,
    ClinicTemplateFactory,
)
from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import CompetencyFactory, DoctorFactory, user_with_role

from .conftest import LATER, SOON

pytestmark = pytest.mark.django_db


# --- generation ---------------------------------------------------------------------


def test_generation_skips_bank_holidays_and_is_idempotent(world):
    friday = ClinicTemplateFactory(
        department=world.acute, clinician=world.ada, weekday=4, valid_from=date(2026, 12, 4)
    )
    made = sessions_generate(
        actor=world.coordinator,
        department=world.acute,
        start=date(2026, 12, 7),
        end=date(2027, 1, 10),
    )
    days = list(ClinicSession.objects.filter(template=friday).values_list("date", flat=True))
    assert days == [date(2026, 12, 11), date(2026, 12, 18), date(2027, 1, 8)]
    assert made.bank_holidays == [date(2026, 12, 25), date(2027, 1, 1)]
    assert "no clinics on bank holidays (Fri 25 Dec 2026, Fri 1 Jan 2027)" in made.words
    session = ClinicSession.objects.get(template=friday, date=date(2026, 12, 11))
    assert session.slots_planned == 10
    assert session.start.hour == 9
    again = sessions_generate(
        actor=world.coordinator,
        department=world.acute,
        start=date(2026, 12, 7),
        end=date(2027, 1, 10),
    )
    assert (again.created, again.already) == (0, 3)


def test_one_in_two_within_its_dates(world):
    ClinicTemplateFactory(
        department=world.acute,
        clinician=world.ada,
        weekday=1,
        every_weeks=2,
        valid_from=date(2026, 12, 8),
        valid_to=date(2027, 1, 31),
    )
    sessions_generate(
        actor=world.coordinator,
        department=world.acute,
        start=date(2026, 12, 1),
        end=date(2027, 3, 1),
    )
    assert list(ClinicSession.objects.values_list("date", flat=True)) == [
        date(2026, 12, 8),
        date(2026, 12, 22),
        date(2027, 1, 5),
        date(2027, 1, 19),
    ]


def test_a_clinician_already_away_gets_the_session_to_decide(world, template):
    leave = LeaveRecordFactory(doctor=world.ada, start=date(2026, 12, 14), end=date(2026, 12, 18))
    made = sessions_generate(
        actor=world.coordinator,
        department=world.acute,
        start=date(2026, 12, 7),
        end=date(2026, 12, 23),
    )
    assert made.away == 1
    away = ClinicSession.objects.get(date=SOON)
    assert away.status == SessionStatus.CLINICIAN_AWAY
    assert away.away_leave == leave


def test_generation_by_the_wrong_people_is_refused(world, template):
    for user in (world.booking_coordinator, world.cardiology_coordinator, world.ada_user):
        with pytest.raises(PermissionDenied):
            sessions_generate(
                actor=user, department=world.acute, start=date(2026, 12, 7), end=date(2026, 12, 31)
            )
    with pytest.raises(ValidationError) as refused:
        sessions_generate(
            actor=world.coordinator,
            department=world.acute,
            start=date(2026, 12, 7),
            end=date(2026, 12, 1),
        )
    assert "end" in refused.value.message_dict


# --- the leave hooks ----------------------------------------------------------------


def test_the_leave_decision_shows_the_clinic_and_approval_marks_it_away(world, soon):
    AppointmentFactory.create_batch(2, session=soon)
    request = LeaveRecordFactory(
        doctor=world.ada,
        start=date(2026, 12, 14),
        end=date(2026, 12, 16),
        status=LeaveStatus.REQUESTED,
    )
    impact = leave_impact(doctor=world.ada, start=request.start, end=request.end)
    assert impact.other == [
        "Clinic Tue 15 Dec 2026, morning (09:00 to 13:00): Acute follow-up clinic, 2 patients "
        "booked — inside the 6-week notice window: cancelling, reducing or backfilling it "
        "needs a service manager's approval"
    ]
    leave_decide(actor=world.coordinator, record=request, approve=True)
    soon.refresh_from_db()
    assert soon.status == SessionStatus.CLINICIAN_AWAY
    assert soon.away_leave_id == request.pk
    told = set(
        Notification.objects.filter(subject__contains="clinic session").values_list(
            "recipient", flat=True
        )
    )
    assert {world.coordinator.pk, world.booking_coordinator.pk} <= told
    # Nothing is cancelled by itself: the patients are still booked.
    assert soon.appointments.filter(status=AppointmentStatus.BOOKED).count() == 2


# --- decisions ----------------------------------------------------------------------


def test_short_notice_cancel_waits_then_approval_fills_the_rebooking_list(world, soon):
    AppointmentFactory.create_batch(3, session=soon)
    change = session_change_propose(
        actor=world.coordinator,
        session=soon,
        action="cancel",
        reason="Room closed",
        version=soon.version,
    )
    soon.refresh_from_db()
    assert change.short_notice
    assert change.status == ChangeStatus.AWAITING
    assert soon.status == SessionStatus.AWAITING_APPROVAL
    assert Notification.objects.filter(
        recipient=world.service_manager, subject__startswith="Short-notice"
    ).exists()
    assert not RebookingEntry.objects.exists()
    with pytest.raises(PermissionDenied):
        session_change_decide(actor=world.coordinator, change=change, approve=True)
    session_change_decide(
        actor=world.service_manager, change=change, approve=True, version=soon.version
    )
    soon.refresh_from_db()
    change.refresh_from_db()
    assert soon.status == SessionStatus.CANCELLED
    assert soon.slots_kept == 0
    assert change.decided_by == world.service_manager
    assert change.decided_at is not None
    entries = RebookingEntry.objects.all()
    assert entries.count() == 3
    assert entries[0].reason == "Acute follow-up clinic on Tue 15 Dec 2026 cancelled: Room closed"
    assert set(soon.appointments.values_list("status", flat=True)) == {AppointmentStatus.TO_REBOOK}


def test_refused_change_leaves_the_session_as_it_was(world, soon):
    change = session_change_propose(actor=world.coordinator, session=soon, action="cancel")
    with pytest.raises(ValidationError):
        session_change_decide(actor=world.service_manager, change=change, approve=False)
    session_change_decide(
        actor=world.service_manager, change=change, approve=False, reason="Find cover"
    )
    soon.refresh_from_db()
    assert soon.status == SessionStatus.PLANNED


def test_the_second_approver_is_told_who_decided(world, soon):
    other = user_with_role(Role.SERVICE_MANAGER, world.acute, first_name="Sam", last_name="Reid")
    change = session_change_propose(actor=world.coordinator, session=soon, action="cancel")
    session_change_decide(actor=other, change=change, approve=True)
    with pytest.raises(AlreadyDecided) as late:
        session_change_decide(
            actor=world.service_manager, change=change, approve=False, reason="No"
        )
    assert late.value.message.startswith("This change was already approved by Sam Reid on ")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite locks the whole database, not rows; CI runs PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_approvers_at_once_one_wins_and_the_other_is_told_who(world, soon):
    other = user_with_role(Role.SERVICE_MANAGER, world.acute, first_name="Sam", last_name="Reid")
    change = session_change_propose(actor=world.coordinator, session=soon, action="cancel")

    def decide(user):
        from django.db import connection

        try:
            session_change_decide(actor=user, change=change, approve=True)
            return "decided"
        except AlreadyDecided as late:
            return late.message
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(decide, [world.service_manager, other]))
    assert results.count("decided") == 1
    told = next(r for r in results if r != "decided")
    assert told.startswith("This change was already approved by ")


def test_a_change_far_ahead_applies_at_once(world, later):
    change = session_change_propose(
        actor=world.coordinator, session=later, action="reduce", slots_kept=4
    )
    later.refresh_from_db()
    assert change.status == ChangeStatus.APPLIED
    assert not change.short_notice
    assert later.status == SessionStatus.REDUCED
    assert later.slots_kept == 4


def test_reduce_keeps_urgent_suspected_cancer_first_then_new(world, later):
    start = later.start
    from datetime import timedelta

    follow = AppointmentFactory(session=later, slot_type=SlotType.FOLLOW_UP, start=start)
    new = AppointmentFactory(
        session=later, slot_type=SlotType.NEW, start=start + timedelta(minutes=30)
    )
    usc = AppointmentFactory(
        session=later, slot_type=SlotType.URGENT_SUSPECTED_CANCER, start=start + timedelta(hours=2)
    )
    session_change_propose(actor=world.coordinator, session=later, action="reduce", slots_kept=2)
    follow.refresh_from_db()
    new.refresh_from_db()
    usc.refresh_from_db()
    assert (usc.status, new.status, follow.status) == ("booked", "booked", "to_rebook")


def test_backfill_by_an_away_or_unqualified_clinician_is_refused(world, later):
    echo = CompetencyFactory(code="echo", name="Echocardiography")
    later.template.skills.add(echo)
    LeaveRecordFactory(doctor=world.bea, start=LATER, end=LATER)
    with pytest.raises(ValidationError) as away:
        session_change_propose(
            actor=world.coordinator, session=later, action="backfill", backfill_clinician=world.bea
        )
    assert away.value.message_dict["backfill_clinician"] == [
        "Dr Bea Okafor does not have Echocardiography, which this clinic needs"
    ]
    world.bea.competencies.add(echo)
    with pytest.raises(ValidationError) as away:
        session_change_propose(
            actor=world.coordinator, session=later, action="backfill", backfill_clinician=world.bea
        )
    assert away.value.message_dict["backfill_clinician"] == [
        "Dr Bea Okafor is away that day (annual leave)"
    ]
    cal = DoctorFactory(first_name="Cal", last_name="Ross", department=world.acute)
    cal.competencies.add(echo)
    change = session_change_propose(
        actor=world.coordinator, session=later, action="backfill", backfill_clinician=cal
    )
    later.refresh_from_db()
    assert change.status == ChangeStatus.APPLIED
    assert later.clinician == cal
    assert later.status == SessionStatus.BACKFILLED
    other = ClinicSessionFactory(
        template=ClinicTemplateFactory(department=world.acute, clinician=world.bea), date=LATER
    )
    with pytest.raises(ValidationError) as busy:
        session_change_propose(
            actor=world.coordinator, session=other, action="backfill", backfill_clinician=cal
        )
    assert (
        "runs Acute follow-up clinic at the same time"
        in busy.value.message_dict["backfill_clinician"][0]
    )


def test_stale_past_and_wrong_people_are_refused(world, later, template):
    with pytest.raises(Stale):
        session_change_propose(
            actor=world.coordinator, session=later, action="cancel", version=later.version + 1
        )
    past = ClinicSessionFactory(template=template, date=date(2026, 12, 1))
    with pytest.raises(ValidationError) as refused:
        session_change_propose(actor=world.coordinator, session=past, action="cancel")
    assert "in the past" in refused.value.messages[0]
    for user in (world.booking_coordinator, world.cardiology_coordinator, world.ada_user):
        with pytest.raises(PermissionDenied):
            session_change_propose(actor=user, session=later, action="cancel")
    with pytest.raises(ValidationError) as reduce:
        session_change_propose(
            actor=world.coordinator, session=later, action="reduce", slots_kept=10
        )
    assert "from 1 to 9" in reduce.value.message_dict["slots_kept"][0]


def test_a_service_manager_approves_their_own_short_notice_change(world, soon):
    change = session_change_propose(actor=world.service_manager, session=soon, action="cancel")
    assert change.short_notice
    assert change.status == ChangeStatus.APPLIED
    assert change.decided_by == world.service_manager


# --- templates, booking, rebooking ---------------------------------------------------


def fields(world, slots, **more):
    return TemplateFields(
        clinician=world.ada,
        name="Acute clinic",
        weekday=2,
        start=time(9),
        end=time(13),
        every_weeks=1,
        valid_from=date(2027, 1, 4),
        valid_to=None,
        slots=slots,
        **more,
    )


def test_template_slots_are_checked_naming_the_row_and_the_figures(world):
    with pytest.raises(ValidationError) as zero:
        template_create(
            actor=world.coordinator,
            department=world.acute,
            fields=fields(world, [Slot("new", 30, 2), Slot("follow_up", 0, 3)]),
        )
    assert zero.value.message_dict["slots"] == ["Slot row 2: enter a length of more than 0 minutes"]
    with pytest.raises(ValidationError) as long:
        template_create(
            actor=world.coordinator,
            department=world.acute,
            fields=fields(world, [Slot("new", 30, 9)]),
        )
    assert long.value.message_dict["slots"] == [
        "The slots take 270 minutes but the clinic runs 240 minutes (09:00 to 13:00): "
        "take 30 minutes off"
    ]
    made = template_create(
        actor=world.coordinator, department=world.acute, fields=fields(world, [Slot("new", 30, 8)])
    )
    template_change(
        actor=world.coordinator,
        template=made,
        fields=fields(world, [Slot("usc", 30, 4)]),
        version=1,
    )
    with pytest.raises(Stale):
        template_change(
            actor=world.coordinator,
            template=made,
            fields=fields(world, [Slot("usc", 30, 4)]),
            version=1,
        )
    with pytest.raises(PermissionDenied):
        template_create(
            actor=world.booking_coordinator,
            department=world.acute,
            fields=fields(world, [Slot("new", 30, 2)]),
        )


def test_templates_from_a_job_plan(world):
    plan = JobPlan.objects.create(doctor=world.ada, year_start=date(2027, 4, 1))
    Activity.objects.create(
        job_plan=plan,
        category="dcc",
        kind="clinic",
        description="Heart failure clinic",
        weekday=0,
        start=time(9),
        end=time(13),
        weeks="one_in",
        weeks_value=2,
        location="OPD 2",
    )
    Activity.objects.create(
        job_plan=plan,
        category="dcc",
        kind="clinic",
        description="Pacing clinic",
        weekday=3,
        start=time(13),
        end=time(17),
        weeks="per_year",
        weeks_value=10,
    )
    Activity.objects.create(
        job_plan=plan,
        category="spa",
        kind="spa",
        description="SPA",
        weekday=4,
        start=time(9),
        end=time(13),
    )
    result = templates_from_job_plan(actor=world.coordinator, job_plan=plan)
    assert [t.name for t in result.created] == ["Heart failure clinic"]
    made = result.created[0]
    assert (made.every_weeks, made.location, made.valid_to) == (2, "OPD 2", date(2028, 3, 31))
    assert [(s.slot_type, s.minutes, s.count) for s in made.slots.all()] == [
        ("new", 30, 3),
        ("follow_up", 20, 7),
    ]
    assert result.skipped[0].startswith("Pacing clinic: it runs 10 weeks a year")
    again = templates_from_job_plan(actor=world.coordinator, job_plan=plan)
    assert again.created == []


def test_booking_places_the_patient_in_the_next_free_slot_and_rebooking(world, later):
    first = appointment_book(
        actor=world.booking_coordinator,
        session=later,
        slot_type="follow_up",
        patient_name="Ann Lee",
        nhs_number="943 476 5919",
    )
    second = appointment_book(
        actor=world.booking_coordinator,
        session=later,
        slot_type="follow_up",
        patient_name="Bob Ray",
        nhs_number=NHS_NUMBERS[1],
    )
    # After the three 30-minute new patients: 10:30 London time.
    assert first.start.astimezone(LONDON).strftime("%H:%M") == "10:30"
    assert (second.start - first.start).seconds == 20 * 60
    with pytest.raises(ValidationError) as bad:
        appointment_book(
            actor=world.booking_coordinator,
            session=later,
            slot_type="new",
            patient_name="X",
            nhs_number="9434765918",
        )
    assert "nhs_number" in bad.value.message_dict
    session_change_propose(
        actor=world.coordinator, session=later, action="cancel", reason="Ward closed"
    )
    entry = RebookingEntry.objects.order_by("pk").first()
    rebooking_mark_rebooked(actor=world.booking_coordinator, entry=entry)
    with pytest.raises(Stale):
        rebooking_mark_rebooked(actor=world.booking_coordinator, entry=entry)
