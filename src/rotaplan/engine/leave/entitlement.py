"""A doctor's annual leave entitlement for one leave year, from the national figures.

The figures (days a year, the longer-service days and when they start) are data, in
``entitlements.json`` beside this module, each with its source, the date it took effect
and whether it was checked against that source; the check is passed on so that a page can
say "not verified" beside a figure that was not. Pro rata and rounding are
docs/adr/0027-leave-entitlement-and-balance.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources
from typing import Any

from .working_days import completed_years, days_between

FIGURES_PACKAGE = "rotaplan.engine.leave"
FIGURES_FILE = "entitlements.json"


class UnknownContract(ValueError):
    """No figures for this contract: the message names the ones there are."""


@dataclass(frozen=True, slots=True)
class ContractFigures:
    key: str
    name: str
    days: int
    longer_service_days: int
    longer_service_years: int
    service_counted: str
    effective_from: date
    source: str
    url: str
    verified: bool
    note: str


@dataclass(frozen=True, slots=True)
class Rounding:
    step: Decimal
    how: str
    verified: bool


@dataclass(frozen=True, slots=True)
class Entitlement:
    """One leave year's entitlement in days: annual leave and bank holidays, each pro rata
    to WTE and to the share of the year in post, then rounded."""

    figures: ContractFigures
    full_time_days: int
    annual_days: Decimal
    bank_holidays: int
    bank_holiday_days: Decimal
    longer_service: bool
    verified: bool
    """The contract's figure was checked against its source, and so was the rounding if
    the figures had to be rounded."""

    @property
    def total(self) -> Decimal:
        return self.annual_days + self.bank_holiday_days


@cache
def _figures() -> dict[str, Any]:
    text = resources.files(FIGURES_PACKAGE).joinpath(FIGURES_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def contract_figures(key: str) -> ContractFigures:
    contracts: dict[str, dict[str, Any]] = _figures()["contracts"]
    if key not in contracts:
        raise UnknownContract(
            f"no leave figures for the contract {key!r}; known: {', '.join(sorted(contracts))}"
        )
    item = contracts[key]
    return ContractFigures(
        key=key,
        name=str(item["name"]),
        days=int(item["days"]),
        longer_service_days=int(item["longer_service_days"]),
        longer_service_years=int(item["longer_service_years"]),
        service_counted=str(item["service_counted"]),
        effective_from=date.fromisoformat(item["effective_from"]),
        source=str(item["source"]["document"]),
        url=str(item["source"]["url"]),
        verified=bool(item["verified"]),
        note=str(item["note"]),
    )


def rounding() -> Rounding:
    item = _figures()["rounding"]
    return Rounding(Decimal(item["to_days"]), str(item["how"]), bool(item["verified"]))


def round_days(days: Decimal, step: Decimal | None = None) -> Decimal:
    """``days`` to the nearest ``step`` (half a day), halves up: 16.25 is 16.5."""
    step = step if step is not None else rounding().step
    return (days / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def pro_rata(days: Decimal, wte: Decimal, share: Decimal = Decimal(1)) -> Decimal:
    """``days`` for a doctor at ``wte`` in post for ``share`` of the year, rounded."""
    if not Decimal(0) <= wte <= Decimal(1):
        raise ValueError(f"WTE must be from 0 to 1, not {wte}")
    if not Decimal(0) <= share <= Decimal(1):
        raise ValueError(f"the share of the year must be from 0 to 1, not {share}")
    return round_days(days * wte * share)


def share_of_year(
    year_start: date, year_end: date, post_start: date | None, post_end: date | None
) -> Decimal:
    """The share of the leave year the doctor is in post: the 2016 TCS give a placement of
    less than 12 months leave pro rata to its length."""
    first = max(year_start, post_start) if post_start else year_start
    last = min(year_end, post_end) if post_end else year_end
    if last < first:
        return Decimal(0)
    in_post = len(days_between(first, last))
    whole = len(days_between(year_start, year_end))
    return Decimal(in_post) / Decimal(whole)


def annual_entitlement(
    *,
    contract: str,
    wte: Decimal,
    year_start: date,
    year_end: date,
    bank_holidays: int,
    service_start: date | None = None,
    post_start: date | None = None,
    post_end: date | None = None,
) -> Entitlement:
    """The entitlement for the leave year ``year_start`` to ``year_end``. The longer
    service figure applies when the service counted (NHS service, or in the grade) has
    reached its years by the first day of the leave year; with no start of service known,
    the first-appointment figure. ``bank_holidays`` is the number of England's bank
    holidays in the leave year."""
    figures = contract_figures(contract)
    longer = service_start is not None and (
        completed_years(service_start, year_start) >= figures.longer_service_years
    )
    full_time = figures.longer_service_days if longer else figures.days
    share = share_of_year(year_start, year_end, post_start, post_end)
    annual = pro_rata(Decimal(full_time), wte, share)
    holidays = pro_rata(Decimal(bank_holidays), wte, share)
    rounded = annual != full_time * wte * share or holidays != bank_holidays * wte * share
    return Entitlement(
        figures=figures,
        full_time_days=full_time,
        annual_days=annual,
        bank_holidays=bank_holidays,
        bank_holiday_days=holidays,
        longer_service=longer,
        verified=figures.verified and (rounding().verified or not rounded),
    )
