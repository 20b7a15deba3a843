"""How leave reads on a page: its status as a tag, its type as a short grid code."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rotaplan.engine.clock import format_day, format_moment
from rotaplan.people.models import User
from rotaplan.web.presenters import period

from .models import LeaveRecord, LeaveStatus, LeaveType
from .selectors import Balance, leave_days

STATUS_COLOURS = {
    LeaveStatus.REQUESTED: "yellow",
    LeaveStatus.APPROVED: "green",
    LeaveStatus.DECLINED: "red",
    LeaveStatus.CANCELLED: "grey",
}

# The codes rota coordinators write in a grid cell.
LEAVE_CODES: dict[str, str] = {
    LeaveType.ANNUAL: "AL",
    LeaveType.STUDY: "SL",
    LeaveType.PROFESSIONAL: "PL",
    LeaveType.SICK: "Sick",
    LeaveType.PARENTAL: "Par",
    LeaveType.COMPASSIONATE: "CL",
    LeaveType.SPECIAL: "Spec",
    LeaveType.UNPAID: "UL",
}


def leave_status_tag(status: str) -> dict[str, str]:
    """Parameters of the NHS.UK tag for a leave record's status."""
    return {"text": LeaveStatus(status).label, "colour": STATUS_COLOURS[LeaveStatus(status)]}


NOT_VERIFIED = "not verified against the national terms"


def days_text(value: Decimal | int) -> str:
    """ "27 days", "13.5 days", "1 day"."""
    number = f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)
    return f"{number} {'day' if abs(value) == 1 else 'days'}"


def dates_text(record: LeaveRecord) -> str:
    if record.start == record.end:
        return format_day(record.start)
    return f"{format_day(record.start)} to {format_day(record.end)}"


def balance_rows(balance: Balance) -> list[dict[str, dict[str, str]]]:
    """The annual leave balance as an NHS summary list: each figure and where it comes
    from, and "not verified" beside a national figure that was not checked."""
    entitlement = balance.entitlement
    checked = "" if entitlement.verified else f" ({NOT_VERIFIED})"
    service = (
        f"after {entitlement.figures.longer_service_years} years' "
        f"{entitlement.figures.service_counted}"
        if entitlement.longer_service
        else "first figure of the contract"
    )
    rows = [
        (
            "Leave year",
            f"{format_day(balance.year_start)} to {format_day(balance.year_end)}",
        ),
        (
            "Annual leave",
            f"{days_text(entitlement.annual_days)}: {entitlement.full_time_days} for full time, "
            f"{service}, {entitlement.figures.name}{checked}",
        ),
        (
            "Bank holidays",
            f"{days_text(entitlement.bank_holiday_days)}: {entitlement.bank_holidays} in England "
            "this leave year",
        ),
    ]
    if balance.carried_over:
        rows.append(("Carried over", days_text(balance.carried_over)))
    if balance.adjustment:
        note = f" ({balance.record.note})" if balance.record and balance.record.note else ""
        rows.append(("Adjustment", days_text(balance.adjustment) + note))
    rows += [
        ("Approved", days_text(balance.taken)),
        ("Waiting for a decision", days_text(balance.waiting)),
        ("Left to book", days_text(balance.remaining)),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


@dataclass(frozen=True)
class LeaveRow:
    record: LeaveRecord
    doctor: str
    department: str
    kind: str
    dates: str
    days: str
    status: dict[str, str]
    note: str


def leave_read(record: LeaveRecord, via: str = "") -> str:
    """How the audit log words a look at a leave record, which may be health data:
    "their sickness Mon 10 Aug 2026 to Fri 14 Aug 2026"."""
    kind = record.get_leave_type_display().lower()
    return f"their {kind} {period(record.start, record.end)}" + (f" ({via})" if via else "")


def leave_list_read(records: list[LeaveRecord], via: str = "") -> str:
    count = len(records)
    return f"the leave list, {count} record{'' if count == 1 else 's'}" + (
        f" ({via})" if via else ""
    )


def leave_rows(records: list[LeaveRecord]) -> list[LeaveRow]:
    return [
        LeaveRow(
            record=r,
            doctor=str(r.doctor),
            department=r.doctor.department.name,
            kind=r.get_leave_type_display(),
            dates=dates_text(r),
            days=days_text(leave_days(r.start, r.end)),
            status=leave_status_tag(r.status),
            note=r.note,
        )
        for r in records
    ]


def record_rows(record: LeaveRecord) -> list[dict[str, dict[str, str]]]:
    """One record as the NHS summary list on its page."""
    rows = [
        ("Doctor", f"{record.doctor}, {record.doctor.department.name}"),
        ("Type", record.get_leave_type_display()),
        ("Dates", dates_text(record)),
        ("Working days", days_text(leave_days(record.start, record.end))),
        ("Status", record.get_status_display()),
    ]
    if record.note:
        rows.append(("Note", record.note))
    if record.requested_at and record.expected_return is None:
        who = _person(record.requested_by)
        rows.append(("Asked", format_moment(record.requested_at) + (f" by {who}" if who else "")))
    if record.decided_at and record.expected_return is None:
        rows.append(
            (
                "Decided",
                f"{record.get_status_display()} by {_person(record.decided_by)} on "
                f"{format_moment(record.decided_at)}",
            )
        )
    if record.decision_reason:
        rows.append(("Reason", record.decision_reason))
    if record.expected_return is not None:
        rows.append(("Expected back", format_day(record.expected_return)))
        if record.actual_return:
            rows.append(("Back at work", format_day(record.actual_return)))
        if record.return_note:
            rows.append(("Return to work", record.return_note))
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def _person(user: User | None) -> str:
    return user.display_name if user is not None else ""
