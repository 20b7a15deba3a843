"""A shift swap: the doctor asks, the colleague accepts, the coordinator approves, and the
published rota changes as one new version. Both doctors are judged by the rules as the
swap would leave them, at every step; two answers or two decisions at once cannot both
win."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rotaplan.leave.models import LeaveStatus, LeaveType
from rotaplan.notifications.models import Notification, Topic
from rotaplan.rotas.models import Assignment, RotaChange
from rotaplan.rotas.versions.services import rota_change_apply
from rotaplan.selfservice.models import ShiftSwap, SwapStatus
from rotaplan.selfservice.services import (
    SwapBreaksRules,
    SwapConflict,
    swap_answer,
    swap_decide,
    swap_request,
    swap_withdraw,
)
from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import DoctorFactory, UserFactory
from tests.factories.rotas import AssignmentFactory

pytestmark = pytest.mark.django_db


def ask(world, registrars, **kwargs) -> ShiftSwap:
    return swap_request(
        actor=world.ada_user,
        assignment=registrars.adas_night,
        colleague=registrars.dan,
        colleague_assignment=kwargs.pop("theirs", registrars.dans_long_day),
        note=kwargs.pop("note", "Family wedding"),
    )


def swap_notes(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, topic=Topic.SWAP).values_list(
            "subject", flat=True
        )
    )


def shifts_of(doctor) -> list[tuple[str, date]]:
    return [(a.shift_type.code, a.date) for a in Assignment.objects.filter(doctor=doctor)]


def test_asked_accepted_and_approved_the_rota_changes_as_one_new_version(world, registrars):
    version = world.rota.version
    swap = ask(world, registrars)
    assert swap.status == SwapStatus.WAITING
    assert swap_notes(registrars.dan_user) == ["Dr Ada Patel asks to swap a shift with you"]

    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    assert swap_notes(world.ada_user) == ["Dr Dan Reid accepted your swap"]
    assert swap_notes(world.coordinator) == ["A shift swap waits for your approval"]
    assert shifts_of(world.ada) == [("N", date(2026, 9, 7))]  # nothing changes yet

    swap = swap_decide(actor=world.coordinator, swap=swap, approve=True, reason="")
    world.rota.refresh_from_db()
    assert swap.status == SwapStatus.APPROVED
    assert world.rota.version == version + 1
    assert RotaChange.objects.get() == swap.change
    assert shifts_of(world.ada) == [("LD", date(2026, 9, 10))]
    assert shifts_of(registrars.dan) == [("N", date(2026, 9, 7))]
    assert "Your shift swap was approved" in swap_notes(world.ada_user)
    assert "Your shift swap was approved" in swap_notes(registrars.dan_user)
    # The rota's version tells both doctors of the change too.
    told = Notification.objects.filter(topic=Topic.ROTA_CHANGE).values_list("recipient", flat=True)
    assert set(told) == {world.ada_user.pk, registrars.dan_user.pk}


def test_a_shift_given_away_only_moves_to_the_colleague(world, registrars):
    swap = ask(world, registrars, theirs=None)
    assert swap.gives_away
    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    swap_decide(actor=world.coordinator, swap=swap, approve=True, reason="Agreed on the ward")
    assert shifts_of(world.ada) == []
    assert set(shifts_of(registrars.dan)) == {("N", date(2026, 9, 7)), ("LD", date(2026, 9, 10))}


def test_a_swap_breaking_the_colleagues_rules_is_refused_naming_the_rule_and_the_doctor(
    world, registrars
):
    for day in (3, 4, 5, 6):  # four nights in a row already: a fifth is one too many
        AssignmentFactory(
            rota=world.rota,
            doctor=registrars.dan,
            shift_type=registrars.night,
            date=date(2026, 9, day),
        )
    with pytest.raises(SwapBreaksRules) as refused:
        ask(world, registrars, theirs=None)
    words = " ".join(refused.value.problems)
    assert "Consecutive nights, for Dr Dan Reid" in words
    assert ShiftSwap.objects.count() == 0


def test_a_swap_breaking_the_askers_rules_is_refused(world, registrars):
    # Ada works a night ending 08:30 on Thu 10 Sep: Dan's long day at 08:30 leaves no rest.
    AssignmentFactory(
        rota=world.rota, doctor=world.ada, shift_type=registrars.night, date=date(2026, 9, 9)
    )
    with pytest.raises(SwapBreaksRules) as refused:
        ask(world, registrars)
    assert any("Dr Ada Patel" in p for p in refused.value.problems), refused.value.problems


def test_a_colleague_on_leave_that_day_cannot_take_the_shift(world, registrars):
    LeaveRecordFactory(
        doctor=registrars.dan,
        leave_type=LeaveType.STUDY,
        start=date(2026, 9, 7),
        end=date(2026, 9, 7),
        status=LeaveStatus.APPROVED,
    )
    with pytest.raises(SwapBreaksRules) as refused:
        ask(world, registrars, theirs=None)
    assert refused.value.problems == ["Dr Dan Reid is on study leave on Mon 7 Sep 2026"]


def test_a_foundation_doctor_cannot_take_a_registrars_shift(world, registrars):
    shift = AssignmentFactory(
        rota=world.rota, doctor=world.bea, shift_type=registrars.long_day, date=date(2026, 9, 11)
    )
    with pytest.raises(SwapBreaksRules) as refused:
        swap_request(
            actor=world.ada_user,
            assignment=registrars.adas_night,
            colleague=world.bea,
            colleague_assignment=shift,
            note="",
        )
    assert "same grade group" in refused.value.problems[0]
    assert "Dr Bea Okafor (Foundation year 1)" in refused.value.problems[0]


def test_a_doctor_swaps_only_their_own_shift_with_a_colleague_of_their_department(
    world, registrars
):
    with pytest.raises(PermissionDenied):
        swap_request(
            actor=registrars.dan_user,
            assignment=registrars.adas_night,
            colleague=registrars.dan,
            note="",
        )
    with pytest.raises(ValidationError) as refused:
        swap_request(
            actor=world.ada_user, assignment=registrars.adas_night, colleague=world.carys, note=""
        )
    assert "colleague" in refused.value.message_dict


def test_a_shift_in_the_past_cannot_be_swapped(world, registrars):
    past = AssignmentFactory(
        rota=world.rota, doctor=world.ada, shift_type=registrars.night, date=date(2026, 8, 20)
    )
    with pytest.raises(ValidationError, match="in the past"):
        swap_request(actor=world.ada_user, assignment=past, colleague=registrars.dan, note="")


def test_the_same_shift_is_not_offered_twice(world, registrars):
    ask(world, registrars)
    with pytest.raises(ValidationError, match="already asked"):
        ask(world, registrars)


def test_two_answers_at_once_one_wins_and_the_other_is_told(world, registrars):
    swap = ask(world, registrars)
    stale = ShiftSwap.objects.get(pk=swap.pk)  # a second tab, opened before either answer
    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    with pytest.raises(SwapConflict, match="already accepted by Dr Dan Reid"):
        swap_answer(actor=registrars.dan_user, swap=stale, accept=False)
    assert ShiftSwap.objects.get(pk=swap.pk).status == SwapStatus.ACCEPTED


def test_two_decisions_at_once_one_wins_and_the_other_is_told(world, registrars):
    swap = ask(world, registrars)
    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    stale = ShiftSwap.objects.get(pk=swap.pk)
    swap_decide(actor=world.coordinator, swap=swap, approve=True, reason="")
    with pytest.raises(SwapConflict, match="already approved by"):
        swap_decide(actor=world.staffing, swap=stale, approve=False, reason="Cover")
    assert RotaChange.objects.count() == 1


def test_a_decision_from_a_stale_page_is_refused(world, registrars):
    swap = ask(world, registrars)
    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    with pytest.raises(SwapConflict, match="already accepted by Dr Dan Reid"):
        swap_decide(actor=world.coordinator, swap=swap, approve=True, version=1)


def test_a_shift_changed_since_the_request_is_refused_at_approval(world, registrars):
    swap = ask(world, registrars)
    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    rota_change_apply(
        made_by=world.coordinator,
        rota=world.rota,
        remove=[registrars.adas_night],
        reason="Dr Ada Patel is off sick",
        check_rules=False,
    )
    with pytest.raises(SwapConflict, match="has changed since it was asked for"):
        swap_decide(actor=world.coordinator, swap=swap, approve=True)
    assert ShiftSwap.objects.get(pk=swap.pk).status == SwapStatus.ACCEPTED


def test_the_rules_are_checked_again_at_approval(world, registrars):
    swap = ask(world, registrars, theirs=None)
    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    for day in (3, 4, 5, 6):  # Dan's rota changed since he accepted
        AssignmentFactory(
            rota=world.rota,
            doctor=registrars.dan,
            shift_type=registrars.night,
            date=date(2026, 9, day),
        )
    with pytest.raises(SwapBreaksRules, match="Consecutive nights"):
        swap_decide(actor=world.coordinator, swap=swap, approve=True)
    assert shifts_of(world.ada) == [("N", date(2026, 9, 7))]


def test_only_the_colleague_answers_and_only_the_departments_coordinator_decides(world, registrars):
    swap = ask(world, registrars)
    other = UserFactory(doctor=DoctorFactory(department=world.acute))
    with pytest.raises(PermissionDenied):
        swap_answer(actor=other, swap=swap, accept=True)
    with pytest.raises(PermissionDenied):
        swap_answer(actor=world.ada_user, swap=swap, accept=True)
    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    for outsider in (world.cardiology_coordinator, world.service_manager, registrars.dan_user):
        with pytest.raises(PermissionDenied):
            swap_decide(actor=outsider, swap=swap, approve=True)


def test_a_refusal_needs_a_reason_and_tells_both_doctors(world, registrars):
    swap = ask(world, registrars)
    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    with pytest.raises(ValidationError) as refused:
        swap_decide(actor=world.coordinator, swap=swap, approve=False, reason=" ")
    assert "reason" in refused.value.message_dict
    swap = swap_decide(
        actor=world.coordinator, swap=swap, approve=False, reason="Dan is needed on the ward"
    )
    assert swap.status == SwapStatus.REFUSED
    assert swap.decided_by == world.coordinator
    assert "Your shift swap was refused" in swap_notes(registrars.dan_user)


def test_the_asker_withdraws_an_undecided_swap(world, registrars):
    swap = ask(world, registrars)
    with pytest.raises(PermissionDenied):
        swap_withdraw(actor=registrars.dan_user, swap=swap)
    swap = swap_withdraw(actor=world.ada_user, swap=swap)
    assert swap.status == SwapStatus.WITHDRAWN
    assert "Dr Ada Patel withdrew a shift swap" in swap_notes(registrars.dan_user)
    with pytest.raises(SwapConflict, match="already withdrawn"):
        swap_answer(actor=registrars.dan_user, swap=swap, accept=True)


def test_each_step_is_audited_as_whoever_took_it(world, registrars):
    from auditlog.models import LogEntry

    swap = ask(world, registrars)
    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    swap_decide(actor=world.coordinator, swap=swap, approve=True)
    actors = list(
        LogEntry.objects.get_for_model(ShiftSwap).order_by("pk").values_list("actor", flat=True)
    )
    assert actors == [world.ada_user.pk, registrars.dan_user.pk, world.coordinator.pk]


def test_a_swap_breaking_a_local_rule_of_the_department_is_refused(world, registrars):
    from rotaplan.rotas.models import DoctorPair

    # Dan and Cai are kept apart; Cai works the night Ada would give Dan.
    cai = DoctorFactory(first_name="Cai", last_name="Jones", department=world.acute)
    AssignmentFactory(
        rota=world.rota, doctor=cai, shift_type=registrars.night, date=date(2026, 9, 7)
    )
    DoctorPair.objects.create(
        department=world.acute, first=registrars.dan, second=cai, together=False
    )
    with pytest.raises(SwapBreaksRules) as refused:
        ask(world, registrars, theirs=None)
    assert any("keeps them apart" in p for p in refused.value.problems), refused.value.problems
    assert ShiftSwap.objects.count() == 0
