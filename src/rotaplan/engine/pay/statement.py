"""A doctor's annual pay from a rota under the 2016 TCS for doctors in training.

Each line is worked out exactly (fractions of hours and pounds) and rounded to the penny
once, at the end of the line, half up (ROUND_HALF_UP: £0.005 becomes £0.01); the total
is the sum of the rounded lines. Every line carries its formula with the figures filled
in, what it means, and whether every figure it used was checked against a source.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any

from ..clock import format_day
from ..rota import DoctorTerms, Rota
from .data import PayError, PayTable, Provenance, load_table, pay_year_for
from .hours import HoursSummary, summarise

ROUNDING_RULE = (
    "Each line is computed unrounded and rounded once to the penny, half up (£0.005 -> £0.01); "
    "the total is the sum of the rounded lines. Figures shown inside a formula (the hourly "
    "rate, hours) are rounded for reading only."
)
PENNY = Decimal("0.01")
TIMES = "\u00d7"  # the multiplication sign in formulas
MINUS = "\u2212"


class UnknownDoctor(PayError):
    def __init__(self, doctor_id: str, known: tuple[str, ...]) -> None:
        self.doctor_id = doctor_id
        listed = ", ".join(known) if known else "none"
        super().__init__(f"no doctor {doctor_id!r} in the rota; doctors in it: {listed}")


class BadNodalPoint(PayError):
    pass


@dataclass(frozen=True, slots=True)
class PayLine:
    key: str  # "basic", "additional_hours", "night", "weekend", "on_call", "ltft", ...
    title: str
    amount: Decimal  # pounds a year, to the penny
    formula: str  # with the figures filled in
    explanation: str
    verified: bool
    unverified_because: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def pence(self) -> int:
        return int(self.amount * 100)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "amount": str(self.amount),
            "pence": self.pence,
            "formula": self.formula,
            "explanation": self.explanation,
            "verified": self.verified,
            "unverified_because": list(self.unverified_because),
            "notes": list(self.notes),
            "sources": list(self.sources),
        }


@dataclass(frozen=True, slots=True)
class PayStatement:
    doctor_id: str
    doctor_name: str
    pay_year: str
    nodal_point: int
    wte: Decimal
    period_start: str
    period_end: str
    lines: tuple[PayLine, ...]
    total: Decimal
    figures: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    rounding_rule: str = ROUNDING_RULE

    @property
    def verified(self) -> bool:
        return all(line.verified for line in self.lines)

    def line(self, key: str) -> PayLine:
        return next(line for line in self.lines if line.key == key)

    def as_dict(self) -> dict[str, Any]:
        return {
            "doctor": {"id": self.doctor_id, "name": self.doctor_name, "wte": str(self.wte)},
            "pay_year": self.pay_year,
            "nodal_point": self.nodal_point,
            "period": {"start": self.period_start, "end": self.period_end},
            "figures": dict(self.figures),
            "lines": [line.as_dict() for line in self.lines],
            "total": str(self.total),
            "total_pence": int(self.total * 100),
            "verified": self.verified,
            "notes": list(self.notes),
            "rounding_rule": self.rounding_rule,
        }


# --- formatting figures for formulas --------------------------------------------------


def to_penny(value: Fraction) -> Decimal:
    """Round an exact amount to the penny, half up."""
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(PENNY, rounding=ROUND_HALF_UP)


def money(value: Decimal | Fraction) -> str:
    amount = to_penny(value) if isinstance(value, Fraction) else value
    text = f"£{amount:,.2f}"
    return text.removesuffix(".00")


def money_exact(value: Decimal) -> str:
    return f"£{value:,.2f}"


def number(value: Fraction | Decimal, places: int = 2) -> str:
    """6.5, 46.25, 3.33: at most ``places`` decimals, rounded half up, no trailing zeros."""
    exact = Fraction(value)
    with localcontext() as ctx:
        ctx.prec = 60
        dec = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
        )
    text = f"{dec:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent(rate: Decimal) -> str:
    return f"{number(Fraction(rate * 100), 3)} %"


def _fraction(value: Decimal | float) -> Fraction:
    return Fraction(Decimal(str(value)))


def _cite(about: Provenance) -> tuple[str, ...]:
    return tuple(source.cite() for source in about.sources)


def _why_unverified(name: str, about: Provenance) -> tuple[str, ...]:
    if about.verified:
        return ()
    return (f"{name}: {about.note}" if about.note else f"{name} not verified",)


# --- the calculation ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    table: PayTable
    doctor: DoctorTerms
    nodal_point: int
    basic: Fraction  # full-time basic salary at the nodal point
    wte: Fraction
    hours: HoursSummary
    comparators: tuple[tuple[DoctorTerms, HoursSummary], ...]
    comparator_named: bool

    @property
    def ltft(self) -> bool:
        return self.wte < 1

    @property
    def hourly(self) -> Fraction:
        """Basic hourly rate: full-time basic / weeks a year / 40."""
        t = self.table
        return self.basic / _fraction(t.weeks_per_year) / _fraction(t.full_time_weekly_hours)

    @property
    def full_week(self) -> Fraction:
        return _fraction(self.table.full_time_weekly_hours)


def pay_for(
    rota: Rota,
    doctor_id: str,
    nodal_point: int,
    pay_year: str,
    *,
    comparator: str | None = None,
) -> PayStatement:
    """The doctor's annual pay from the rota, line by line.

    ``comparator`` names the full-time doctor whose weekend and on-call commitment an LTFT
    doctor's is measured against; without it, the full-time doctors on the same rota are
    averaged, and failing those the LTFT doctor is assumed to do a pro-rata share (a line
    that relies on that assumption is marked unverified).
    """
    table = load_table(pay_year)
    if nodal_point not in table.nodal_points:
        points = sorted(table.nodal_points)
        raise BadNodalPoint(
            f"nodal point {nodal_point} does not exist; it is {points[0]} to {points[-1]}"
        )
    doctors = {d.id: d for d in rota.doctors}
    if doctor_id not in doctors:
        raise UnknownDoctor(doctor_id, tuple(doctors))
    doctor = doctors[doctor_id]
    wte = _fraction(doctor.wte)
    if not 0 < wte <= 1:
        raise PayError(
            f"{doctor.display_name} has WTE {doctor.wte}; it must be above 0 and at most 1"
        )

    def summary_of(d: DoctorTerms) -> HoursSummary:
        return summarise(rota.shifts_of(d.id), rota.period, table.night)

    if comparator is not None:
        if comparator not in doctors:
            raise UnknownDoctor(comparator, tuple(doctors))
        if doctors[comparator].wte < 1:
            raise PayError(f"the comparator {comparator!r} is not full time (WTE 1.0)")
        full_timers = [doctors[comparator]]
    else:
        full_timers = [d for d in rota.doctors if d.id != doctor_id and d.wte >= 1]

    ctx = _Context(
        table=table,
        doctor=doctor,
        nodal_point=nodal_point,
        basic=_fraction(table.nodal_points[nodal_point]),
        wte=wte,
        hours=summary_of(doctor),
        comparators=tuple((d, summary_of(d)) for d in full_timers) if wte < 1 else (),
        comparator_named=comparator is not None,
    )
    lines = tuple(
        _settled(line)
        for line in (
            _basic(ctx),
            _additional_hours(ctx),
            _night(ctx),
            _weekend(ctx),
            _on_call(ctx),
            _ltft_allowance(ctx),
        )
    )
    notes: list[str] = []
    outside = [day for day in (rota.period.start, rota.period.end) if not table.covers(day)]
    if outside:
        years = sorted({pay_year_for(day) for day in outside})
        notes.append(
            f"The rota ({format_day(rota.period.start)} to {format_day(rota.period.end)}) is "
            f"partly or wholly in pay year {', '.join(years)}, not {pay_year}: the {pay_year} "
            "table was used as asked."
        )
    h = ctx.hours
    figures = {
        "weeks_in_period": number(h.weeks),
        "average_weekly_hours": number(h.average_weekly_hours),
        "average_weekly_night_hours": number(h.average_weekly_night_hours),
        "weekends_in_period": str(h.weekends_in_period),
        "weekends_worked": str(h.weekends_worked),
        "on_call_periods": str(h.on_call_periods),
        "basic_hourly_rate": money(ctx.hourly),
        "full_time_basic": money(_fraction(table.nodal_points[nodal_point])),
    }
    return PayStatement(
        doctor_id=doctor.id,
        doctor_name=doctor.display_name,
        pay_year=pay_year,
        nodal_point=nodal_point,
        wte=Decimal(str(doctor.wte)),
        period_start=rota.period.start.isoformat(),
        period_end=rota.period.end.isoformat(),
        lines=lines,
        total=sum((line.amount for line in lines), Decimal("0.00")),
        figures=figures,
        notes=tuple(notes),
    )


def _settled(line: PayLine) -> PayLine:
    """A line that comes to nothing (no nights, no weekend, not LTFT...) depends on no
    figure of the table, so nothing in it is unverified."""
    if line.amount == 0 and not line.verified:
        return replace(line, verified=True, unverified_because=())
    return line


def nodal_point_for_grade(grade: str, pay_year: str) -> int:
    """FY1 -> 1 ... ST8 -> 5, from the pay year's grade table."""
    table = load_table(pay_year)
    key = grade.strip().upper()
    if key not in table.grades:
        known = ", ".join(sorted(table.grades))
        raise BadNodalPoint(f"grade {grade!r} has no nodal point in the table; known: {known}")
    return table.grades[key]


