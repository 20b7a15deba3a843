"""Offering a gap to colleagues and their answers: the first to accept gets the shift on
the published rota as a new version, the others are told it is taken, and nobody is
offered or given a shift that would break a rule."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rotaplan.cover.models import CoverOffer, Gap, GapCause, GapStatus, OfferStatus
from rotaplan.cover.services import (
    CannotTake,
    GapChanged,
    gap_cancel,
    gap_offer,
    gaps_after_publish,
    offer_answer,
)
from rotaplan.notifications.models import Notification, Topic
from rotaplan.rotas.models import Assignment, Rota, RotaChange, RotaStatus
from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import DoctorFactory
from tests.factories.rotas import AssignmentFactory, CoverRequirementFactory, RotaFactory

from .conftest import WED

pytestmark = pytest.mark.django_db


def test_a_coordinator_offers_the_shift_and_each_doctor_is_told(world, cover):
    offers = gap_offer(
        actor=world.coordinator, gap=cover.gap, doctors=[cover.cai, cover.dee], note="Please"
    )
    assert {o.doctor for o in offers} == {cover.cai, cover.dee}
    gap = Gap.objects.get()
    assert gap.status == GapStatus.OFFERED
    assert gap.dealt_with_by == world.coordinator
    assert gap.version == 2
    told = Notification.objects.filter(topic=Topic.OFFER)
    assert {n.recipient for n in told} == {cover.cai_user, cover.dee_user}
    note = told.get(recipient=cover.cai_user)
    assert note.subject == "Can you work an extra shift: N (Night) on Wed 12 Aug 2026?"
    assert (
        note.link
        == f"/cover/offers/{offers[0].pk if offers[0].doctor == cover.cai else offers[1].pk}/"
    )


def test_an_offer_to_a_doctor_who_would_break_a_rule_is_refused_with_the_rule(world, cover):
    LeaveRecordFactory(doctor=cover.dee, start=WED, end=WED)
    with pytest.raises(ValidationError) as refused:
        gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai, cover.dee])
    assert refused.value.message_dict == {
        "doctors": [
            "Dr Dee Ward cannot take this shift: Dr Dee Ward is away: annual leave from "
            "Wed 12 Aug 2026 to Wed 12 Aug 2026"
        ]
    }
    assert not CoverOffer.objects.exists()
    assert Gap.objects.get().status == GapStatus.OPEN


def test_a_coordinator_of_another_department_cannot_offer_the_gap(world, cover):
    with pytest.raises(PermissionDenied):
        gap_offer(actor=world.cardiology_coordinator, gap=cover.gap, doctors=[cover.cai])


def test_the_first_to_accept_gets_the_shift_on_the_published_rota(world, cover):
    cai_offer, dee_offer = sorted(
        gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai, cover.dee]),
        key=lambda o: o.doctor.first_name,
    )
    offer_answer(actor=cover.cai_user, offer=cai_offer, accept=True)

    gap = Gap.objects.get()
    assert gap.status == GapStatus.FILLED_INTERNALLY
    assert gap.filled_by == cover.cai
    assert gap.assignment == Assignment.objects.get(doctor=cover.cai, date=WED)
    assert Rota.objects.get(pk=world.rota.pk).version == 2
    change = RotaChange.objects.get()
    assert change.added[0]["doctor"] == "Dr Cai Evans"
    assert change.reason == "Dr Cai Evans covers a gap: Dr Bea Okafor off sick"
    assert CoverOffer.objects.get(pk=cai_offer.pk).status == OfferStatus.ACCEPTED
    assert CoverOffer.objects.get(pk=dee_offer.pk).status == OfferStatus.TAKEN
    taken = Notification.objects.get(recipient=cover.dee_user, subject__startswith="Shift taken")
    assert "taken by a colleague" in taken.body

    with pytest.raises(GapChanged) as late:
        offer_answer(actor=cover.dee_user, offer=dee_offer, accept=True)
    assert late.value.message == "This shift was already taken by Dr Cai Evans."
    assert Assignment.objects.filter(date=WED).count() == 1


def test_two_doctors_accepting_with_copies_read_before_either_answered(world, cover):
    """The second's page read the offer while it was still waiting: the gap's lock and
    its status, not the copy, decide."""
    offers = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai, cover.dee])
    seen = {o.doctor_id: CoverOffer.objects.get(pk=o.pk) for o in offers}
    offer_answer(actor=cover.dee_user, offer=seen[cover.dee.pk], accept=True)
    with pytest.raises(GapChanged):
        offer_answer(actor=cover.cai_user, offer=seen[cover.cai.pk], accept=True)
    assert Gap.objects.get().filled_by == cover.dee


def test_a_doctor_who_would_now_break_a_rule_cannot_accept(world, cover, long_day):
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    AssignmentFactory(rota=world.rota, doctor=cover.cai, shift_type=long_day, date=WED)
    with pytest.raises(CannotTake) as refused:
        offer_answer(actor=cover.cai_user, offer=offer, accept=True)
    assert "overlaps" in refused.value.message
    assert Gap.objects.get().status == GapStatus.OFFERED
    assert CoverOffer.objects.get().status == OfferStatus.WAITING


def test_a_decline_reopens_the_gap_when_nobody_else_is_asked(world, cover):
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    offer_answer(actor=cover.cai_user, offer=offer, accept=False)
    assert CoverOffer.objects.get().status == OfferStatus.DECLINED
    assert Gap.objects.get().status == GapStatus.OPEN
    with pytest.raises(GapChanged):
        offer_answer(actor=cover.cai_user, offer=offer, accept=True)
    # Asked again, they may say yes.
    gap_offer(actor=world.coordinator, gap=Gap.objects.get(), doctors=[cover.cai])
    offer_answer(actor=cover.cai_user, offer=CoverOffer.objects.get(), accept=True)
    assert Gap.objects.get().filled_by == cover.cai


def test_a_coordinator_records_an_answer_given_by_phone(world, cover):
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    offer_answer(actor=world.coordinator, offer=offer, accept=True)
    assert Gap.objects.get().dealt_with_by == world.coordinator
    assert RotaChange.objects.get().made_by == world.coordinator


def test_another_doctor_or_department_cannot_answer(world, cover):
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    for intruder in (cover.dee_user, world.cardiology_coordinator, world.service_manager):
        with pytest.raises(PermissionDenied):
            offer_answer(actor=intruder, offer=offer, accept=True)
    assert CoverOffer.objects.get().status == OfferStatus.WAITING


def test_a_cancelled_gap_withdraws_its_offers(world, cover):
    (offer,) = gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    with pytest.raises(ValidationError):
        gap_cancel(actor=world.coordinator, gap=cover.gap, reason="  ")
    gap_cancel(actor=world.coordinator, gap=cover.gap, reason="Ward closed that night")
    gap = Gap.objects.get()
    assert (gap.status, gap.note) == (GapStatus.CANCELLED, "Ward closed that night")
    assert CoverOffer.objects.get().status == OfferStatus.WITHDRAWN
    with pytest.raises(GapChanged) as late:
        offer_answer(actor=cover.cai_user, offer=offer, accept=True)
    assert "withdrawn" in late.value.message
    with pytest.raises(GapChanged):
        gap_offer(actor=world.coordinator, gap=gap, doctors=[cover.dee])


def test_an_offer_of_a_stale_version_is_refused(world, cover):
    gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.cai])
    with pytest.raises(GapChanged):
        gap_offer(actor=world.coordinator, gap=cover.gap, doctors=[cover.dee], version=1)


def test_publishing_a_rota_short_opens_shortfall_and_vacancy_gaps(world, night, long_day):
    """Two nights a week needed; nobody on them. Eve, whose post ended the week before,
    worked nights: the nights are her vacancy. Nobody who left worked long days."""
    eve = DoctorFactory(
        first_name="Eve",
        department=world.acute,
        post_start=date(2026, 2, 4),
        post_end=date(2026, 9, 1),
    )
    old = RotaFactory(
        department=world.acute,
        period_start=date(2026, 8, 3),
        period_end=date(2026, 8, 30),
        status=RotaStatus.DRAFT,
    )
    AssignmentFactory(rota=old, doctor=eve, shift_type=night, date=date(2026, 8, 24))
    CoverRequirementFactory(shift_type=night, weekday=2, minimum=1, ideal=1)
    CoverRequirementFactory(shift_type=long_day, weekday=2, minimum=1, ideal=1)
    draft = RotaFactory(
        department=world.acute,
        name="Autumn",
        period_start=date(2026, 9, 7),
        period_end=date(2026, 9, 13),
        status=RotaStatus.DRAFT,
    )
    AssignmentFactory(rota=draft, doctor=world.ada, shift_type=long_day, date=date(2026, 9, 7))
    draft.status = RotaStatus.PUBLISHED
    draft.save()
    opened = gaps_after_publish(made_by=world.coordinator, rota=draft)
    assert [(g.shift_type.code, g.date, g.cause, g.absent_doctor) for g in opened] == [
        ("LD", date(2026, 9, 9), GapCause.SHORTFALL, None),
        ("N", date(2026, 9, 9), GapCause.VACANCY, eve),
    ]
    assert opened[1].reason == "Dr Eve " + eve.last_name + "'s post ended on Tue 1 Sep 2026"
