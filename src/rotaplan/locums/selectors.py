"""Reads of the locums area, each scoped to the user: bookings, gaps to book, suppliers
and their rate cards, inductions due, and the spend report's figures."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet

from rotaplan.cover.models import UNFILLED, Gap
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.models import Role
from rotaplan.rotas.models import ShiftType

from .models import (
    SPENT,
    BookingStatus,
    InductionCheck,
    InductionStep,
    LocumBooking,
    LocumInduction,
    RateCard,
    Supplier,
    SupplierKind,
)
from .spend import SpendReport, spend_report

# An agency doctor booked this far ahead must be inducted before they arrive.
INDUCTION_DAYS_AHEAD = 14
# How far ahead the bookings page lists gaps a coordinator could book a locum for.
GAP_DAYS_AHEAD = 28

SPEND_ROLES = (Role.ROTA_COORDINATOR, Role.SERVICE_MANAGER)


def spend_departments(user: access.AnyUser) -> QuerySet[Department]:
    """Departments whose locum bookings and spend the user may see: trust-wide roles all,
    coordinators and service managers their own."""
    if access.is_trust_wide(user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=access.department_ids_for(user, *SPEND_ROLES))


def may_see_locums(user: access.AnyUser) -> bool:
    return access.is_trust_wide(user) or bool(access.department_ids_for(user, *SPEND_ROLES))


def booking_departments(user: access.AnyUser) -> QuerySet[Department]:
    """Departments the user books locums for."""
    return access.manageable_departments(user)


def bookings_of(
    user: access.AnyUser,
    *,
    department_id: int | None = None,
    status: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[LocumBooking]:
    query = LocumBooking.objects.filter(department__in=spend_departments(user))
    if department_id is not None:
        query = query.filter(department_id=department_id)
    if status:
        query = query.filter(status=status)
    if start is not None:
        query = query.filter(date__gte=start)
    if end is not None:
        query = query.filter(date__lte=end)
    return list(query.select_related("department", "supplier", "shift_type").order_by("start"))


def visible_booking(user: access.AnyUser, booking_id: int) -> LocumBooking | None:
    """The booking if the user may see it; otherwise None, whether or not it exists."""
    return (
        LocumBooking.objects.filter(pk=booking_id, department__in=spend_departments(user))
        .select_related("department", "supplier", "shift_type", "gap", "booked_by", "changed_by")
        .first()
    )


def bookable_gap(user: access.AnyUser, gap_id: int) -> Gap | None:
    """A gap still open or offered in a department the user books for; None otherwise."""
    return (
        Gap.objects.filter(pk=gap_id, status__in=UNFILLED, department__in=booking_departments(user))
        .select_related("department", "shift_type")
        .first()
    )


def visible_gap(user: access.AnyUser, gap_id: int) -> Gap | None:
    """A gap of a department the user books for, whatever its status."""
    return (
        Gap.objects.filter(pk=gap_id, department__in=booking_departments(user))
        .select_related("department", "shift_type")
        .first()
    )


def gaps_to_book(user: access.AnyUser, today: date) -> list[Gap]:
    """Open and offered gaps of the user's departments from today, for some weeks ahead."""
    return list(
        Gap.objects.filter(
            department__in=booking_departments(user),
            status__in=UNFILLED,
            date__gte=today,
            date__lte=today + timedelta(days=GAP_DAYS_AHEAD),
        ).select_related("department", "shift_type")
    )


def bookable_shift_types(user: access.AnyUser) -> QuerySet[ShiftType]:
    """Shifts of the departments the user books for: an ad hoc booking's choices."""
    return (
        ShiftType.objects.filter(department__in=booking_departments(user))
        .select_related("department")
        .order_by("department__name", "start", "code")
    )


def active_suppliers() -> QuerySet[Supplier]:
    return Supplier.objects.filter(active=True)


def supplier(supplier_id: int) -> Supplier | None:
    return Supplier.objects.filter(pk=supplier_id).first()


