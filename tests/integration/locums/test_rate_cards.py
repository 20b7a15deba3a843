"""The bank, the agencies and their rate cards, kept by medical staffing on the suppliers
page: a supplier and a rate added there price the next booking; a rate overlapping one of
the same level and hours is refused by field, a later one ends the earlier the day before;
money is read strictly; a rate is ended, never deleted, and bookings keep what they were
priced at; coordinators and service managers only read the page, anyone else is told
nothing; every change audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError

from rotaplan.locums.models import HoursKind, LocumBooking, RateCard, RateTier, Supplier
from rotaplan.locums.rate_cards import rate_add, rate_end, supplier_add
from rotaplan.locums.services import booking_make, rate_for
from rotaplan.people.models import Role
from tests.factories.locums import LocumBookingFactory, moment
from tests.factories.people import user_with_role
from tests.integration.rotas.audit_entries import entries_for
from tests.page_text import page_text

from .conftest import booking_fields

pytestmark = pytest.mark.django_db

SUPPLIERS = "/locums/suppliers/"
ADD_SUPPLIER = "/locums/suppliers/new/"


def add_rate_page(supplier: Supplier) -> str:
    return f"/locums/suppliers/{supplier.pk}/rates/new/"


def end_rate_page(supplier: Supplier) -> str:
    return f"/locums/suppliers/{supplier.pk}/rates/end/"


def day_fields(name: str, day: date | None) -> dict[str, str]:
    if day is None:
        return {f"{name}[day]": "", f"{name}[month]": "", f"{name}[year]": ""}
    return {
        f"{name}[day]": str(day.day),
        f"{name}[month]": str(day.month),
        f"{name}[year]": str(day.year),
    }


def rate_form(
    tier: str = RateTier.REGISTRAR,
    hours: str = HoursKind.NIGHT,
    rate: str = "85.50",
    first: date = date(2027, 4, 5),
    last: date | None = None,
    source: str = "Trust bank rate card 2027/28",
) -> dict[str, str]:
    return {
        "tier": tier,
        "hours_kind": hours,
        "hourly_rate": rate,
        **day_fields("effective_from", first),
        **day_fields("effective_to", last),
        "source": source,
    }


def end_form(supplier: Supplier, rate: RateCard, last: date) -> dict[str, str]:
    prefix = f"end-{supplier.pk}"
    return {f"{prefix}-rate": str(rate.pk), **day_fields(f"{prefix}-last_day", last)}


def said(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


def night_rate(supplier: Supplier) -> RateCard:
    return RateCard.objects.get(
        supplier=supplier, tier=RateTier.REGISTRAR, hours_kind=HoursKind.NIGHT
    )


# --- Medical staffing keep the cards ----------------------------------------------------


def test_staffing_adds_a_supplier_and_a_rate_and_the_next_booking_is_priced_at_it(
    world, sign_in, gap
):
    client = sign_in(world.staffing)
    page = client.get(SUPPLIERS).content.decode()
    assert ADD_SUPPLIER in page

    added = client.post(
        ADD_SUPPLIER,
        {
            "name": "Northern Locums",
            "kind": "agency",
            "framework": "NHS locum doctors framework",
            "contact": "Bookings desk, 0161 555 0100",
        },
    )

    assert added.status_code == 302
    assert added["Location"] == SUPPLIERS
    assert said(added) == [
        "Northern Locums is added: add its rates so locums can be booked through it"
    ]
    supplier = Supplier.objects.get(name="Northern Locums")
    assert (supplier.kind, supplier.framework, supplier.active) == (
        "agency",
        "NHS locum doctors framework",
        True,
    )
    assert add_rate_page(supplier) in client.get(SUPPLIERS).content.decode()

    rated = client.post(
        add_rate_page(supplier),
        rate_form(
            hours=HoursKind.DAY,
            rate="£85.50",
            first=date(2026, 12, 1),
            source="Northern Locums rate card 2026/27",
        ),
    )

    assert rated.status_code == 302, page_text(rated)
    rate = RateCard.objects.get(supplier=supplier)
    assert (rate.tier, rate.hours_kind, rate.hourly_rate_pence) == ("Registrar", "day", 8550)
    assert (rate.effective_from, rate.effective_to) == (date(2026, 12, 1), None)
    assert said(rated) == [
        "The rate for Registrar weekday day hours through Northern Locums is added: "
        "£85.50 an hour from Tue 1 Dec 2026",
    ]
    shown = page_text(client.get(SUPPLIERS))
    assert "£85.50" in shown
    assert "Northern Locums rate card 2026/27" in shown

    booking = booking_make(actor=world.coordinator, gap=gap, **booking_fields(supplier))

    assert (booking.rate, booking.hourly_rate_pence, booking.minutes) == (rate, 8550, 750)
    assert booking.cost_pence == 1_068_75  # 12.5 hours at £85.50
    [made_supplier] = entries_for(Supplier, supplier.pk, LogEntry.Action.CREATE)
    [made_rate] = entries_for(RateCard, rate.pk, LogEntry.Action.CREATE)
    assert made_supplier.actor == made_rate.actor == world.staffing


def test_a_supplier_name_already_used_is_refused_on_the_name(world, sign_in, bank):
    response = sign_in(world.staffing).post(ADD_SUPPLIER, {"name": "trust staff BANK", "kind": ""})
    shown = page_text(response)
    assert response.status_code == 200
    assert "There is a problem" in shown
    assert "Choose whether it is the trust's bank or an agency" in shown
    assert 'value="trust staff BANK"' in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        supplier_add(actor=world.staffing, name=" trust staff bank ", kind="bank")
    assert refused.value.message_dict == {
        "name": ["There is already a bank or agency called trust staff bank"]
    }
    assert Supplier.objects.count() == 1


def test_a_rate_overlapping_one_of_the_same_level_and_hours_is_refused_by_field(
    world, sign_in, bank
):
    client = sign_in(world.staffing)

    same_day = client.post(add_rate_page(bank), rate_form(first=date(2026, 4, 1)))
    earlier = client.post(add_rate_page(bank), rate_form(first=date(2026, 1, 5)))

    assert same_day.status_code == earlier.status_code == 200
    assert "A rate for Registrar night hours already applies from Wed 1 Apr 2026" in page_text(
        same_day
    )
    assert 'href="#effective_from-day"' in same_day.content.decode()
    assert (
        "A rate for Registrar night hours already applies from Wed 1 Apr 2026: give this "
        "rate a last day before then"
    ) in page_text(earlier)
    assert 'href="#effective_to-day"' in earlier.content.decode()
    assert 'value="85.50"' in earlier.content.decode()
    assert RateCard.objects.filter(supplier=bank).count() == 3
    assert night_rate(bank).effective_to is None

    before = client.post(
        add_rate_page(bank), rate_form(first=date(2026, 1, 5), last=date(2026, 3, 31))
    )
    assert before.status_code == 302
    assert RateCard.objects.filter(supplier=bank, hours_kind=HoursKind.NIGHT).count() == 2


def test_a_later_rate_ends_the_one_before_it_the_day_before(world, sign_in, bank):
    earlier = night_rate(bank)
    booked = LocumBookingFactory(
        department=world.acute, supplier=bank, rate=earlier, hours_kind=HoursKind.NIGHT
    )
    cost = booked.cost_pence

    response = sign_in(world.staffing).post(
        add_rate_page(bank), rate_form(rate="85.5", first=date(2027, 4, 5))
    )

    assert response.status_code == 302
    assert said(response) == [
        "The rate for Registrar night hours through Trust staff bank is added: £85.50 an hour "
        "from Mon 5 Apr 2027. The rate before it (£70.00 an hour from Wed 1 Apr 2026) now "
        "ends the day before, on Sun 4 Apr 2027"
    ]
    earlier.refresh_from_db()
    assert earlier.effective_to == date(2027, 4, 4)
    later = RateCard.objects.get(supplier=bank, effective_from=date(2027, 4, 5))
    assert (later.hourly_rate_pence, later.effective_to) == (8550, None)
    assert rate_for(supplier=bank, grade="ST4", start=moment(date(2027, 4, 4), 20)) == earlier
    assert rate_for(supplier=bank, grade="ST4", start=moment(date(2027, 4, 5), 20)) == later
    booked.refresh_from_db()
    assert (booked.rate, booked.cost_pence) == (earlier, cost)
    [changed] = entries_for(RateCard, earlier.pk, LogEntry.Action.UPDATE)
    assert changed.actor == world.staffing
    assert changed.changes_dict["effective_to"] == ["None", "2027-04-04"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("85.505", "Enter the hourly rate with no more than 2 numbers after the point"),
        ("-85.50", "Enter an hourly rate of more than £0"),
        ("0", "Enter an hourly rate of more than £0"),
        ("0.00", "Enter an hourly rate of more than £0"),
        ("1000", "Enter an hourly rate from £0.01 to £999.99"),
        ("85,50", "Enter the hourly rate in pounds and pence, for example 85.50"),
        ("1e2", "Enter the hourly rate in pounds and pence, for example 85.50"),
        ("NaN", "Enter the hourly rate in pounds and pence, for example 85.50"),
        ("", "Enter the hourly rate, for example 85.50"),
    ],
)
def test_money_is_read_strictly_and_a_bad_rate_named_on_its_field(
    world, sign_in, bank, typed, message
):
    response = sign_in(world.staffing).post(add_rate_page(bank), rate_form(rate=typed))
    assert response.status_code == 200
    shown = page_text(response)
    assert "There is a problem" in shown
    assert message in shown
    assert 'href="#hourly_rate"' in response.content.decode()
    assert 'value="Trust bank rate card 2027/28"' in response.content.decode()
    assert RateCard.objects.filter(supplier=bank).count() == 3


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (Decimal("85.505"), "Enter the hourly rate with no more than 2 numbers after the point"),
        (Decimal("-1"), "Enter an hourly rate of more than £0"),
        (Decimal("999.999"), "Enter the hourly rate with no more than 2 numbers after the point"),
        (Decimal("1000.00"), "Enter an hourly rate from £0.01 to £999.99"),
        (85.5, "Enter the hourly rate in pounds and pence, for example 85.50"),
    ],
)
def test_the_service_refuses_bad_money_on_its_field(world, bank, amount, message):
    with pytest.raises(ValidationError) as refused:
        rate_add(
            actor=world.staffing,
            supplier=bank,
            tier=RateTier.CORE,
            hours_kind=HoursKind.DAY,
            hourly_rate=amount,
            effective_from=date(2027, 1, 1),
            source="Trust bank rate card",
        )
    [words] = refused.value.message_dict["hourly_rate"]
    assert words.startswith(message)
    assert not RateCard.objects.filter(tier=RateTier.CORE).exists()


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (
            {**rate_form(), "effective_from[year]": "27"},
            "effective_from",
            "Enter the year with 4 numbers",
        ),
        (rate_form(first=date(2031, 4, 1)), "effective_from", "Enter a date from 2025 to 2028"),
        (
            rate_form(first=date(2027, 4, 5), last=date(2027, 4, 4)),
            "effective_to",
            "The last day must be on or after the first day",
        ),
        (rate_form(source=""), "source", "Say where the rate comes from"),
        ({**rate_form(), "tier": "ST3"}, "tier", "Choose the level of doctor from the list"),
    ],
)
def test_a_bad_rate_is_named_by_field_and_nothing_saved(world, sign_in, bank, form, field, message):
    response = sign_in(world.staffing).post(add_rate_page(bank), form)
    assert response.status_code == 200
    assert message in page_text(response)
    assert f'href="#{field}' in response.content.decode()
    assert RateCard.objects.filter(supplier=bank).count() == 3


# --- Ending a rate ----------------------------------------------------------------------


def test_staffing_end_a_rate_from_the_page_and_bookings_keep_their_price(world, sign_in, bank):
    rate = night_rate(bank)
    booked = LocumBookingFactory(
        department=world.acute,
        supplier=bank,
        rate=rate,
        hours_kind=HoursKind.NIGHT,
        date=date(2026, 12, 20),
    )
    client = sign_in(world.staffing)
    page = client.get(SUPPLIERS).content.decode()
    assert end_rate_page(bank) in page
    assert client.get(end_rate_page(bank)).status_code == 405

    ended = client.post(end_rate_page(bank), end_form(bank, rate, date(2026, 12, 31)))
    again = client.post(end_rate_page(bank), end_form(bank, rate, date(2027, 1, 31)))

    assert ended.status_code == 302
    assert said(ended) == [
        "The rate for Registrar night hours through Trust staff bank (£70.00 an hour) now ends "
        "on Thu 31 Dec 2026. Bookings already made keep their rate and cost."
    ]
    assert again.status_code == 200
    assert "This rate already ends on Thu 31 Dec 2026" in page_text(again)
    rate.refresh_from_db()
    assert rate.effective_to == date(2026, 12, 31)
    assert RateCard.objects.filter(supplier=bank).count() == 3
    assert LocumBooking.objects.get(pk=booked.pk).cost_pence == booked.cost_pence
    assert "From Wed 1 Apr 2026 to Thu 31 Dec 2026" in page_text(client.get(SUPPLIERS))
    [changed] = entries_for(RateCard, rate.pk, LogEntry.Action.UPDATE)
    assert changed.actor == world.staffing


def test_a_rate_cannot_end_before_it_starts_and_the_day_typed_is_kept(world, sign_in, bank):
    rate = night_rate(bank)
    client = sign_in(world.staffing)
    before = client.post(end_rate_page(bank), end_form(bank, rate, date(2026, 3, 31)))
    two_digits = client.post(
        end_rate_page(bank),
        {**end_form(bank, rate, date(2027, 3, 31)), f"end-{bank.pk}-last_day[year]": "27"},
    )

    assert before.status_code == two_digits.status_code == 200
    assert "The last day must be on or after the day the rate starts, Wed 1 Apr 2026" in page_text(
        before
    )
    assert f'href="#end-{bank.pk}-last_day-day"' in before.content.decode()
    assert "Enter the year with 4 numbers" in page_text(two_digits)
    assert 'value="27"' in two_digits.content.decode()
    rate.refresh_from_db()
    assert rate.effective_to is None
    with pytest.raises(ValidationError) as refused:
        rate_end(actor=world.staffing, rate=rate, last_day=date(2031, 1, 1))
    assert refused.value.message_dict == {"last_day": ["Enter a date from 2025 to 2028"]}


# --- Who may change the cards ----------------------------------------------------------


def every_change(bank: Supplier) -> list[tuple[str, str, dict]]:
    rate = night_rate(bank)
    return [
        ("get", ADD_SUPPLIER, {}),
        ("post", ADD_SUPPLIER, {"name": "Sneaky Locums", "kind": "agency"}),
        ("get", add_rate_page(bank), {}),
        ("post", add_rate_page(bank), rate_form()),
        ("post", end_rate_page(bank), end_form(bank, rate, date(2026, 12, 31))),
    ]


def nothing_changed(bank: Supplier) -> None:
    assert list(Supplier.objects.values_list("name", flat=True)) == ["Trust staff bank"]
    assert RateCard.objects.filter(supplier=bank).count() == 3
    assert night_rate(bank).effective_to is None


@pytest.mark.parametrize("user", ["coordinator", "service_manager"])
def test_coordinators_and_service_managers_read_the_page_but_cannot_change_it(
    world, sign_in, bank, user
):
    client = sign_in(getattr(world, user))
    page = client.get(SUPPLIERS)
    assert page.status_code == 200
    assert "£70.00" in page_text(page)
    for link in (ADD_SUPPLIER, add_rate_page(bank), end_rate_page(bank)):
        assert link not in page.content.decode()
    answers = [
        getattr(client, how)(path, data).status_code for how, path, data in every_change(bank)
    ]
    assert answers == [403] * 5
    nothing_changed(bank)


@pytest.mark.parametrize("user", ["ada_user", "nobody", "booking_coordinator"])
def test_anyone_who_cannot_read_the_page_is_told_nothing(world, sign_in, bank, user):
    client = sign_in(getattr(world, user))
    assert client.get(SUPPLIERS).status_code == 404
    answers = [
        getattr(client, how)(path, data).status_code for how, path, data in every_change(bank)
    ]
    assert answers == [404] * 5
    nothing_changed(bank)


def test_a_supplier_that_does_not_exist_is_not_found(world, sign_in, bank):
    client = sign_in(world.staffing)
    assert client.get("/locums/suppliers/999999/rates/new/").status_code == 404
    assert client.post("/locums/suppliers/999999/rates/end/", {}).status_code == 404


@pytest.mark.parametrize("user", ["coordinator", "service_manager", "ada_user", "nobody"])
def test_the_services_refuse_anyone_but_medical_staffing_and_administrators(world, bank, user):
    actor = getattr(world, user)
    with pytest.raises(PermissionDenied):
        supplier_add(actor=actor, name="Sneaky Locums", kind="agency")
    with pytest.raises(PermissionDenied):
        rate_add(
            actor=actor,
            supplier=bank,
            tier=RateTier.CORE,
            hours_kind=HoursKind.DAY,
            hourly_rate=Decimal("50.00"),
            effective_from=date(2027, 1, 1),
            source="Made up",
        )
    with pytest.raises(PermissionDenied):
        rate_end(actor=actor, rate=night_rate(bank), last_day=date(2026, 12, 31))
    nothing_changed(bank)


def test_an_administrator_keeps_the_cards_too(world, sign_in, bank):
    admin = user_with_role(Role.ADMINISTRATOR)
    client = sign_in(admin)
    assert client.get(add_rate_page(bank)).status_code == 200
    response = client.post(ADD_SUPPLIER, {"name": "Southern Locums", "kind": "agency"})
    assert response.status_code == 302
    supplier = Supplier.objects.get(name="Southern Locums")
    [made] = entries_for(Supplier, supplier.pk, LogEntry.Action.CREATE)
    assert made.actor == admin
