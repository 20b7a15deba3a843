"""Programmed activities from a job plan's timetable, exactly as the contracts count them.

A PA is 4 hours in plain time and 3 in premium time (``contracts.json``); an activity
partly in premium time counts pro rata, its plain hours over 4 and its premium hours over
3, so a Monday 17:00-21:00 clinic under the 2003 consultant contract is 2/4 + 2/3 = 7/6
PA. Activities that do not run every week are annualised: one week in N counts 1/N of its
PAs a week, K weeks a year counts K / weeks_a_year. On-call emergency work (predictable
and unpredictable, hours a week on average) is out of hours and counts at the premium
rate, 3 hours to a PA, in direct clinical care. Everything is a ``Fraction``: a page
rounds only when it shows a figure (``pas_text``). docs/adr/0029-programmed-activities.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import combinations

from .contracts import ContractTerms, contract_terms
from .plan import Category, JobPlanInput, OnCall, PlannedActivity, WeeksKind

FULL_TIME_PAS = Fraction(10)
MOST_PAS = Fraction(12)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CATEGORY_NAMES = {
    Category.DCC: "direct clinical care",
    Category.SPA: "supporting professional activities",
    Category.ANR: "additional NHS responsibilities",
    Category.EXTERNAL: "external duties",
}


@dataclass(frozen=True, slots=True)
class ActivityPAs:
    activity: PlannedActivity
    plain_hours: Fraction  # hours of one occurrence outside premium time
    premium_hours: Fraction  # hours of one occurrence in premium time
    pas_per_occurrence: Fraction  # plain/4 + premium/3
    weekly_pas: Fraction  # annualised: every week x1; one in N x1/N; K a year xK/weeks_a_year


@dataclass(frozen=True, slots=True)
class OnCallPAs:
    predictable: Fraction  # PAs a week
    unpredictable: Fraction
    supplement_percent: Fraction | None  # availability supplement % of basic salary
    supplement_verified: bool


@dataclass(frozen=True, slots=True)
class JobPlanWarning:
    code: str  # internal: "not_ten", "over_twelve", "spa_under_policy", "overlap", "no_pas"
    message: str  # plain English for users
    activity_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Breakdown:
    activities: tuple[ActivityPAs, ...]
    on_call: OnCallPAs | None
    by_category: dict[Category, Fraction]  # every Category present; on-call PAs count in DCC
    total: Fraction
    warnings: tuple[JobPlanWarning, ...]
    premium_time: str  # the contract's premium time in words, with its source


def job_plan_pas(plan: JobPlanInput) -> Breakdown:
    """The job plan's PAs a week, activity by activity and by category, with the
    warnings a job planning meeting needs."""
    terms = contract_terms(plan.contract)
    activities = tuple(activity_pas(a, terms, plan.weeks_a_year) for a in plan.activities)
    on_call = on_call_pas(plan.on_call, terms) if plan.on_call is not None else None
    by_category = {category: Fraction(0) for category in Category}
    for item in activities:
        by_category[item.activity.category] += item.weekly_pas
    if on_call is not None:
        by_category[Category.DCC] += on_call.predictable + on_call.unpredictable
    total = sum(by_category.values(), Fraction(0))
    return Breakdown(
        activities=activities,
        on_call=on_call,
        by_category=by_category,
        total=total,
        warnings=tuple(_warnings(plan, activities, by_category, total)),
        premium_time=premium_time_text(terms),
    )


def activity_pas(activity: PlannedActivity, terms: ContractTerms, weeks_a_year: int) -> ActivityPAs:
    premium = premium_hours(activity.weekday, activity.start, activity.end, terms)
    plain = _hours(activity.start, activity.end) - premium
    per_occurrence = plain / terms.plain_pa_hours + premium / terms.premium_pa_hours
    return ActivityPAs(
        activity=activity,
        plain_hours=plain,
        premium_hours=premium,
        pas_per_occurrence=per_occurrence,
        weekly_pas=per_occurrence * share_of_weeks(activity, weeks_a_year),
    )


def premium_hours(weekday: int, start: time, end: time, terms: ContractTerms) -> Fraction:
    """The hours of ``start`` to ``end`` on ``weekday`` (0 Monday) in premium time: all
    of them at a weekend, those outside the plain-time window on a weekday."""
    whole = _hours(start, end)
    if weekday >= 5:
        return whole if terms.premium_time.weekends else Fraction(0)
    window = terms.premium_time
    first = max(_minutes(start), _minutes(window.weekday_plain_from))
    last = min(_minutes(end), _minutes(window.weekday_plain_to))
    plain = Fraction(max(0, last - first), 60)
    return whole - plain


def share_of_weeks(activity: PlannedActivity, weeks_a_year: int) -> Fraction:
    """The share of working weeks the activity runs in: 1 every week, 1/N one week in
    N, K/weeks_a_year for K weeks a year."""
    weeks = activity.weeks
    if weeks.kind is WeeksKind.EVERY:
        return Fraction(1)
    value = weeks.value or 1
    if weeks.kind is WeeksKind.ONE_IN:
        return Fraction(1, value)
    return Fraction(value, weeks_a_year)


def on_call_pas(on_call: OnCall, terms: ContractTerms) -> OnCallPAs:
    """On-call work in PAs a week, at the premium rate (it is out of hours), and the
    availability supplement the rota's frequency and category earn."""
    return OnCallPAs(
        predictable=Fraction(on_call.predictable_hours) / terms.on_call_hours_per_pa,
        unpredictable=Fraction(on_call.unpredictable_hours) / terms.on_call_hours_per_pa,
        supplement_percent=terms.supplement_percent(on_call.one_in, on_call.category),
        supplement_verified=terms.supplement_source.verified,
    )