def rates_of(supplier_id: int) -> QuerySet[RateCard]:
    """The supplier's rates: the choices of the form that ends one (the page offers those
    with no last day yet; one ended meanwhile is then refused by the service in words)."""
    return RateCard.objects.filter(supplier_id=supplier_id)


def suppliers_with_rates() -> list[tuple[Supplier, list[RateCard]]]:
    suppliers = list(Supplier.objects.prefetch_related("rates"))
    return [(s, sorted(s.rates.all(), key=_rate_order)) for s in suppliers]


def _rate_order(rate: RateCard) -> tuple[int, int, date]:
    tiers = ["Foundation", "Core", "Registrar", "SAS", "Consultant"]
    kinds = ["day", "night", "weekend"]
    return (
        tiers.index(rate.tier) if rate.tier in tiers else 99,
        kinds.index(rate.hours_kind) if rate.hours_kind in kinds else 99,
        rate.effective_from,
    )


def induction_steps(gmc_number: str) -> dict[str, InductionStep]:
    """The checks of a locum's induction done, by check."""
    return {
        step.check_done: step
        for step in InductionStep.objects.filter(induction__gmc_number=gmc_number).select_related(
            "done_by"
        )
    }


def inductions_due(user: access.AnyUser, today: date) -> list[tuple[LocumBooking, list[str]]]:
    """Agency bookings in the user's departments from today to 14 days ahead whose locum's
    induction is incomplete, each with the checks still to do; earliest first, one row per
    locum (their first shift)."""
    bookings = LocumBooking.objects.filter(
        department__in=booking_departments(user),
        supplier__kind=SupplierKind.AGENCY,
        status=BookingStatus.BOOKED,
        date__gte=today,
        date__lte=today + timedelta(days=INDUCTION_DAYS_AHEAD),
    ).select_related("department", "supplier")
    done: dict[str, set[str]] = {}
    for gmc, check in InductionStep.objects.filter(
        induction__gmc_number__in={b.gmc_number for b in bookings}
    ).values_list("induction__gmc_number", "check_done"):
        done.setdefault(gmc, set()).add(check)
    due: dict[str, tuple[LocumBooking, list[str]]] = {}
    for booking in sorted(bookings, key=lambda b: b.start):
        missing = [
            c.label for c in InductionCheck if c.value not in done.get(booking.gmc_number, set())
        ]
        if missing and booking.gmc_number not in due:
            due[booking.gmc_number] = (booking, missing)
    return list(due.values())


def induction_of(gmc_number: str) -> LocumInduction | None:
    return LocumInduction.objects.filter(gmc_number=gmc_number).first()


def locum_spend(*, department_ids: list[int], start: date, end: date) -> SpendReport:
    """The spend on locums booked or worked from ``start`` to ``end`` (the shifts' days)
    in the departments given: the caller has checked the user may see each."""
    bookings = list(
        LocumBooking.objects.filter(
            department_id__in=department_ids, date__gte=start, date__lte=end, status__in=SPENT
        ).select_related("department", "supplier")
    )
    departments = list(Department.objects.filter(pk__in=department_ids).order_by("name"))
    return spend_report(bookings, departments, start, end)


def bookable_shift_type(user: access.AnyUser, department_id: int, pk: int) -> ShiftType | None:
    return bookable_shift_types(user).filter(pk=pk, department_id=department_id).first()


def spend_department_ids(user: access.AnyUser) -> set[int]:
    return set(spend_departments(user).values_list("pk", flat=True))


def books_locums(user: access.AnyUser) -> bool:
    return booking_departments(user).exists()


RECENT_BOOKINGS = 30


def recent_and_upcoming(user: access.AnyUser, today: date) -> list[LocumBooking]:
    """Bookings from today on, and the most recent ones before today, earliest first."""
    query = LocumBooking.objects.filter(department__in=spend_departments(user)).select_related(
        "department", "supplier", "shift_type"
    )
    recent = list(query.filter(date__lt=today).order_by("-start", "-pk")[:RECENT_BOOKINGS])
    return [*reversed(recent), *query.filter(date__gte=today).order_by("start", "pk")]
