"""A rota's compliance, ready for a page: the rules engine's report with each breach named
in words, counted by doctor and by rule, and placed on the days of the grid it touches.

``present_compliance`` works on engine data alone, so it is unit tested without a database;
``selectors.rota_compliance`` fetches and checks a stored rota, then presents it here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rotaplan.engine.breaches import Breach, ComplianceReport, DoctorFigures
from rotaplan.engine.clock import format_moment, to_london
from rotaplan.engine.rota import Period, RotaShifts
from rotaplan.engine.rules import RULES_NOT_CHECKABLE_FROM_PLAN

# Each rule's short plain name, and the unit its measured value and limit are in.
RULES: Mapping[str, tuple[str, str]] = {
    "avg-weekly-hours": ("Average weekly hours", "hours a week"),
    "max-72h-in-168h": ("72 hours in any 168", "hours"),
    "max-shift-length": ("Shift length", "hours"),
    "max-consecutive-shifts": ("Consecutive shifts", "shifts"),
    "max-consecutive-long-shifts": ("Consecutive long shifts", "long shifts"),
    "max-consecutive-long-evening-shifts": ("Consecutive long late evenings", "shifts"),
    "max-consecutive-nights": ("Consecutive nights", "nights"),
    "rest-after-nights": ("Rest after nights", "hours"),
    "min-rest-between-shifts": ("Rest between shifts", "hours"),
    "weekend-frequency": ("Weekend frequency", "weekends"),
    "max-on-call-length": ("On-call length", "hours"),
    "consecutive-on-call": ("On call on consecutive days", "days"),
    "max-on-call-per-7-days": ("On-call periods in 7 days", "on-call periods"),
    "day-after-on-call": ("Day after on call", "hours"),
    "on-call-rest": ("Rest while on call", "hours"),
    "breaks": ("Breaks", "breaks"),
    "wtr-avg-48h": ("48-hour average week (WTR)", "hours a week"),
    "wtr-daily-rest": ("Daily rest (WTR)", "hours"),
    "wtr-weekly-rest": ("Weekly rest (WTR)", "hours"),
    "wtr-break": ("Rest break (WTR)", "minutes"),
    "wtr-night-average": ("Night work average (WTR)", "hours in 24"),
    "overlapping-shifts": ("Overlapping shifts", "hours"),
    "local-max-nights-in-a-row": ("Nights in a row (local rule)", "nights"),
    "local-max-weekends-in-a-row": ("Weekends in a row (local rule)", "weekends"),
    "local-whole-weekends": ("Whole weekends (local rule)", "days"),
    "local-never-alone": ("Never alone (local rule)", "doctors"),
    "local-apart": ("Kept apart (local rule)", "doctors"),
    "local-together": ("Work together (local rule)", "doctors"),
    "local-fixed-line": ("Fixed rota line (local rule)", "shifts"),
}

NOT_CHECKED_REASON = "Not checked, as they need the hours actually worked, not the plan"


def rule_name(rule: str) -> str:
    """ "max-consecutive-nights" is "Consecutive nights"; an unknown id is itself."""
    return RULES.get(rule, (rule, ""))[0]


def amount(rule: str, value: float) -> str:
    """A measured value or limit in the rule's unit: "5 nights", "9.5 hours", "50%"."""
    if rule == "weekend-frequency":
        return f"{value:.0%} of weekends"
    unit = RULES.get(rule, ("", ""))[1]
    number = f"{round(value, 2):g}"
    return f"{number} {unit}".strip()


def window_text(start: datetime, end: datetime) -> str:
    """ "Mon 3 Aug 2026 20:00 to Fri 7 Aug 2026 08:30", in London time."""
    return f"{format_moment(start)} to {format_moment(end)}"


def days_touched(start: datetime, end: datetime, period: Period) -> list[date]:
    """The London days from ``start`` to ``end`` inside ``period``. A window ending at
    midnight does not touch the day that midnight begins."""
    first = to_london(start).date()
    last = to_london(end - timedelta(microseconds=1)).date() if end > start else first
    first, last = max(first, period.start), min(last, period.end)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@dataclass(frozen=True)
class BreachRow:
    doctor_id: int
    doctor_name: str
    rule: str
    rule_name: str
    when: str
    measured: str
    limit: str
    message: str
    help: str


@dataclass(frozen=True)
class Reading:
    """How one rule is read, for the rules a page lists."""

    rule_name: str
    help: str


@dataclass(frozen=True)
class DoctorRow:
    doctor_id: int
    name: str
    figures: DoctorFigures
    breaches: int

    @property
    def average_hours(self) -> str:
        return f"{self.figures.average_weekly_hours:.1f}"

    @property
    def peak_hours(self) -> str:
        return f"{self.figures.max_hours_in_168h:.1f}"

    @property
    def weekends(self) -> str:
        return f"{self.figures.weekends_worked} of {self.figures.weekends_in_period}"


@dataclass(frozen=True)
class Count:
    key: str  # a doctor's id as text, or a rule id
    name: str
    breaches: int


