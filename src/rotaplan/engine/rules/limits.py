"""Every limit the rules apply, as data with its source and the date it took effect.

No rule holds a number of its own: each reads its limits from a :class:`Limits` chosen by
the rota period's start date, so a rota that began before the 2019 amendments to the 2016
TCS is judged by the 2016 values and a later one by the amended values. To change a limit,
add a row with a later ``effective_from``; never edit a row that rotas were judged by.

Paragraph numbers of the TCS are not given: they were not verified against the published
text and differ between versions. ``docs/contract-rules.md`` states each rule with its limits
and the national text it comes from; the rows below cite those texts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

TCS_2016 = (
    "Terms and Conditions of Service for NHS Doctors and Dentists in Training (England) 2016, "
    "Schedule 3 (hours and rest)"
)
TCS_2019 = TCS_2016 + ", as amended 2019 (BMA/NHS Employers contract refresh)"
WTR = "Working Time Regulations 1998, SI 1998/1833, https://www.legislation.gov.uk/uksi/1998/1833"

#: When the 2019 amendments to the 2016 TCS started to apply. A secondary source gives
#: 7 August 2019, with trusts allowed until 5 August 2020 to bring every rota into line
#: (https://bdiresourcing.com/news/2019/10/change-to-the-junior-doctor-contract/386); the
#: BMA confirms that all rotas had to comply from 5 August 2020
#: (https://www.bma.org.uk/advice-and-support/covid-19/rota-changes/covid-19-managing-junior-doctor-rota-changes-in-england).
#: NOT verified against the NHS Employers primary text: check before relying on it for a
#: rota that starts between these two dates.
AMENDMENT_2019 = date(2019, 8, 7)
TCS_START = date(2016, 8, 3)  # the 2016 contract's first transfers, August 2016
WTR_START = date(1998, 10, 1)


@dataclass(frozen=True, slots=True)
class Limit:
    """One value of one limit, from ``effective_from`` until a later row replaces it."""

    key: str
    value: float | None  # None: the limit no longer applies from ``effective_from``
    unit: str
    source: str
    clause: str
    effective_from: date
    verified: bool = False
    note: str = ""


def _tcs(key: str, value: float, unit: str, clause: str, note: str = "") -> tuple[Limit, ...]:
    """A limit the 2019 amendments left as it was."""
    return (Limit(key, value, unit, TCS_2016, clause, TCS_START, note=note),)


def _amended(
    key: str, before: float, after: float | None, unit: str, clause: str, note: str = ""
) -> tuple[Limit, ...]:
    return (
        Limit(key, before, unit, TCS_2016, clause, TCS_START, note=note),
        Limit(key, after, unit, TCS_2019, clause, AMENDMENT_2019, note=note),
    )


def _wtr(key: str, value: float, unit: str, clause: str, note: str = "") -> tuple[Limit, ...]:
    return (Limit(key, value, unit, WTR, clause, WTR_START, verified=True, note=note),)


#: Where the 2016 text's "any 7-day period" is read as any 168 consecutive hours, the reading
#: the 2019 text then wrote down: NHS Employers and BMA rota guidance of May 2018 reads it
#: as rolling, as does every rota checker examined. Not read in the guidance itself.
ROLLING_7_DAYS = "'any 7-day period' read as any 168 consecutive hours (NHS Employers/BMA 2018)"

#: How runs of consecutive shifts are counted.
CONSECUTIVE = (
    "by the day each shift starts, except a night starting at or after midnight, which is "
    "the night of the day before (docs/contract-rules.md, 'Nights that start at midnight')"
)

#: The reference period of the 48-hour averages. WTR reg. 4(3): any 17 weeks, unless an
#: agreement fixes successive periods; reg. 4(5): 26 weeks for a worker to whom the special
#: cases of reg. 21 apply, which reg. 21(c)(i) extends to hospitals (continuity of
#: service). Doctors in training are averaged over 26 weeks under the TCS too (HEE and
#: lead-employer guidance; the Schedule 3 paragraph was not read).
REFERENCE_PERIOD = (
    "reg. 4(3) and 4(5): any 26 weeks for hospital work (reg. 21(c)(i)); the rota's own "
    "period when it is shorter (reg. 4(4))"
)

LIMITS: tuple[Limit, ...] = (
    *_tcs("long-shift", 10, "hours", "definition of a long shift (more than 10 h)"),
    *_tcs("night-shift-min-hours", 3, "hours", "night shift: at least 3 h between 23:00-06:00"),
    *_tcs(
        "long-evening-ends-after",
        23,
        "hour of day",
        "2016: a long late-evening shift is a long shift (not a night) finishing after 23:00",
    ),
    *_tcs("avg-weekly-hours", 48, "hours per week", "average weekly hours, reference period"),
    *_tcs("avg-weekly-hours-opted-out", 56, "hours per week", "average weekly hours, opted out"),
    *_wtr("reference-period-weeks", 26, "weeks", REFERENCE_PERIOD),
    *_wtr(
        "night-reference-period-weeks",
        17,
        "weeks",
        "reg. 6(3): a night worker's average is taken over any 17 weeks",
    ),
    *_amended(
        "max-72h-in-168h",
        72,
        72,
        "hours",
        "2016: 72 h in any 7-day period; 2019: in any 168 consecutive hours",
        note=ROLLING_7_DAYS,
    ),
    *_tcs("max-shift-length", 13, "hours", "maximum shift length (other than on-call)"),
    *_amended(
        "max-consecutive-shifts",
        8,
        7,
        "shifts",
        "maximum consecutive shifts",
        note=CONSECUTIVE,
    ),
    *_amended(
        "max-consecutive-long-shifts",
        5,
        4,
        "shifts",
        "maximum consecutive long shifts",
        note="long nights count; a run at the limit ending with a night owes the nights' "
        "46 h (rest-after-nights), not 48 h: Schedule 3 gives rest after nights its own rule "
        "(docs/contract-rules.md, 'Long nights')",
    ),
    *_amended(
        "max-consecutive-long-evening-shifts",
        4,
        None,
        "shifts",
        "2016: at most 4 consecutive long late-evening shifts, then 48 h rest; 2019: no "
        "separate limit (every long shift is limited to 4 in a row)",
    ),
    *_tcs("rest-after-max-run", 48, "hours", "rest after the maximum consecutive shifts"),
    *_tcs("max-consecutive-nights", 4, "shifts", "maximum consecutive night shifts", CONSECUTIVE),
    *_tcs("rest-after-nights", 46, "hours", "rest after a run of night shifts"),
    *_amended(
        "rest-after-nights-min-run",
        3,
        1,
        "nights",
        "2016: 46 h rest after 3 or more nights; 2019: after any number of nights",
    ),
    *_tcs("min-rest-between-shifts", 11, "hours", "minimum rest between shifts"),
    *_tcs("weekend-frequency", 0.5, "fraction of weekends", "maximum weekend frequency 1 in 2"),
    *_tcs("max-on-call-length", 24, "hours", "maximum on-call period"),
    *_tcs(
        "max-on-call-per-7-days",
        3,
        "on-call periods",
        "on-call periods in any 7 consecutive days",
        "a period counts in every 7 London calendar days it falls in, wholly or in part "
        "(docs/contract-rules.md, 'On-call periods in 7 days')",
    ),
    *_tcs("day-after-on-call", 10, "hours", "shift on the day after an on-call period"),
    *_wtr("wtr-avg-48h", 48, "hours per week", "reg. 4 (maximum weekly working time)"),
    *_wtr("wtr-daily-rest", 11, "hours", "reg. 10 (daily rest)"),
    *_wtr("wtr-weekly-rest-7-days", 24, "hours", "reg. 11(1) (weekly rest, 7 days)"),
    *_wtr("wtr-weekly-rest-14-days", 48, "hours", "reg. 11(2) (weekly rest, 14 days)"),
    *_wtr("wtr-night-average", 8, "hours per 24 h", "reg. 6 (length of night work)"),
    *_wtr("wtr-night-time-start", 23, "hour of day", "reg. 2 (night time default 23:00-06:00)"),
)


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits in force on one day. ``limits["max-consecutive-nights"]`` is a value;
    :meth:`row` gives the whole row with its source for a report or an audit."""

    on: date
    rows: Mapping[str, Limit]

    def __getitem__(self, key: str) -> float:
        value = self.rows[key].value
        if value is None:
            raise KeyError(f"{key} does not apply to a rota starting {self.on}")
        return value

    def get(self, key: str) -> float | None:
        """The value, or None where the limit no longer applies (a 2016 limit that the
        2019 amendments made redundant)."""
        return self.rows[key].value

    def row(self, key: str) -> Limit:
        return self.rows[key]


@cache
def limits_on(day: date) -> Limits:
    """The latest row of every limit whose ``effective_from`` is on or before ``day``; a
    limit that had not yet started takes its earliest row, so a rota is never judged by
    no limit at all."""
    rows: dict[str, Limit] = {}
    for limit in sorted(LIMITS, key=lambda r: r.effective_from):
        if limit.effective_from <= day or limit.key not in rows:
            rows[limit.key] = limit
    return Limits(day, rows)
