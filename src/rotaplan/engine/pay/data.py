"""Pay tables for doctors in training, one JSON file a pay year under ``tables/``.

Every figure lives in data, never in code, and every item carries where it comes from
(document, clause, address), the date it took effect and whether it was checked against a
source (``verified``). The calculator passes the flag on to each line of a pay statement,
so an unchecked figure is said to be unchecked wherever it is used.

Amounts and rates are written as strings in the files and read as ``Decimal``: money is
never a float here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

from ..formats.json_reading import quoted

TABLES_PACKAGE = "rotaplan.engine.pay.tables"


class PayError(ValueError):
    """A pay statement cannot be made: the message says why, in a user's words."""


class UnknownPayYear(PayError):
    def __init__(self, pay_year: str, known: tuple[str, ...]) -> None:
        self.pay_year = pay_year
        self.known = known
        super().__init__(
            f"no pay table for pay year {pay_year!r}; known pay years: {', '.join(known)}"
        )


class BadPayTable(PayError):
    """A table file is missing an item, a source, a date or a verified flag."""


class UnknownPremium(PayError):
    def __init__(self, key: str, pay_year: str, known: tuple[str, ...]) -> None:
        self.key = key
        self.known = known
        super().__init__(
            f"no flexible pay premium {quoted(key)} in the {pay_year} pay table; known premia: "
            f"{', '.join(known)}"
        )


