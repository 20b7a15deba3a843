"""The locum spend report's figures: bookings (booked or worked; a cancelled booking is
not spend) summed by month, department, grade, reason, kind of supplier and supplier.

Every month of the period is listed, a month with no bookings as £0, so a chart of the
months shows the quiet ones too."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from rotaplan.organisation.models import Department
from rotaplan.people.grades import Grade

from . import costing
from .models import BookingReason, LocumBooking, SupplierKind


@dataclass
class SpendLine:
    label: str
    bookings: int = 0
    minutes: int = 0
    cost_pence: int = 0

    @property
    def hours(self) -> Decimal:
        return costing.hours_of(self.minutes)

    def add(self, booking: LocumBooking) -> None:
        self.bookings += 1
        self.minutes += booking.minutes
        self.cost_pence += booking.cost_pence


@dataclass
class SpendReport:
    start: date
    end: date
    departments: list[Department]
    total: SpendLine
    by_month: list[SpendLine] = field(default_factory=list)
    by_department: list[SpendLine] = field(default_factory=list)
    by_grade: list[SpendLine] = field(default_factory=list)
    by_reason: list[SpendLine] = field(default_factory=list)
    by_supplier_kind: list[SpendLine] = field(default_factory=list)
    by_supplier: list[SpendLine] = field(default_factory=list)
    # Each month's spend through the bank and through agencies, in pence: the chart's bars.
    month_split: list[tuple[str, int, int]] = field(default_factory=list)

    def groupings(self) -> list[tuple[str, str, list[SpendLine]]]:
        """Each breakdown with its key and heading, in the order the report shows them."""
        return [
            ("month", "By month", self.by_month),
            ("department", "By department", self.by_department),
            ("grade", "By grade", self.by_grade),
            ("reason", "By reason", self.by_reason),
            ("supplier_kind", "Bank and agency", self.by_supplier_kind),
            ("supplier", "By supplier", self.by_supplier),
        ]


def months_of(start: date, end: date) -> list[date]:
    """The first day of each month from ``start``'s to ``end``'s."""
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return months


def month_label(month: date) -> str:
    return f"{month:%b %Y}"


def _summed(
    bookings: Iterable[LocumBooking],
    key: Callable[[LocumBooking], str],
    labels: Iterable[str] = (),
) -> list[SpendLine]:
    lines = {label: SpendLine(label) for label in labels}
    for booking in bookings:
        label = key(booking)
        lines.setdefault(label, SpendLine(label)).add(booking)
    return list(lines.values())


def _by_cost(lines: list[SpendLine]) -> list[SpendLine]:
    return sorted(lines, key=lambda line: (-line.cost_pence, line.label))


def spend_report(
    bookings: list[LocumBooking], departments: list[Department], start: date, end: date
) -> SpendReport:
    total = SpendLine("Total")
    for booking in bookings:
        total.add(booking)
    grade_order = {g.value: i for i, g in enumerate(Grade)}
    split = {month_label(m): [0, 0] for m in months_of(start, end)}
    for booking in bookings:
        pair = split.setdefault(month_label(booking.date), [0, 0])
        pair[booking.supplier.kind == SupplierKind.AGENCY] += booking.cost_pence
    return SpendReport(
        start=start,
        end=end,
        departments=departments,
        total=total,
        by_month=_summed(
            bookings,
            lambda b: month_label(b.date),
            [month_label(m) for m in months_of(start, end)],
        ),
        by_department=_summed(bookings, lambda b: b.department.name, [d.name for d in departments]),
        by_grade=sorted(
            _summed(bookings, lambda b: b.grade),
            key=lambda line: grade_order.get(line.label, 99),
        ),
        by_reason=_by_cost(_summed(bookings, lambda b: BookingReason(b.reason).label)),
        by_supplier_kind=_summed(
            bookings,
            lambda b: SupplierKind(b.supplier.kind).label,
            [SupplierKind.BANK.label, SupplierKind.AGENCY.label],
        ),
        by_supplier=_by_cost(_summed(bookings, lambda b: b.supplier.name)),
        month_split=[(label, bank, agency) for label, (bank, agency) in split.items()],
    )
