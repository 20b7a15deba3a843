"""The locums area as its pages show it: bookings in words, money as £ with pence, and the
spend report's bar chart drawn as SVG on the server (no script, no style: the page's
Content-Security-Policy forbids both; the bars' colours are SVG presentation attributes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rotaplan.engine.clock import format_day, to_london
from rotaplan.people.grades import Grade

from .costing import pounds
from .models import BookingReason, BookingStatus, HoursKind, LocumBooking, RateCard
from .spend import SpendLine, SpendReport

# NHS identity colours: NHS Blue for the bank, NHS Warm Yellow for agencies, NHS Dark Grey
# for axes and words.
BANK_COLOUR = "#005eb8"
AGENCY_COLOUR = "#ffb81c"
TEXT_COLOUR = "#425563"
GRID_COLOUR = "#d8dde0"

STATUS_TAG = {
    BookingStatus.BOOKED: "blue",
    BookingStatus.WORKED: "green",
    BookingStatus.CANCELLED: "grey",
}


def times(start: datetime, end: datetime) -> str:
    """ "Mon 3 Aug 2026, 20:00 to 08:30 (next day)"."""
    first, last = to_london(start), to_london(end)
    tail = "" if first.date() == last.date() else " (next day)"
    if (last.date() - first.date()).days > 1:
        tail = f" on {format_day(last.date())}"
    return f"{format_day(first.date())}, {first:%H:%M} to {last:%H:%M}{tail}"


@dataclass(frozen=True)
class BookingRow:
    booking: LocumBooking
    when: str
    shift: str
    locum: str
    supplier: str
    hours: str
    rate: str
    cost: str
    reason: str
    status: str
    status_colour: str


def booking_row(booking: LocumBooking) -> BookingRow:
    return BookingRow(
        booking=booking,
        when=times(booking.start, booking.end),
        shift=booking.shift_type.name if booking.shift_type else "Shift booked ad hoc",
        locum=f"{booking.locum_name} ({booking.grade}, GMC {booking.gmc_number})",
        supplier=f"{booking.supplier.name} ({booking.supplier.get_kind_display().lower()})",
        hours=f"{booking.hours} hours",
        rate=f"{pounds(booking.hourly_rate_pence)} an hour, "
        f"{HoursKind(booking.hours_kind).label.lower()}",
        cost=pounds(booking.cost_pence),
        reason=BookingReason(booking.reason).label,
        status=BookingStatus(booking.status).label,
        status_colour=STATUS_TAG[BookingStatus(booking.status)],
    )


def booking_rows(bookings: list[LocumBooking]) -> list[BookingRow]:
    return [booking_row(b) for b in bookings]


def rate_row(rate: RateCard) -> list[dict[str, str]]:
    until = f" to {format_day(rate.effective_to)}" if rate.effective_to else ""
    return [
        {"text": rate.get_tier_display()},
        {"text": rate.get_hours_kind_display()},
        {"text": pounds(rate.hourly_rate_pence)},
        {"text": f"From {format_day(rate.effective_from)}{until}"},
        {"text": rate.source},
    ]


def grade_words(code: str) -> str:
    return f"{code} ({Grade(code).label})" if code in Grade.values else code


def spend_table_rows(lines: list[SpendLine]) -> list[list[dict[str, str]]]:
    return [
        [
            {"text": line.label},
            {"text": str(line.bookings), "format": "numeric"},
            {"text": f"{line.hours}", "format": "numeric"},
            {"text": pounds(line.cost_pence), "format": "numeric"},
        ]
        for line in lines
    ]


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str  # what a screen reader and a tooltip say


@dataclass(frozen=True)
class AxisLabel:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class SpendChart:
    width: int
    height: int
    bars: list[Bar]
    months: list[AxisLabel]
    ticks: list[AxisLabel]
    gridlines: list[float]
    plot_left: float
    plot_right: float
    baseline: float
    legend: list[tuple[float, str, str]]  # x, colour, words
    title: str


WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 72, 12, 36, 40


def _nice_top(pence: int) -> int:
    """A round figure at or above the biggest month, so the axis reads £0, £5,000, ..."""
    if pence <= 0:
        return 100_00
    step = 1
    while step * 10 <= pence:
        step *= 10
    for multiple in (1, 2, 2.5, 5, 10):
        top = int(step * multiple)
        if top >= pence:
            return top
    return step * 10


def spend_chart(report: SpendReport) -> SpendChart:
    """Stacked bars of each month's spend, the bank's below the agencies'."""
    months = report.month_split
    top = _nice_top(max((bank + agency for _, bank, agency in months), default=0))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    slot = plot_width / max(len(months), 1)
    bar_width = min(slot * 0.6, 48)

    def height_of(pence: int) -> float:
        return round(plot_height * pence / top, 2)

    bars: list[Bar] = []
    labels: list[AxisLabel] = []
    for index, (label, bank, agency) in enumerate(months):
        x = round(LEFT + slot * index + (slot - bar_width) / 2, 2)
        bank_height = height_of(bank)
        agency_height = height_of(agency)
        if bank:
            bars.append(
                Bar(
                    x,
                    baseline - bank_height,
                    bar_width,
                    bank_height,
                    BANK_COLOUR,
                    f"{label}: bank {pounds(bank)}",
                )
            )
        if agency:
            bars.append(
                Bar(
                    x,
                    baseline - bank_height - agency_height,
                    bar_width,
                    agency_height,
                    AGENCY_COLOUR,
                    f"{label}: agency {pounds(agency)}",
                )
            )
        labels.append(AxisLabel(round(x + bar_width / 2, 2), baseline + 18, label))
    ticks = []
    gridlines = []
    for step in range(5):
        value = top * step // 4
        y = round(baseline - plot_height * step / 4, 2)
        gridlines.append(y)
        ticks.append(AxisLabel(LEFT - 6, y + 4, pounds(value).removesuffix(".00")))
    return SpendChart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        months=labels,
        ticks=ticks,
        gridlines=gridlines,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        baseline=baseline,
        legend=[(LEFT, BANK_COLOUR, "Bank"), (LEFT + 90, AGENCY_COLOUR, "Agency")],
        title=f"Locum spend by month, {format_day(report.start)} to {format_day(report.end)}",
    )
