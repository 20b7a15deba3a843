"""Writes of the bank, the agencies and their rate cards, kept by medical staffing (and
administrators) on the suppliers page rather than in Django's administration, which they
cannot open. Each in one transaction, permission checked, audited.

A rate card row is never deleted or repriced: bookings keep the rate and cost they were
priced at, and the rate they used stays as their evidence. A new rate is a new row from its
own day; the rate it follows is ended the day before, so exactly one row prices each day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rotaplan.audit.actor import audited_as
from rotaplan.engine.clock import format_day
from rotaplan.people import access
from rotaplan.people.models import User
from rotaplan.rotas.horizon import outside_horizon

from .models import HoursKind, RateCard, RateTier, Supplier, SupplierKind

NOT_STAFFING = "Only medical staffing and administrators keep the bank, agencies and their rates"
LOWEST_RATE = Decimal("0.01")
HIGHEST_RATE = Decimal("999.99")


def rate_problem(amount: object) -> str | None:
    """What is wrong with an hourly rate in pounds, or None: a ``Decimal`` (never a float,
    whose pennies are not exact) of at most two decimal places, from £0.01 to £999.99."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        return "Enter the hourly rate in pounds and pence, for example 85.50"
    if amount <= 0:
        return "Enter an hourly rate of more than £0, for example 85.50"
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return "Enter the hourly rate with no more than 2 numbers after the point, like 85.50"
    if not LOWEST_RATE <= amount <= HIGHEST_RATE:
        return "Enter an hourly rate from £0.01 to £999.99"
    return None


def rate_words(tier: str, hours_kind: str) -> str:
    """ "Registrar night hours": how a page names a rate's level and kind of hours."""
    return f"{tier} {HoursKind(hours_kind).label.lower()} hours"


def _require_staffing(actor: User) -> None:
    if not access.is_trust_wide(actor):
        raise PermissionDenied(NOT_STAFFING)


def _day_problem(day: date) -> str | None:
    return outside_horizon(day, timezone.localdate())


@transaction.atomic
def supplier_add(
    *, actor: User, name: str, kind: str, framework: str = "", contact: str = ""
) -> Supplier:
    """Add the trust's bank or an agency. Raises ``PermissionDenied`` or
    ``ValidationError`` by field (a name already used, in any case, is refused)."""
    _require_staffing(actor)
    name, framework, contact = name.strip(), framework.strip(), contact.strip()
    problems: dict[str, str] = {}
    if not name:
        problems["name"] = "Enter the name of the bank or agency"
    elif len(name) > 100:
        problems["name"] = "Enter the name in 100 characters or fewer"
    elif Supplier.objects.filter(name__iexact=name).exists():
        problems["name"] = f"There is already a bank or agency called {name}"
    if kind not in SupplierKind.values:
        problems["kind"] = "Choose whether it is the trust's bank or an agency"
    if len(framework) > 200:
        problems["framework"] = "Enter the framework in 200 characters or fewer"
    if len(contact) > 200:
        problems["contact"] = "Enter the contact in 200 characters or fewer"
    if problems:
        raise ValidationError(problems)
    supplier = Supplier(name=name, kind=kind, framework=framework, contact=contact)
    with audited_as(actor):
        supplier.save()
    return supplier


@dataclass(frozen=True)
class RateAdded:
    """The rate added, and the rate it follows if that one was ended the day before."""

    rate: RateCard
    ended: RateCard | None