@dataclass(frozen=True)
class RotaCompliance:
    report: ComplianceReport
    breaches: tuple[BreachRow, ...]
    doctors: tuple[DoctorRow, ...]
    by_doctor: tuple[Count, ...]  # doctors with breaches, most first
    by_rule: tuple[Count, ...]  # rules broken, most first
    # (doctor id, London day) -> names of the rules broken over that day, for the grid
    days: Mapping[tuple[int, date], tuple[str, ...]]
    not_checked: tuple[Count, ...]  # rules a plan cannot show, with no count
    # what the hospital derogation turns into compensatory rest due: not breaches
    owed: tuple[BreachRow, ...] = ()
    # the department's local rules not kept: not breaches of a doctor's terms
    local: tuple[BreachRow, ...] = ()

    @property
    def readings(self) -> tuple[Reading, ...]:
        """How each rule on the page is read, once per rule, in the order they appear."""
        seen: dict[str, Reading] = {}
        for row in (*self.breaches, *self.owed):
            if row.help and row.rule not in seen:
                seen[row.rule] = Reading(row.rule_name, row.help)
        return tuple(seen.values())

    @property
    def compliant(self) -> bool:
        return self.report.compliant

    @property
    def rules_broken_text(self) -> str:
        """ "Rules broken: Consecutive nights (1), Rest after nights (1)." """
        return "Rules broken: " + ", ".join(f"{c.name} ({c.breaches})" for c in self.by_rule) + "."

    @property
    def not_checked_text(self) -> str:
        rules = ", ".join(r.name[:1].lower() + r.name[1:] for r in self.not_checked)
        return f"{NOT_CHECKED_REASON}: {rules}."

    @property
    def summary(self) -> str:
        """ "Compliant", or "3 breaches for 2 doctors"."""
        if self.compliant:
            return "Compliant"
        count, doctors = len(self.breaches), len(self.by_doctor)
        return (
            f"{count} breach{'es' if count != 1 else ''} "
            f"for {doctors} doctor{'s' if doctors != 1 else ''}"
        )


def present_compliance(rota: RotaShifts, report: ComplianceReport) -> RotaCompliance:
    """``report`` on ``rota`` for people: names for ids, counts, and the grid's days."""
    names = {d.id: d.display_name for d in rota.doctors}
    rows = tuple(breach_row(b, names.get(b.doctor, b.doctor)) for b in report.breaches)
    days: dict[tuple[int, date], list[str]] = defaultdict(list)
    for breach in report.breaches:
        for day in days_touched(breach.start, breach.end, rota.period):
            rules = days[(int(breach.doctor), day)]
            if rule_name(breach.rule) not in rules:
                rules.append(rule_name(breach.rule))
    per_doctor = Counter(b.doctor for b in report.breaches)
    per_rule = Counter(b.rule for b in report.breaches)
    return RotaCompliance(
        report=report,
        breaches=rows,
        doctors=tuple(
            DoctorRow(int(doctor), names.get(doctor, doctor), figures, per_doctor[doctor])
            for doctor, figures in report.doctors.items()
        ),
        by_doctor=tuple(
            Count(doctor, names.get(doctor, doctor), n) for doctor, n in per_doctor.most_common()
        ),
        by_rule=tuple(Count(rule, rule_name(rule), n) for rule, n in per_rule.most_common()),
        days={key: tuple(rules) for key, rules in days.items()},
        not_checked=tuple(Count(r, rule_name(r), 0) for r in RULES_NOT_CHECKABLE_FROM_PLAN),
        owed=tuple(breach_row(b, names.get(b.doctor, b.doctor)) for b in report.derogated),
        local=tuple(breach_row(b, names.get(b.doctor, b.doctor)) for b in report.local),
    )


def breach_row(breach: Breach, doctor_name: str) -> BreachRow:
    return BreachRow(
        doctor_id=int(breach.doctor),
        doctor_name=doctor_name,
        rule=breach.rule,
        rule_name=rule_name(breach.rule),
        when=window_text(breach.start, breach.end),
        measured=amount(breach.rule, breach.value),
        limit=amount(breach.rule, breach.limit),
        message=breach.message,
        help=breach.help,
    )


def filtered(
    compliance: RotaCompliance, *, doctor: str = "", rule: str = ""
) -> tuple[BreachRow, ...]:
    """The breaches of one doctor (id as text) and of one rule; an empty choice is all."""
    return tuple(
        row
        for row in compliance.breaches
        if (not doctor or str(row.doctor_id) == doctor) and (not rule or row.rule == rule)
    )


def filter_items(counts: tuple[Count, ...], chosen: str, everyone: str) -> list[dict[str, object]]:
    """The NHS.UK select's items: "All ..." first, then each choice with its breaches."""
    return [
        {"value": "", "text": everyone, "selected": not chosen},
        *(
            {"value": c.key, "text": f"{c.name} ({c.breaches})", "selected": c.key == chosen}
            for c in counts
        ),
    ]