@dataclass(frozen=True, slots=True)
class Source:
    document: str
    clause: str
    url: str

    def cite(self) -> str:
        parts = [self.document]
        if self.clause:
            parts.append(self.clause)
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an item of a table comes from and whether it was checked."""

    sources: tuple[Source, ...]
    effective_from: date
    verified: bool
    note: str  # for the person who checks the table: what was and was not found
    warning: str = ""  # what a statement says, on every line using an unverified item


@dataclass(frozen=True, slots=True)
class WeekendBand:
    """Weekends worked at most ``1 in one_in_at_most`` (and more often than the band
    before) earn ``rate`` of basic salary; ``one_in_at_most`` None is the last band,
    "less frequent than 1 in 8"."""

    one_in_at_most: Decimal | None
    rate: Decimal
    label: str


@dataclass(frozen=True, slots=True)
class WholeShiftRule:
    """Since 2019 the whole of a shift that ends after ``ends_after`` (00:00) and by
    ``ends_by`` (04:00), London time, is paid at the night rate."""

    ends_after: time
    ends_by: time


@dataclass(frozen=True, slots=True)
class NightRule:
    rate: Decimal
    window_start: time
    window_end: time
    long_shift_min_hours: Decimal
    long_shift_start_from: time
    long_shift_start_to: time
    long_shift_paid_until: time
    whole_shift: WholeShiftRule | None  # None for a pay year before the 2019 amendment


@dataclass(frozen=True, slots=True)
class FlexiblePayPremium:
    """An annual premium paid on top of basic pay for some training programmes (TCS
    Schedule 2), full time; pro rata to WTE for a doctor less than full time. ``grades``
    are the grades it is paid at, as the table reads them; ``about`` says, in plain English,
    what a reader should know of how the amount is set."""

    key: str  # "general-practice", "emergency-medicine-5-years", ...
    label: str  # "General practice"
    grades: tuple[str, ...]
    annual: Decimal
    about: str


@dataclass(frozen=True, slots=True)
class PayTable:
    """The figures the calculator uses. A table file says more for the person who checks
    it (the contract it is for, whether the weeks-a-year divisor was found in a source, the
    sources and date of the grade table): those are checked on reading but not kept."""

    pay_year: str
    effective_from: date
    effective_to: date
    nodal_points: dict[int, Decimal]
    nodal_points_about: Provenance
    grades: dict[str, int]
    full_time_weekly_hours: Decimal
    weeks_per_year: Decimal
    cap_weekly_hours: Decimal
    cap_weekly_hours_opted_out: Decimal
    hours_about: Provenance
    night: NightRule
    night_about: Provenance
    whole_shift_about: Provenance | None  # the 2019 rule's sources, if the year has it
    weekend_bands: tuple[WeekendBand, ...]
    weekend_about: Provenance
    on_call_rate: Decimal
    on_call_about: Provenance
    premia: dict[str, FlexiblePayPremium]
    premia_about: Provenance
    ltft_allowance: Decimal
    ltft_about: Provenance

    def premium(self, key: str) -> FlexiblePayPremium:
        """The premium named ``key``; ``UnknownPremium`` listing the known ones if none."""
        if key not in self.premia:
            raise UnknownPremium(key, self.pay_year, tuple(sorted(self.premia)))
        return self.premia[key]

    def covers(self, day: date) -> bool:
        return self.effective_from <= day <= self.effective_to

    def weekend_band(self, one_in: Fraction | None) -> WeekendBand:
        """The band for a frequency of 1 weekend in ``one_in`` (None: no weekend worked).
        Each band includes its upper edge: exactly 1 in 3 is in "up to 1 in 3"."""
        for band in self.weekend_bands:
            if band.one_in_at_most is None:
                return band
            if one_in is not None and one_in <= Fraction(band.one_in_at_most):
                return band
        raise BadPayTable(f"pay year {self.pay_year}: the weekend table has no last band")


def _file_name(pay_year: str) -> str:
    return pay_year.replace("/", "-") + ".json"


@cache
def known_pay_years() -> tuple[str, ...]:
    """Pay years with a table, oldest first: ("2025/26", "2026/27")."""
    names = [
        entry.name
        for entry in resources.files(TABLES_PACKAGE).iterdir()
        if entry.name.endswith(".json")
    ]
    return tuple(sorted(name.removesuffix(".json").replace("-", "/") for name in names))


def pay_year_for(day: date) -> str:
    """The pay year (1 April to 31 March) a day falls in: 3 Aug 2026 -> "2026/27"."""
    first = day.year if day >= date(day.year, 4, 1) else day.year - 1
    return f"{first}/{(first + 1) % 100:02d}"


@cache
def load_table(pay_year: str) -> PayTable:
    if pay_year not in known_pay_years():
        raise UnknownPayYear(pay_year, known_pay_years())
    text = resources.files(TABLES_PACKAGE).joinpath(_file_name(pay_year)).read_text("utf-8")
    return parse_table(pay_year, json.loads(text))


def _item(raw: dict[str, Any], key: str, pay_year: str) -> dict[str, Any]:
    item = raw.get(key)
    if not isinstance(item, dict):
        raise BadPayTable(f"pay year {pay_year}: no {key!r} item")
    return item


def _provenance(item: dict[str, Any], key: str, pay_year: str) -> Provenance:
    where = f"pay year {pay_year}, {key}"
    sources = item.get("sources")
    if not isinstance(sources, list) or not sources:
        raise BadPayTable(f"{where}: no source named")
    parsed = []
    for entry in sources:
        if not isinstance(entry, dict) or not entry.get("document"):
            raise BadPayTable(f"{where}: a source without a document name")
        parsed.append(
            Source(str(entry["document"]), str(entry.get("clause", "")), str(entry.get("url", "")))
        )
    if "effective_from" not in item:
        raise BadPayTable(f"{where}: no effective date")
    verified = item.get("verified")
    if not isinstance(verified, bool):
        raise BadPayTable(f"{where}: no verified flag (true or false)")
    return Provenance(
        sources=tuple(parsed),
        effective_from=date.fromisoformat(str(item["effective_from"])),
        verified=verified,
        note=str(item.get("note", "")),
        warning=str(item.get("warning", "")),
    )


def _premia(item: dict[str, Any], pay_year: str) -> dict[str, FlexiblePayPremium]:
    """Each premium by its key; a table with a premium missing its key, label, grades or
    amount, or with one key twice, is refused."""
    premia: dict[str, FlexiblePayPremium] = {}
    for entry in item.get("premia") or []:
        missing = [k for k in ("key", "label", "grades", "annual") if not entry.get(k)]
        if missing:
            raise BadPayTable(
                f"pay year {pay_year}, flexible_pay_premia: a premium without {', '.join(missing)}"
            )
        key = str(entry["key"])
        if key in premia:
            raise BadPayTable(f"pay year {pay_year}, flexible_pay_premia: {key!r} twice")
        premia[key] = FlexiblePayPremium(
            key=key,
            label=str(entry["label"]),
            grades=tuple(str(g).upper() for g in entry["grades"]),
            annual=Decimal(str(entry["annual"])),
            about=str(entry.get("about", "")),
        )
    if not premia:
        raise BadPayTable(f"pay year {pay_year}, flexible_pay_premia: no premium listed")
    return premia


def _time(text: Any) -> time:
    return time.fromisoformat(str(text))


def parse_table(pay_year: str, raw: dict[str, Any]) -> PayTable:
    if raw.get("pay_year") != pay_year:
        raise BadPayTable(f"the table file for {pay_year} says it is for {raw.get('pay_year')!r}")
    item = {
        key: _item(raw, key, pay_year)
        for key in (
            "nodal_points",
            "grades",
            "hours",
            "night_enhancement",
            "weekend_allowance",
            "on_call_availability",
            "flexible_pay_premia",
            "ltft_allowance",
        )
    }
    about = {key: _provenance(value, key, pay_year) for key, value in item.items()}
    hours = item["hours"]
    night = item["night_enhancement"]
    whole = night.get("whole_shift_ending_after_midnight")
    whole_shift = None
    whole_shift_about = None
    if whole is not None:
        whole_shift = WholeShiftRule(_time(whole["ends_after"]), _time(whole["ends_by"]))
        whole_shift_about = _provenance(
            whole, "night_enhancement.whole_shift_ending_after_midnight", pay_year
        )
    return PayTable(
        pay_year=pay_year,
        effective_from=date.fromisoformat(raw["effective_from"]),
        effective_to=date.fromisoformat(raw["effective_to"]),
        nodal_points={int(k): Decimal(v) for k, v in item["nodal_points"]["values"].items()},
        nodal_points_about=about["nodal_points"],
        grades={str(k).upper(): int(v) for k, v in item["grades"]["values"].items()},
        full_time_weekly_hours=Decimal(hours["full_time_weekly_hours"]),
        weeks_per_year=Decimal(hours["weeks_per_year"]),
        cap_weekly_hours=Decimal(hours["cap_weekly_hours"]),
        cap_weekly_hours_opted_out=Decimal(hours["cap_weekly_hours_opted_out"]),
        hours_about=about["hours"],
        night=NightRule(
            rate=Decimal(night["rate"]),
            window_start=_time(night["window_start"]),
            window_end=_time(night["window_end"]),
            long_shift_min_hours=Decimal(night["long_shift_min_hours"]),
            long_shift_start_from=_time(night["long_shift_start_from"]),
            long_shift_start_to=_time(night["long_shift_start_to"]),
            long_shift_paid_until=_time(night["long_shift_paid_until"]),
            whole_shift=whole_shift,
        ),
        night_about=about["night_enhancement"],
        whole_shift_about=whole_shift_about,
        weekend_bands=tuple(
            WeekendBand(
                one_in_at_most=(
                    None if band["one_in_at_most"] is None else Decimal(band["one_in_at_most"])
                ),
                rate=Decimal(band["rate"]),
                label=str(band.get("label", "")),
            )
            for band in item["weekend_allowance"]["bands"]
        ),
        weekend_about=about["weekend_allowance"],
        on_call_rate=Decimal(item["on_call_availability"]["rate"]),
        on_call_about=about["on_call_availability"],
        premia=_premia(item["flexible_pay_premia"], pay_year),
        premia_about=about["flexible_pay_premia"],
        ltft_allowance=Decimal(item["ltft_allowance"]["annual"]),
        ltft_about=about["ltft_allowance"],
    )
