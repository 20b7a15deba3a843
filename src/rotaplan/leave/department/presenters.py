"""How a department's leave rules and entitlements read: minimum staffing in words, the
policy as a summary list, each doctor's figures with "not verified" beside an
entitlement not checked against the national terms."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from rotaplan.engine.clock import format_day
from rotaplan.people.grades import Grade

from ..models import LeavePolicy, MinimumStaffing
from ..presenters import NOT_VERIFIED, days_text
from .selectors import DoctorBalance

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_CHOICES = [(str(i), name) for i, name in enumerate(DAY_NAMES)]
MONTH_CHOICES = [(str(i), calendar.month_name[i]) for i in range(1, 13)]
GRADE_CHOICES = [(g.value, f"{g.value} ({g.label.lower()})") for g in Grade]
GRADE_ORDER = {g.value: i for i, g in enumerate(Grade)}


def and_list(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def weekdays_words(weekdays: list[int]) -> str:
    """ "every day", "on Saturdays and Sundays", "on weekdays, Monday to Friday"."""
    days = sorted(set(weekdays))
    if not days or days == list(range(7)):
        return "every day"
    if days == list(range(5)):
        return "on weekdays, Monday to Friday"
    return "on " + and_list([f"{DAY_NAMES[d]}s" for d in days])


def rule_words(rule: MinimumStaffing) -> str:
    """ "At least 3 of FY1, FY2 available every day"."""
    grades = sorted(rule.grades, key=lambda g: GRADE_ORDER.get(g, len(GRADE_ORDER)))
    return (
        f"At least {rule.at_least} of {', '.join(grades)} available {weekdays_words(rule.weekdays)}"
    )


def year_start_words(policy: LeavePolicy) -> str:
    """ "1 April"."""
    return f"{policy.year_start_day} {calendar.month_name[policy.year_start_month]}"


def policy_rows(policy: LeavePolicy) -> list[dict[str, dict[str, str]]]:
    weeks = policy.notice_weeks
    rows = [
        ("Notice of leave", f"{weeks} {'week' if weeks == 1 else 'weeks'}"),
        ("Leave year starts on", year_start_words(policy)),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


@dataclass(frozen=True)
class EntitlementRow:
    doctor_id: int
    doctor: str
    grade: str
    entitlement: str
    carried_over: str
    adjustment: str
    remaining: str
    verified: bool


def entitlement_rows(balances: list[DoctorBalance]) -> list[EntitlementRow]:
    """Each doctor's annual leave for the year: the entitlement says when it is not
    verified against the national terms."""
    rows = []
    for held in balances:
        balance = held.balance
        checked = "" if balance.entitlement.verified else f" ({NOT_VERIFIED})"
        adjustment = days_text(balance.adjustment)
        if balance.adjustment and balance.record and balance.record.note:
            adjustment += f" ({balance.record.note})"
        rows.append(
            EntitlementRow(
                doctor_id=held.doctor.pk,
                doctor=str(held.doctor),
                grade=held.doctor.grade,
                entitlement=days_text(balance.entitlement.total) + checked,
                carried_over=days_text(balance.carried_over),
                adjustment=adjustment,
                remaining=days_text(balance.remaining),
                verified=balance.entitlement.verified,
            )
        )
    return rows


def leave_year_words(year_start: date, year_end: date) -> str:
    return f"{format_day(year_start)} to {format_day(year_end)}"
