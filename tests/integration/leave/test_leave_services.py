"""Asking, withdrawing and deciding leave, and recording absence, through the services:
what is refused, what only warns, and what approval does to the published rota."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rotaplan.cover.models import Gap, GapCause
from rotaplan.leave.impact import IMPACT_HOOKS, leave_impact
from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
from rotaplan.leave.selectors import leave_balance, leave_warnings
from rotaplan.leave.services import (
    LeaveAlreadyDecided,
    absence_record,
    absence_return,
    leave_decide,
    leave_request,
    leave_withdraw,
)
from rotaplan.notifications.models import Notification, Topic
from rotaplan.rotas.models import Assignment, RotaChange
from tests.factories.leave import (
    LeaveEntitlementFactory,
    LeavePolicyFactory,
    LeaveRecordFactory,
    MinimumStaffingFactory,
)
from tests.factories.people import DoctorFactory

pytestmark = pytest.mark.django_db


def ask(world, start=date(2026, 8, 10), end=date(2026, 8, 14), leave_type=LeaveType.ANNUAL):
    return leave_request(
        actor=world.ada_user, doctor=world.ada, leave_type=leave_type, start=start, end=end
    )


def refusal(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_a_doctor_asks_for_leave_and_it_waits_for_a_decision(world, shifts):
    record = ask(world)
    assert record.status == LeaveStatus.REQUESTED
    assert record.requested_by == world.ada_user
    balance = leave_balance(world.ada, date(2026, 8, 10))
    # Easter falls twice in the leave year from 1 Apr 2026: ten bank holidays, not eight.
    assert (balance.entitlement.annual_days, balance.entitlement.bank_holidays) == (27, 10)
    assert (balance.waiting, balance.taken, balance.remaining) == (5, 0, Decimal(32))


def test_leave_that_ends_before_it_starts_is_refused(world, shifts):
    errors = refusal(lambda: ask(world, date(2026, 8, 14), date(2026, 8, 10)))
    assert errors == {"end": ["The last day must be on or after the first day"]}


def test_a_year_far_ahead_is_refused(world, shifts):
    errors = refusal(lambda: ask(world, date(2031, 8, 10), date(2031, 8, 11)))
    assert errors["start"] == ["Enter a date from 2025 to 2028"]


def test_leave_over_days_already_asked_for_is_refused(world, shifts):
    ask(world)
    errors = refusal(lambda: ask(world, date(2026, 8, 14), date(2026, 8, 18)))
    assert errors == {
        "start": [
            "Dr Ada Patel already has annual leave Mon 10 Aug 2026 to Fri 14 Aug 2026 "
            "(requested): choose other days"
        ]
    }
    assert LeaveRecord.objects.count() == 1


def test_annual_leave_beyond_the_balance_is_refused(world, shifts):
    LeaveEntitlementFactory(doctor=world.ada, adjustment=Decimal("-33"), note="Sold back")
    errors = refusal(lambda: ask(world))
    assert errors == {
        "end": [
            "This is 5 working days of annual leave, and 4 days are left in the leave year "
            "from Wed 1 Apr 2026"
        ]
    }
    assert not LeaveRecord.objects.exists()


def test_study_leave_is_not_counted_against_annual_leave(world, shifts):
    LeaveEntitlementFactory(doctor=world.ada, adjustment=Decimal("-37"))
    assert ask(world, leave_type=LeaveType.STUDY).status == LeaveStatus.REQUESTED


def test_another_doctor_cannot_ask_leave_for_ada(world, shifts):
    with pytest.raises(PermissionDenied):
        leave_request(
            actor=UserFactory_for(world.carys),
            doctor=world.ada,
            leave_type=LeaveType.ANNUAL,
            start=date(2026, 8, 10),
            end=date(2026, 8, 10),
        )


def UserFactory_for(doctor):
    from tests.factories.people import UserFactory

    return UserFactory(doctor=doctor)


def test_short_notice_minimum_staffing_and_rota_clashes_only_warn(world, shifts):
    LeavePolicyFactory(department=world.acute, notice_weeks=12)
    MinimumStaffingFactory(department=world.acute, grades=["ST3"], at_least=1)
    found = leave_warnings(world.ada, date(2026, 8, 10), date(2026, 8, 11), date(2026, 6, 1))
    assert found.notice == (
        "Shorter notice than the department's 12 weeks: asked 70 days before it starts"
    )
    assert found.staffing == [
        "Mon 10 Aug 2026: 0 of ST3 available, at least 1 needed",
        "Tue 11 Aug 2026: 0 of ST3 available, at least 1 needed",
    ]
    assert found.clashes == [
        "Night (N), a night, on Mon 10 Aug 2026 on Acute medicine registrars",
        "Night (N), a night, on Tue 11 Aug 2026 on Acute medicine registrars",
    ]


def test_a_colleague_of_the_grade_keeps_minimum_staffing(world, shifts):
    DoctorFactory(department=world.acute, grade="ST3")
    MinimumStaffingFactory(department=world.acute, grades=["ST3"], at_least=1, weekdays=[0])
    found = leave_warnings(world.ada, date(2026, 8, 10), date(2026, 8, 11), date(2026, 6, 1))
    assert found.staffing == []


def test_the_impact_lists_shifts_below_their_minimum_and_the_hooks_lines(world, shifts):
    IMPACT_HOOKS.append(lambda doctor, start, end: [f"Clinic of {doctor} on {start}"])
    try:
        impact = leave_impact(doctor=world.ada, start=date(2026, 8, 10), end=date(2026, 8, 17))
    finally:
        IMPACT_HOOKS.pop()
    assert [s.words for s in impact.shorts] == [
        "Night (N) on Mon 10 Aug 2026: 0 on, at least 1 needed",
        "Night (N) on Tue 11 Aug 2026: 0 on, at least 1 needed",
        "Night (N) on Wed 12 Aug 2026: 0 on, at least 1 needed",
        "Day (D) on Mon 17 Aug 2026: 1 on, at least 2 needed",
    ]
    assert impact.other == ["Clinic of Dr Ada Patel on 2026-08-10"]


def test_approval_takes_the_shifts_off_opens_the_gaps_and_tells_the_doctor(
    world, shifts, django_capture_on_commit_callbacks
):
    record = ask(world, date(2026, 8, 10), date(2026, 8, 12))
    with django_capture_on_commit_callbacks(execute=True):
        leave_decide(actor=world.coordinator, record=record, approve=True)
    record.refresh_from_db()
    assert record.status == LeaveStatus.APPROVED
    assert record.decided_by == world.coordinator
    assert not Assignment.objects.filter(doctor=world.ada, shift_type=shifts.night).exists()
    change = RotaChange.objects.get()
    assert change.reason == "Dr Ada Patel on annual leave Mon 10 Aug 2026 to Wed 12 Aug 2026"
    assert [e["date"] for e in change.removed] == ["2026-08-10", "2026-08-11", "2026-08-12"]
    gaps = list(Gap.objects.order_by("date"))
    assert [(g.date.day, g.shift_type.code, g.cause) for g in gaps] == [
        (10, "N", GapCause.LEAVE),
        (11, "N", GapCause.LEAVE),
        (12, "N", GapCause.LEAVE),
    ]
    assert {g.leave_id for g in gaps} == {record.pk}
    told = Notification.objects.get(topic=Topic.LEAVE, recipient=world.ada_user)
    assert told.recipient == world.ada_user
    assert told.subject == "Your annual leave Mon 10 Aug 2026 to Wed 12 Aug 2026 is approved"


def test_declining_needs_a_reason_and_changes_no_rota(world, shifts):
    record = ask(world)
    errors = refusal(lambda: leave_decide(actor=world.coordinator, record=record, approve=False))
    assert "reason" in errors
    leave_decide(
        actor=world.coordinator, record=record, approve=False, reason="Two registrars away"
    )
    record.refresh_from_db()
    assert (record.status, record.decision_reason) == (LeaveStatus.DECLINED, "Two registrars away")
    assert Assignment.objects.filter(doctor=world.ada).count() == 4


def test_the_second_of_two_decisions_is_told_who_decided_and_how(world, shifts):
    record = ask(world)
    seen_by_second = LeaveRecord.objects.get(pk=record.pk)
    world.coordinator.first_name, world.coordinator.last_name = "Gemma", "Price"
    world.coordinator.save()
    leave_decide(actor=world.coordinator, record=record, approve=True)
    with pytest.raises(LeaveAlreadyDecided) as second:
        leave_decide(actor=world.staffing, record=seen_by_second, approve=False, reason="No")
    assert second.value.message == (
        "This request was already approved by Gemma Price on Mon 1 Jun 2026 09:00"
    )
    assert LeaveRecord.objects.get(pk=record.pk).status == LeaveStatus.APPROVED


def test_another_departments_coordinator_cannot_decide(world, shifts):
    record = ask(world)
    with pytest.raises(PermissionDenied):
        leave_decide(actor=world.cardiology_coordinator, record=record, approve=True)


def test_a_doctor_withdraws_their_request_until_it_is_decided(world, shifts):
    first = ask(world)
    leave_withdraw(actor=world.ada_user, record=first)
    assert LeaveRecord.objects.get(pk=first.pk).status == LeaveStatus.CANCELLED
    second = ask(world)
    leave_decide(actor=world.coordinator, record=second, approve=True)
    with pytest.raises(LeaveAlreadyDecided):
        leave_withdraw(actor=world.ada_user, record=second)


def test_sickness_is_approved_at_once_and_opens_gaps_as_sickness(world, shifts):
    record = absence_record(
        actor=world.coordinator,
        doctor=world.ada,
        leave_type=LeaveType.SICK,
        start=date(2026, 8, 10),
        expected_return=date(2026, 8, 18),
    )
    assert (record.status, record.end) == (LeaveStatus.APPROVED, date(2026, 8, 17))
    assert not Assignment.objects.filter(doctor=world.ada).exists()
    # Her shifts' gaps are put down to the sickness; nights nobody worked were short before.
    change = RotaChange.objects.get()
    sickness = Gap.objects.filter(cause=GapCause.SICKNESS)
    assert {(g.shift_type.code, g.date.isoformat()) for g in sickness} == {
        (e["code"], e["date"]) for e in change.removed
    }
    others = Gap.objects.exclude(cause=GapCause.SICKNESS)
    assert set(others.values_list("cause", flat=True)) <= {GapCause.SHORTFALL}
    assert change.reason == ("Dr Ada Patel off sick Mon 10 Aug 2026 to Mon 17 Aug 2026")


def test_an_earlier_return_brings_the_end_in_and_puts_no_shift_back(world, shifts):
    record = absence_record(
        actor=world.coordinator,
        doctor=world.ada,
        leave_type=LeaveType.SICK,
        start=date(2026, 8, 10),
        expected_return=date(2026, 8, 18),
    )
    back, said = absence_return(
        actor=world.coordinator, record=record, actual_return=date(2026, 8, 12), note="Well"
    )
    assert (back.end, back.actual_return, back.return_note) == (
        date(2026, 8, 11),
        date(2026, 8, 12),
        "Well",
    )
    assert "Shifts already taken off the rota are not put back" in said
    assert not Assignment.objects.filter(doctor=world.ada).exists()


def test_a_later_return_takes_the_extra_days_shifts_off(world, shifts):
    record = absence_record(
        actor=world.coordinator,
        doctor=world.ada,
        leave_type=LeaveType.SICK,
        start=date(2026, 8, 10),
        expected_return=date(2026, 8, 11),
    )
    _, said = absence_return(
        actor=world.coordinator, record=record, actual_return=date(2026, 8, 13)
    )
    assert said.endswith("2 more shifts were taken off the rota.")
    assert list(Assignment.objects.filter(doctor=world.ada).values_list("date", flat=True)) == [
        date(2026, 8, 17)
    ]


def test_absence_over_approved_leave_is_refused(world, shifts):
    LeaveRecordFactory(doctor=world.ada, start=date(2026, 8, 10), end=date(2026, 8, 14))
    errors = refusal(
        lambda: absence_record(
            actor=world.coordinator,
            doctor=world.ada,
            leave_type=LeaveType.SICK,
            start=date(2026, 8, 12),
            expected_return=date(2026, 8, 13),
        )
    )
    assert list(errors) == ["start"]


def test_every_decision_is_audited_as_the_coordinator_who_made_it(world, shifts):
    from auditlog.models import LogEntry

    from tests.integration.rotas.audit_entries import entries_for

    record = ask(world)
    leave_decide(actor=world.coordinator, record=record, approve=False, reason="Too many away")
    changed = entries_for(LeaveRecord, record.pk, LogEntry.Action.UPDATE)
    assert [entry.actor for entry in changed] == [world.coordinator]
    assert changed[0].changes_dict["status"] == ["requested", "declined"]