def _basic(ctx: _Context) -> PayLine:
    t = ctx.table
    np_text = f"nodal point {ctx.nodal_point}"
    sources = _cite(t.nodal_points_about)
    why = _why_unverified(f"{np_text} for {t.pay_year}", t.nodal_points_about)
    if not ctx.ltft:
        return PayLine(
            key="basic",
            title="Basic pay",
            amount=to_penny(ctx.basic),
            formula=f"{money(ctx.basic)} full-time basic salary at {np_text} ({t.pay_year})",
            explanation="Basic salary pays 40 hours a week, set by the nodal point.",
            verified=not why,
            unverified_because=why,
            sources=sources,
        )
    contracted = ctx.full_week * ctx.wte
    return PayLine(
        key="basic",
        title="Basic pay (less than full time, pro rata)",
        amount=to_penny(ctx.wte * ctx.basic),
        formula=(
            f"{number(ctx.wte)} WTE {TIMES} {money(ctx.basic)} full-time basic at {np_text} "
            f"= {number(contracted)} h / 40 h {TIMES} {money(ctx.basic)}"
        ),
        explanation=(
            "An LTFT doctor's basic salary is pro rata: 1/40 of the full-time basic salary for "
            f"each contracted hour a week. WTE {number(ctx.wte)} is {number(contracted)} hours "
            "a week; rostered hours above that are paid on the next line at the same rate."
        ),
        verified=not why,
        unverified_because=why,
        sources=(*sources, *_cite(t.hours_about)),
    )


