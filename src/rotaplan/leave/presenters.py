"""How leave reads on a page: its status as a tag, its type as a short grid code."""

from __future__ import annotations

from .models import LeaveStatus, LeaveType

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
