"""The locums pages: the coordinator books a gap from the bookings page, sees the rate and
cost, records an agency doctor's induction and is warned until it is complete; a service
manager reads; anyone else is told nothing (404)."""

from __future__ import annotations

from datetime import date

import pytest

from rotaplan.cover.models import Gap, GapStatus
from rotaplan.locums.models import InductionStep, LocumBooking
from tests.factories.locums import LocumBookingFactory, moment
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def form(supplier, **overrides):
    data = {
        "supplier": str(supplier.pk),
        "locum_name": "Dr Sam Reid",
        "gmc_number": "6123456",
        "grade": "ST4",
        "reason": "sickness",
        "note": "",
    }
    data.update(overrides)
    return data


def test_a_coordinator_books_a_gap_from_the_bookings_page(world, sign_in, bank, gap):
    client = sign_in(world.coordinator)
    listing = client.get("/locums/")
    assert listing.status_code == 200
    assert f"/locums/bookings/new/?gap={gap.pk}" in listing.content.decode()

    page = client.get(f"/locums/bookings/new/?gap={gap.pk}")
    assert "Dr Ada Patel off sick" in page_text(page)
    answer = client.post(f"/locums/bookings/new/?gap={gap.pk}", form(bank, version=gap.version))
    booking = LocumBooking.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == f"/locums/bookings/{booking.pk}/"
    shown = page_text(client.get(answer["Location"]))
    assert "12.50 hours" in shown
    assert "£60.00 an hour, weekday day" in shown
    assert "£750.00" in shown
    assert Gap.objects.get(pk=gap.pk).status == GapStatus.BANK


def test_a_booking_form_with_mistakes_says_each_and_keeps_what_was_typed(
    world, sign_in, bank, long_day
):
    client = sign_in(world.coordinator)
    answer = client.post(
        "/locums/bookings/new/",
        form(
            bank,
            gmc_number="12345",
            locum_name="Dr Typed Name",
            shift=str(long_day.pk),
            **{"day[day]": "14", "day[month]": "12", "day[year]": "26"},
        ),
    )
    text = page_text(answer)
    assert answer.status_code == 200
    assert "There is a problem" in text
    assert "exactly 7 digits" in text
    assert "Enter the year with 4 numbers" in text
    assert 'value="Dr Typed Name"' in answer.content.decode()
    assert not LocumBooking.objects.exists()


def test_no_rate_is_said_on_the_supplier_field(world, sign_in, bank, gap):
    client = sign_in(world.coordinator)
    answer = client.post(f"/locums/bookings/new/?gap={gap.pk}", form(bank, grade="FY1"))
    assert answer.status_code == 200
    assert "Trust staff bank has no rate for a Foundation doctor's weekday day" in page_text(answer)


def test_the_booking_page_warns_while_an_agency_doctors_induction_is_incomplete(
    world, sign_in, agency
):
    booking = LocumBookingFactory(
        department=world.acute,
        supplier=agency,
        date=date(2026, 12, 5),
        start=moment(date(2026, 12, 5), 8),
        end=moment(date(2026, 12, 5), 20, 30),
    )
    client = sign_in(world.coordinator)
    page = page_text(client.get(f"/locums/bookings/{booking.pk}/"))
    assert "Induction not complete" in page
    refused = client.post(
        f"/locums/bookings/{booking.pk}/", {"action": "worked", "version": booking.version}
    )
    assert refused.status_code == 200
    assert "induction is not complete" in page_text(refused)

    for check in ("identity", "gmc_registration", "it_access", "site_induction"):
        assert (
            client.post(f"/locums/bookings/{booking.pk}/induction/", {"check": check}).status_code
            == 302
        )
    assert InductionStep.objects.count() == 4
    assert "The induction is complete" in page_text(
        client.get(f"/locums/bookings/{booking.pk}/induction/")
    )
    worked = client.post(
        f"/locums/bookings/{booking.pk}/", {"action": "worked", "version": booking.version}
    )
    assert worked.status_code == 302
    assert LocumBooking.objects.get().status == "worked"


def test_the_coordinators_home_shows_inductions_due(world, sign_in, agency):
    LocumBookingFactory(
        department=world.acute,
        supplier=agency,
        locum_name="Dr Kim Agency",
        date=date(2026, 12, 10),
        start=moment(date(2026, 12, 10), 8),
        end=moment(date(2026, 12, 10), 20),
    )
    home = page_text(sign_in(world.coordinator).get("/"))
    assert "Induction due" in home
    assert (
        "Dr Kim Agency (Medics Direct), first shift Thu 10 Dec 2026: identity checked, GMC "
        "registration checked, IT access given, site induction done still to do"
    ) in home
    assert "Locum spend report" in home
    assert "Dr Kim Agency" not in page_text(sign_in(world.cardiology_coordinator).get("/"))


def test_a_service_manager_reads_bookings_but_cannot_change_them(world, sign_in, bank):
    booking = LocumBookingFactory(department=world.acute, supplier=bank)
    client = sign_in(world.service_manager)
    assert client.get("/locums/").status_code == 200
    assert client.get(f"/locums/bookings/{booking.pk}/").status_code == 200
    assert "Locum spend report" in page_text(client.get("/"))
    assert (
        client.post(
            f"/locums/bookings/{booking.pk}/", {"action": "cancel", "reason": "x"}
        ).status_code
        == 403
    )
    assert client.get("/locums/bookings/new/").status_code == 403


@pytest.mark.parametrize(
    "who", ["cardiology_coordinator", "ada_user", "nobody", "booking_coordinator"]
)
def test_the_wrong_user_is_told_nothing(world, sign_in, agency, who):
    booking = LocumBookingFactory(department=world.acute, supplier=agency)
    client = sign_in(getattr(world, who))
    assert client.get(f"/locums/bookings/{booking.pk}/").status_code == 404
    assert client.get(f"/locums/bookings/{booking.pk}/induction/").status_code == 404
    assert (
        client.post(
            f"/locums/bookings/{booking.pk}/", {"action": "cancel", "reason": "x"}
        ).status_code
        == 404
    )
    if who != "cardiology_coordinator":
        for page in ("/locums/", "/locums/spend/", "/locums/suppliers/", "/locums/inductions/"):
            assert client.get(page).status_code == 404, page


def test_a_gap_of_another_department_cannot_be_booked(world, sign_in, bank, gap):
    client = sign_in(world.cardiology_coordinator)
    assert client.get(f"/locums/bookings/new/?gap={gap.pk}").status_code == 404


def test_suppliers_page_lists_rates_with_their_source(world, sign_in, bank):
    text = page_text(sign_in(world.staffing).get("/locums/suppliers/"))
    assert "Trust staff bank" in text
    assert "£70.00" in text
    assert "Trust locum rate card 2026/27 (test figures)" in text