@transaction.atomic
def rate_add(
    *,
    actor: User,
    supplier: Supplier,
    tier: str,
    hours_kind: str,
    hourly_rate: Decimal,
    effective_from: date,
    effective_to: date | None = None,
    source: str,
) -> RateAdded:
    """Add a rate to the supplier's card: ``hourly_rate`` pounds an hour (stored in pence)
    for ``tier`` and ``hours_kind`` from ``effective_from`` to ``effective_to`` (none: no end
    yet). A rate of the same level and hours that began earlier and would still apply on
    ``effective_from`` is ended the day before; one that begins on or after that day and
    would overlap is a refusal. Raises ``PermissionDenied`` or ``ValidationError`` by
    field."""
    _require_staffing(actor)
    source = source.strip()
    problems: dict[str, str] = {}
    if tier not in RateTier.values:
        problems["tier"] = "Choose the level of doctor"
    if hours_kind not in HoursKind.values:
        problems["hours_kind"] = "Choose the kind of hours"
    if (money := rate_problem(hourly_rate)) is not None:
        problems["hourly_rate"] = money
    if (when := _day_problem(effective_from)) is not None:
        problems["effective_from"] = when
    if effective_to is not None:
        if (until := _day_problem(effective_to)) is not None:
            problems["effective_to"] = until
        elif effective_to < effective_from:
            problems["effective_to"] = "The last day must be on or after the first day"
    if not source:
        problems["source"] = "Say where the rate comes from, for example the trust's rate card"
    elif len(source) > 300:
        problems["source"] = "Say where the rate comes from in 300 characters or fewer"
    if problems:
        raise ValidationError(problems)
    # Two people adding rates to one card take turns, so neither misses the other's row.
    held = Supplier.objects.select_for_update().filter(pk=supplier.pk).first()
    if held is None:
        raise ValidationError({"supplier": "This bank or agency no longer exists"})
    overlapping = RateCard.objects.select_for_update().filter(
        supplier=held, tier=tier, hours_kind=hours_kind
    )
    overlapping = overlapping.filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=effective_from)
    )
    if effective_to is not None:
        overlapping = overlapping.filter(effective_from__lte=effective_to)
    earlier = [row for row in overlapping if row.effective_from < effective_from]
    later = sorted(
        (row for row in overlapping if row.effective_from >= effective_from),
        key=lambda row: row.effective_from,
    )
    if later:
        first = later[0]
        said = f"A rate for {rate_words(tier, hours_kind)} already applies from " + format_day(
            first.effective_from
        )
        if first.effective_from == effective_from:
            raise ValidationError({"effective_from": said})
        raise ValidationError({"effective_to": f"{said}: give this rate a last day before then"})
    rate = RateCard(
        supplier=held,
        tier=tier,
        hours_kind=hours_kind,
        hourly_rate_pence=int(hourly_rate * 100),
        effective_from=effective_from,
        effective_to=effective_to,
        source=source,
    )
    ended = max(earlier, key=lambda row: row.effective_from, default=None)
    with audited_as(actor):
        for row in earlier:
            row.effective_to = effective_from - timedelta(days=1)
            row.save(update_fields=["effective_to"])
        rate.full_clean()
        rate.save()
    return RateAdded(rate=rate, ended=ended)


@transaction.atomic
def rate_end(*, actor: User, rate: RateCard, last_day: date) -> RateCard:
    """End a rate that has no end yet on ``last_day``: no booking after it is priced at
    it, and bookings already made keep their rate and cost. Of two people ending the same
    rate at once, the first wins and the second is told (on ``rate``). Raises
    ``PermissionDenied`` or ``ValidationError`` by field."""
    _require_staffing(actor)
    held = RateCard.objects.select_for_update().filter(pk=rate.pk).first()
    if held is None:
        raise ValidationError({"rate": "This rate no longer exists"})
    if held.effective_to is not None:
        raise ValidationError(
            {"rate": f"This rate already ends on {format_day(held.effective_to)}"}
        )
    if (when := _day_problem(last_day)) is not None:
        raise ValidationError({"last_day": when})
    if last_day < held.effective_from:
        raise ValidationError(
            {
                "last_day": "The last day must be on or after the day the rate starts, "
                f"{format_day(held.effective_from)}"
            }
        )
    held.effective_to = last_day
    with audited_as(actor):
        held.save(update_fields=["effective_to"])
    return held