def _additional_hours(ctx: _Context) -> PayLine:
    t = ctx.table
    h = ctx.hours
    average = h.average_weekly_hours
    threshold = ctx.full_week * ctx.wte
    opted_out = ctx.doctor.opted_out
    cap = _fraction(t.cap_weekly_hours_opted_out if opted_out else t.cap_weekly_hours)
    counted = max(Fraction(0), min(average, cap) - threshold)
    amount = counted / ctx.full_week * ctx.basic
    why = _why_unverified(f"nodal point {ctx.nodal_point}", t.nodal_points_about)
    notes: list[str] = []
    if average > cap:
        notes.append(
            f"The rota averages {number(average)} h a week, above the {number(cap)} h limit"
            f"{' for a doctor who has opted out of the WTR' if opted_out else ''}: the "
            f"{number(average - cap)} h a week above it are not paid by this line. A work "
            "schedule may not roster them (TCS Schedule 3); the rota must change, and hours "
            "actually worked beyond the schedule are claimed by exception reporting (Schedule 5)."
        )
    if ctx.ltft and average < threshold:
        notes.append(
            f"The rota averages {number(average)} h a week, fewer than the {number(threshold)} h "
            f"WTE {number(ctx.wte)} implies. The TCS pays an LTFT doctor 1/40 of the full-time "
            "basic for each hour of the work schedule's average week: check the WTE against "
            "the work schedule."
        )
    who = f"40 {TIMES} WTE = {number(threshold)}" if ctx.ltft else "40"
    if counted == 0:
        formula = f"average {number(average)} h a week is not above {number(threshold)} h → £0"
    else:
        weeks = number(_fraction(t.weeks_per_year), 3)
        formula = (
            f"({number(min(average, cap))} {MINUS} {number(threshold)}) = {number(counted)} h "
            f"a week {TIMES} {money(ctx.hourly)} an hour {TIMES} {weeks} weeks "
            f"(= {number(counted)} / 40 {TIMES} {money(ctx.basic)})"
        )
    explanation = (
        f"Average rostered work hours over the rota ({number(h.work_hours)} h in "
        f"{number(h.weeks)} weeks = {number(average)} h a week) above {who} h, paid at the "
        f"basic hourly rate (full-time basic / {number(_fraction(t.weeks_per_year), 3)} / 40), "
        f"counted up to the {number(cap)} h average limit"
        f"{' (56 h: opted out of the WTR)' if opted_out else ' (48 h; 56 h if opted out)'}."
    )
    if ctx.ltft:
        explanation += (
            " With the basic line this pays every average rostered hour at 1/40 of the "
            "full-time basic, as the TCS does for an LTFT doctor."
        )
    return PayLine(
        key="additional_hours",
        title="Additional rostered hours",
        amount=to_penny(amount),
        formula=formula,
        explanation=explanation,
        verified=not why,
        unverified_because=why,
        notes=tuple(notes),
        sources=_cite(t.hours_about),
    )


