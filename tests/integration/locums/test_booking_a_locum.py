"""Booking a locum: the rate from the rate card in effect on the shift's day, the cost in
pence, the gap marked bank or agency, a refusal when no rate applies, one booking of a gap
when two coordinators book it, and the gap open again when a booking is cancelled."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rotaplan.cover.models import Gap, GapStatus
from rotaplan.locums.models import BookingStatus, HoursKind, LocumBooking
from rotaplan.locums.services import (
    AlreadyDealtWith,
    booking_cancel,
    booking_make,
    booking_mark_worked,
    induction_step_done,
)
from tests.factories.locums import RateCardFactory, moment

from .conftest import booking_fields

pytestmark = pytest.mark.django_db


def test_a_gap_booked_through_the_bank_is_priced_from_the_rate_card(world, bank, gap):
    booking = booking_make(actor=world.coordinator, gap=gap, **booking_fields(bank))

    assert booking.minutes == 12 * 60 + 30
    assert str(booking.hours) == "12.50"
    assert booking.hours_kind == HoursKind.DAY
    assert booking.hourly_rate_pence == 6000
    assert booking.cost_pence == 75000  # 12.5 hours at £60.00
    held = Gap.objects.get(pk=gap.pk)
    assert held.status == GapStatus.BANK
    assert held.cost_pence == 75000
    assert held.dealt_with_by == world.coordinator
    assert held.version == gap.version + 1


def test_a_gap_booked_through_an_agency_is_marked_agency(world, agency, gap):
    booking_make(actor=world.coordinator, gap=gap, **booking_fields(agency))
    assert Gap.objects.get(pk=gap.pk).status == GapStatus.AGENCY


def test_the_rate_is_the_one_in_effect_on_the_shifts_day(world, bank, gap):
    RateCardFactory(
        supplier=bank,
        hours_kind=HoursKind.DAY,
        hourly_rate_pence=6200,
        effective_from=date(2026, 12, 1),
        source="Rate card uplift from 1 Dec 2026",
    )
    RateCardFactory(
        supplier=bank,
        hours_kind=HoursKind.DAY,
        hourly_rate_pence=9999,
        effective_from=date(2027, 1, 1),
    )
    booking = booking_make(actor=world.coordinator, gap=gap, **booking_fields(bank))
    assert booking.hourly_rate_pence == 6200
    assert booking.rate.effective_from == date(2026, 12, 1)


def test_a_night_across_the_clock_change_is_booked_for_13_hours_at_the_night_rate(
    world, bank, night
):
    booking = booking_make(
        actor=world.coordinator,
        department=world.acute,
        shift_type=night,
        start=moment(date(2026, 10, 24), 20),
        end=moment(date(2026, 10, 25), 8),
        **booking_fields(bank),
    )
    assert booking.minutes == 13 * 60
    assert booking.hours_kind == HoursKind.NIGHT
    assert booking.cost_pence == 13 * 7000


def test_no_rate_for_the_grade_is_refused_and_nothing_is_saved(world, bank, gap):
    with pytest.raises(ValidationError) as refused:
        booking_make(actor=world.coordinator, gap=gap, **booking_fields(bank, grade="CONS"))
    assert (
        "has no rate for a Consultant doctor's weekday day"
        in refused.value.message_dict["supplier"][0]
    )
    assert not LocumBooking.objects.exists()
    assert Gap.objects.get(pk=gap.pk).status == GapStatus.OPEN


@pytest.mark.parametrize(
    ("field", "value"),
    [("gmc_number", "12345"), ("gmc_number", "70123456"), ("locum_name", "  "), ("grade", "XX")],
)
def test_bad_input_is_refused_by_field(world, bank, gap, field, value):
    with pytest.raises(ValidationError) as refused:
        booking_make(actor=world.coordinator, gap=gap, **booking_fields(bank, **{field: value}))
    assert field in refused.value.message_dict
    assert Gap.objects.get(pk=gap.pk).status == GapStatus.OPEN


def test_an_ad_hoc_shift_must_end_after_it_starts(world, bank):
    with pytest.raises(ValidationError) as refused:
        booking_make(
            actor=world.coordinator,
            department=world.acute,
            start=moment(date(2026, 12, 15), 9),
            end=moment(date(2026, 12, 15), 8),
            **booking_fields(bank),
        )
    assert "end" in refused.value.message_dict


def test_the_second_of_two_coordinators_booking_a_gap_is_told_who_booked_it(world, bank, gap):
    seen_by_second = Gap.objects.get(pk=gap.pk)
    booking_make(actor=world.coordinator, gap=gap, **booking_fields(bank))
    with pytest.raises(AlreadyDealtWith) as late:
        booking_make(actor=world.staffing, gap=seen_by_second, **booking_fields(bank))
    assert "no longer open: it was marked bank by" in late.value.message
    assert LocumBooking.objects.count() == 1


def test_a_booking_from_a_stale_copy_of_the_gap_is_refused(world, bank, gap):
    Gap.objects.filter(pk=gap.pk).update(version=gap.version + 1, status=GapStatus.OFFERED)
    with pytest.raises(AlreadyDealtWith):
        booking_make(
            actor=world.coordinator, gap=gap, gap_version=gap.version, **booking_fields(bank)
        )
    assert not LocumBooking.objects.exists()


def test_coordinator_of_another_department_cannot_book_the_gap(world, bank, gap):
    with pytest.raises(PermissionDenied):
        booking_make(actor=world.cardiology_coordinator, gap=gap, **booking_fields(bank))


def test_cancelling_a_booking_opens_its_gap_again(world, bank, gap):
    booking = booking_make(actor=world.coordinator, gap=gap, **booking_fields(bank))
    booking_cancel(actor=world.coordinator, booking=booking, reason="Locum unwell")
    held = Gap.objects.get(pk=gap.pk)
    assert held.status == GapStatus.OPEN
    assert held.cost_pence is None
    assert LocumBooking.objects.get().status == BookingStatus.CANCELLED
    with pytest.raises(AlreadyDealtWith):
        booking_cancel(actor=world.staffing, booking=booking, reason="Again")


def test_an_agency_doctor_is_not_marked_worked_until_inducted(world, agency, night):
    booking = booking_make(
        actor=world.coordinator,
        department=world.acute,
        shift_type=night,
        start=moment(date(2026, 12, 5), 20),
        end=moment(date(2026, 12, 6), 8),
        **booking_fields(agency),
    )
    with pytest.raises(ValidationError) as refused:
        booking_mark_worked(actor=world.coordinator, booking=booking)
    assert "induction is not complete" in refused.value.messages[0]
    for check in ("identity", "gmc_registration", "it_access", "site_induction"):
        induction_step_done(actor=world.coordinator, booking=booking, check=check)
    worked = booking_mark_worked(actor=world.coordinator, booking=booking)
    assert worked.status == BookingStatus.WORKED


def test_a_shift_not_yet_started_is_not_marked_worked(world, bank, gap):
    booking = booking_make(actor=world.coordinator, gap=gap, **booking_fields(bank))
    with pytest.raises(ValidationError):
        booking_mark_worked(actor=world.coordinator, booking=booking)


def test_a_bank_doctor_needs_no_induction(world, bank, night):
    booking = booking_make(
        actor=world.coordinator,
        department=world.acute,
        shift_type=night,
        start=moment(date(2026, 12, 1), 20),
        end=moment(date(2026, 12, 2), 8),
        **booking_fields(bank),
    )
    assert booking_mark_worked(actor=world.coordinator, booking=booking).status == "worked"