def overlapping(activities: Sequence[PlannedActivity], weeks_a_year: int) -> list[tuple[str, str]]:
    """Pairs of activity ids that must collide in some week: the same weekday, times that
    overlap, and shares of weeks adding up to more than 1 (two 1-in-2 lists on the same
    morning can alternate; a weekly clinic and a 1-in-2 list cannot)."""
    pairs: list[tuple[str, str]] = []
    for first, second in combinations(activities, 2):
        if first.weekday != second.weekday:
            continue
        if not (first.start < second.end and second.start < first.end):
            continue
        shares = share_of_weeks(first, weeks_a_year) + share_of_weeks(second, weeks_a_year)
        if shares > 1:
            pairs.append((first.id, second.id))
    return pairs


def pas_text(value: Fraction) -> str:
    """A PA figure as people read it: 2 decimal places at most, halves up, no trailing
    zeros ("2.33", "10", "0.5")."""
    rounded = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def premium_time_text(terms: ContractTerms) -> str:
    source = terms.premium_time.source
    checked = "verified" if source.verified else "not verified against the terms"
    return (
        f"Premium time under the {terms.name}: {terms.premium_time.words}. "
        f"Source: {source.document} ({checked})."
    )


def when_text(activity: PlannedActivity) -> str:
    """ "Mon 17:00-21:00": the activity's slot in the week, as the warnings say it."""
    day = WEEKDAYS[activity.weekday]
    return f"{day} {activity.start.strftime('%H:%M')} to {activity.end.strftime('%H:%M')}"


def _warnings(
    plan: JobPlanInput,
    activities: tuple[ActivityPAs, ...],
    by_category: dict[Category, Fraction],
    total: Fraction,
) -> list[JobPlanWarning]:
    found: list[JobPlanWarning] = []
    if total == 0:
        found.append(
            JobPlanWarning(
                "no_pas",
                "This job plan has no programmed activities. Add its activities (and any "
                "on-call) before it is discussed or agreed.",
            )
        )
    else:
        if plan.wte == 1 and total != FULL_TIME_PAS:
            found.append(
                JobPlanWarning(
                    "not_ten",
                    f"A full-time job plan is {pas_text(FULL_TIME_PAS)} PAs a week; this one "
                    f"is {pas_text(total)}.",
                )
            )
        if total > MOST_PAS:
            found.append(
                JobPlanWarning(
                    "over_twelve",
                    f"This job plan is {pas_text(total)} PAs a week, more than the "
                    f"{pas_text(MOST_PAS)} a job plan should not go beyond.",
                )
            )
        least_spa = plan.minimum_spa * plan.wte
        spa = by_category[Category.SPA]
        if spa < least_spa:
            policy = (
                f"{pas_text(plan.minimum_spa)} for a full-timer, pro rata for "
                f"{pas_text(plan.wte)} WTE"
                if plan.wte != 1
                else "for a full-timer"
            )
            found.append(
                JobPlanWarning(
                    "spa_under_policy",
                    f"Supporting professional activities are {pas_text(spa)} PAs a week, "
                    f"under the {pas_text(least_spa)} the trust's policy asks ({policy}).",
                )
            )
    by_id = {item.activity.id: item.activity for item in activities}
    for first, second in overlapping(plan.activities, plan.weeks_a_year):
        one, other = by_id[first], by_id[second]
        found.append(
            JobPlanWarning(
                "overlap",
                f"{one.description} ({when_text(one)}) and {other.description} "
                f"({when_text(other)}) overlap, and they run in too many weeks between "
                "them to take turns, so they clash in some weeks.",
                (first, second),
            )
        )
    return found


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _hours(start: time, end: time) -> Fraction:
    return Fraction(_minutes(end) - _minutes(start), 60)