def _night(ctx: _Context) -> PayLine:
    t = ctx.table
    rule = t.night
    h = ctx.hours
    per_week = h.average_weekly_night_hours
    rate = _fraction(rule.rate)
    amount = rate * per_week / ctx.full_week * ctx.basic
    why = _why_unverified(f"nodal point {ctx.nodal_point}", t.nodal_points_about) + (
        _why_unverified("night enhancement", t.night_about)
    )
    return PayLine(
        key="night",
        title="Night enhancement",
        amount=to_penny(amount),
        formula=(
            f"{percent(rule.rate)} {TIMES} {money(ctx.hourly)} an hour {TIMES} "
            f"{number(per_week)} night hours a week {TIMES} "
            f"{number(_fraction(t.weeks_per_year), 3)} weeks"
        ),
        explanation=(
            f"{number(h.night_hours)} night hours in {number(h.weeks)} weeks. Night hours for "
            "pay: between 21:00 and 07:00; every hour until 10:00 of a shift of 8 hours or more "
            "starting 20:00-23:59; the hours from 21:00 of a shift ending after 00:00 and by "
            "04:00 (already inside the 21:00-07:00 window). "
            f"This rota has {h.long_evening_shifts} long evening-start and {h.twilight_shifts} "
            "twilight shift(s). London time, real elapsed hours across clock changes. "
            + (
                "The hourly rate is the full-time one: an LTFT doctor's night hours are "
                "enhanced as a full-time doctor's."
                if ctx.ltft
                else ""
            )
        ).strip(),
        verified=not why,
        unverified_because=why,
        notes=_night_notes(h),
        sources=_cite(t.night_about),
    )


