"""Factories for the locums app: the bank and agencies, their rate cards, bookings."""

from __future__ import annotations

from datetime import date, datetime, time

import factory
from factory.django import DjangoModelFactory

from rotaplan.engine.clock import local_datetime
from rotaplan.locums.models import (
    BookingReason,
    HoursKind,
    LocumBooking,
    RateCard,
    RateTier,
    Supplier,
    SupplierKind,
)
from rotaplan.people.grades import Grade

from .organisation import DepartmentFactory
from .people import UserFactory


class SupplierFactory(DjangoModelFactory):
    class Meta:
        model = Supplier
        django_get_or_create = ("name",)

    name = "Trust staff bank"
    kind = SupplierKind.BANK


class AgencyFactory(SupplierFactory):
    name = "Medics Direct"
    kind = SupplierKind.AGENCY
    framework = "NHS locum doctors framework"


class RateCardFactory(DjangoModelFactory):
    class Meta:
        model = RateCard
        django_get_or_create = ("supplier", "tier", "hours_kind", "effective_from")

    supplier = factory.SubFactory(SupplierFactory)
    tier = RateTier.REGISTRAR
    hours_kind = HoursKind.DAY
    hourly_rate_pence = 6000
    effective_from = date(2026, 4, 1)
    source = "Trust locum rate card 2026/27 (test figures)"


def rate_cards(supplier: Supplier, pence: dict[str, int], tier: str = RateTier.REGISTRAR) -> None:
    """A row for each kind of hours named in ``pence`` from 1 Apr 2026."""
    for kind, rate in pence.items():
        RateCardFactory(supplier=supplier, tier=tier, hours_kind=kind, hourly_rate_pence=rate)


def moment(day: date, hour: int, minute: int = 0) -> datetime:
    return local_datetime(day, time(hour, minute))


class LocumBookingFactory(DjangoModelFactory):
    """A booking as the service would have made it: the rate, hours and cost consistent."""

    class Meta:
        model = LocumBooking

    department = factory.SubFactory(DepartmentFactory)
    supplier = factory.SubFactory(SupplierFactory)
    locum_name = "Dr Sam Locum"
    gmc_number = factory.Sequence(lambda n: f"{6000000 + n:07d}")
    grade = Grade.ST4
    date = date(2026, 11, 2)
    start = factory.LazyAttribute(lambda b: moment(b.date, 8))
    end = factory.LazyAttribute(lambda b: moment(b.date, 20, 30))
    minutes = factory.LazyAttribute(lambda b: int((b.end - b.start).total_seconds() // 60))
    hours_kind = HoursKind.DAY
    rate = factory.SubFactory(RateCardFactory, supplier=factory.SelfAttribute("..supplier"))
    hourly_rate_pence = factory.SelfAttribute("rate.hourly_rate_pence")
    cost_pence = factory.LazyAttribute(lambda b: (b.minutes * b.hourly_rate_pence + 30) // 60)
    reason = BookingReason.SICKNESS
    booked_by = factory.SubFactory(UserFactory)