def _night_notes(h: HoursSummary) -> tuple[str, ...]:
    notes = []
    if h.on_call_periods:
        notes.append(
            "On-call periods are not counted: the work expected during them is not in the rota."
        )
    if h.twilight_shifts:
        notes.append(
            f"{h.twilight_shifts} shift(s) end after 00:00 and by 04:00: only their hours from "
            "21:00 are counted as night, as our domain rules word the 2019 clause. The TCS/BMA "
            "wording reportedly enhances the whole of such a shift; that reading is unverified "
            "and not applied here."
        )
    return tuple(notes)


def _one_in(value: Fraction | None) -> str:
    return "none" if value is None else f"1 in {number(value)}"


def _full_time_share(ctx: _Context, measure: str) -> tuple[Fraction | None, str]:
    """The mean of the full-time comparators' ``measure`` (weekends worked, on-call hours)
    among those who do any, and who they are; (None, why not) if there is none."""
    values = []
    names = []
    for doctor, summary in ctx.comparators:
        value = (
            Fraction(summary.weekends_worked) if measure == "weekends" else summary.on_call_hours
        )
        if value > 0:
            values.append(value)
            names.append(doctor.id)
    if not values:
        if ctx.comparator_named:
            return None, "the named comparator does none"
        return None, "no full-time doctor on the rota does any"
    mean = sum(values, Fraction(0)) / len(values)
    if ctx.comparator_named:
        who = f"the named full-time comparator {names[0]}"
    else:
        who = f"the full-time doctors on the rota ({', '.join(names)}), averaged"
    return mean, who


def _weekend(ctx: _Context) -> PayLine:
    t = ctx.table
    h = ctx.hours
    why = _why_unverified(f"nodal point {ctx.nodal_point}", t.nodal_points_about) + (
        _why_unverified("weekend allowance percentages", t.weekend_about)
    )
    sources = _cite(t.weekend_about)
    title = "Weekend allowance"
    own = h.weekend_one_in
    worked = f"{h.weekends_worked} of {h.weekends_in_period} weekends worked ({_one_in(own)})"
    if own is None:
        band = t.weekend_band(None)
        return PayLine(
            key="weekend",
            title=title,
            amount=Decimal("0.00"),
            formula=f"{worked} → 0 %",
            explanation="No weekend worked (00:01 Saturday to 23:59 Sunday) in the rota period.",
            verified=not why,
            unverified_because=why,
            sources=sources,
        )
    if not ctx.ltft:
        band = t.weekend_band(own)
        return PayLine(
            key="weekend",
            title=title,
            amount=to_penny(_fraction(band.rate) * ctx.basic),
            formula=(
                f"{worked}: band '{band.label}' → {percent(band.rate)} {TIMES} {money(ctx.basic)}"
            ),
            explanation=(
                "A percentage of basic salary set by how often weekends are worked over the "
                "rota (any work or on-call from 00:01 Saturday to 23:59 Sunday)."
            ),
            verified=not why,
            unverified_because=why,
            sources=sources,
        )
    # Less than full time: the cash value of the full-time allowance, pro rata to the
    # doctor's share of the full-time weekend commitment (not to the WTE, and not the
    # band of the LTFT doctor's own frequency applied to a pro-rata salary).
    mean, who = _full_time_share(ctx, "weekends")
    notes: list[str] = []
    if mean is None:
        full_time_weekends = Fraction(h.weekends_worked) / ctx.wte
        share = ctx.wte
        basis = (
            f"no full-time comparator ({who}); assumed the doctor works a pro-rata share, so "
            f"the full-time rota is {number(full_time_weekends)} weekends"
        )
        why = (*why, "weekend share assumed pro rata to WTE: no full-time comparator")
    else:
        full_time_weekends = mean
        share = Fraction(h.weekends_worked) / mean
        basis = f"full-time commitment from {who}: {number(mean)} weekends"
    full_time_one_in = Fraction(h.weekends_in_period) / full_time_weekends
    band = t.weekend_band(full_time_one_in)
    if share > 1:
        notes.append(
            "The doctor works more weekends than the full-time comparator: check the rota."
        )
    amount = share * _fraction(band.rate) * ctx.basic
    return PayLine(
        key="weekend",
        title=title + " (less than full time, pro rata to the weekend commitment)",
        amount=to_penny(amount),
        formula=(
            f"{h.weekends_worked} / {number(full_time_weekends)} weekends = {number(share)} of "
            f"the full-time allowance ({percent(band.rate)} {TIMES} {money(ctx.basic)} at "
            f"{_one_in(full_time_one_in)}, band '{band.label}')"
        ),
        explanation=(
            f"{worked}; {basis}. The TCS pays an LTFT doctor the cash value of the full-time "
            "weekend allowance pro rata to the doctor's share of the full-time weekend "
            "commitment, not to the WTE."
        ),
        verified=not why,
        unverified_because=why,
        notes=tuple(notes),
        sources=sources,
    )


def _on_call(ctx: _Context) -> PayLine:
    t = ctx.table
    h = ctx.hours
    why = _why_unverified(f"nodal point {ctx.nodal_point}", t.nodal_points_about) + (
        _why_unverified("on-call availability allowance", t.on_call_about)
    )
    sources = _cite(t.on_call_about)
    title = "On-call availability allowance"
    rate = _fraction(t.on_call_rate)
    if h.on_call_periods == 0:
        return PayLine(
            key="on_call",
            title=title,
            amount=Decimal("0.00"),
            formula="no on-call period in the rota → £0",
            explanation="Paid only when the doctor is rostered for non-resident on-call.",
            verified=not why,
            unverified_because=why,
            sources=sources,
        )
    if not ctx.ltft:
        return PayLine(
            key="on_call",
            title=title,
            amount=to_penny(rate * ctx.basic),
            formula=f"{percent(t.on_call_rate)} {TIMES} {money(ctx.basic)}",
            explanation=(
                f"{h.on_call_periods} on-call period(s) in the rota: 8 % of basic salary "
                "whatever the frequency."
            ),
            verified=not why,
            unverified_because=why,
            sources=sources,
        )
    mean, who = _full_time_share(ctx, "on_call")
    if mean is None:
        share = ctx.wte
        basis = f"no full-time comparator ({who}); assumed a pro-rata share (WTE)"
        why = (*why, "on-call share assumed pro rata to WTE: no full-time comparator")
    else:
        share = h.on_call_hours / mean
        basis = f"{number(h.on_call_hours)} on-call hours against {number(mean)} for {who}"
    return PayLine(
        key="on_call",
        title=title + " (less than full time, pro rata to the on-call commitment)",
        amount=to_penny(share * rate * ctx.basic),
        formula=(
            f"{number(share)} of the full-time allowance ({percent(t.on_call_rate)} {TIMES} "
            f"{money(ctx.basic)})"
        ),
        explanation=(
            f"{h.on_call_periods} on-call period(s); {basis}. The cash value of the full-time "
            "8 % allowance is paid pro rata to the doctor's share of the full-time on-call rota."
        ),
        verified=not why,
        unverified_because=why,
        sources=sources,
    )


def _ltft_allowance(ctx: _Context) -> PayLine:
    t = ctx.table
    why = _why_unverified("LTFT allowance", t.ltft_about)
    sources = _cite(t.ltft_about)
    if not ctx.ltft:
        return PayLine(
            key="ltft",
            title="LTFT allowance",
            amount=Decimal("0.00"),
            formula="full time (WTE 1.0) → £0",
            explanation="Paid only to doctors training less than full time.",
            verified=not why,
            unverified_because=why,
            sources=sources,
        )
    return PayLine(
        key="ltft",
        title="LTFT allowance",
        amount=to_penny(_fraction(t.ltft_allowance)),
        formula=f"{money_exact(t.ltft_allowance)} a year (flat, not pro rata)",
        explanation=(
            f"Paid to every doctor training less than full time (WTE {number(ctx.wte)}) under "
            "the 2016 TCS pay system, whatever the WTE, for as long as they train LTFT. Not "
            "paid to a doctor on section 2 transitional pay protection: the rota does not say "
            "who is, so check."
        ),
        verified=not why,
        unverified_because=why,
        sources=sources,
    )
