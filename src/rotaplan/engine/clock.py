"""Wall-clock time in Europe/London, where rotas live.

Doctors are rostered in local wall-clock time, but rest and hours are measured in real
elapsed time: a night shift 20:00-08:00 across the October clock change is 13 hours long,
and across the March change 11 hours. Python subtracts two datetimes that share a tzinfo
object as wall-clock values, so every duration here is taken in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def local_datetime(day: date, at: time) -> datetime:
    """The London moment a rota means by ``day`` at ``at``.

    A wall-clock time skipped in March (01:30) does not exist; we move it forward by the
    hour, as a clock on the ward would read. A time that occurs twice in October takes
    its first (BST) occurrence.
    """
    naive = datetime.combine(day, at)
    candidate = naive.replace(tzinfo=LONDON, fold=0)
    round_trip = candidate.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None)
    if round_trip != naive:  # skipped by the spring clock change
        return (candidate.astimezone(UTC)).astimezone(LONDON)
    return candidate


def shift_bounds(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """Start and end of a shift that belongs to ``day``; an end at or before the start
    falls on the next day (a night shift, or a 24-hour on-call from 09:00 to 09:00)."""
    end_day = day if end > start else day + timedelta(days=1)
    return local_datetime(day, start), local_datetime(end_day, end)


def to_london(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no place on a rota; give it a time zone")
    return moment.astimezone(LONDON)


def hours_between(start: datetime, end: datetime) -> float:
    """Real elapsed hours between two aware moments, whatever the clocks did between."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("hours_between needs time-zone-aware datetimes")
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def format_day(day: date) -> str:
    """Dates as NHS users write them: "Mon 3 Aug 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def format_moment(moment: datetime) -> str:
    """A moment in London time: "Mon 3 Aug 2026 20:00"."""
    local = to_london(moment)
    return f"{format_day(local.date())} {local:%H:%M}"


@cache
def _england_holidays(year: int) -> frozenset[date]:
    # Imported on the first year asked for: the package takes some 30 ms to import, which
    # every command line run would otherwise pay whether or not it needs a bank holiday.
    import holidays

    # The package lists Boxing Day on a Saturday as well as its Monday substitute; only
    # weekdays are bank holidays (the published GOV.UK list never names a weekend day).
    listed = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return frozenset(d for d in listed if d.weekday() < 5)


def is_bank_holiday(day: date) -> bool:
    """Bank holidays in England, from the maintained ``holidays`` package."""
    return day in _england_holidays(day.year)


def bank_holidays(start: date, end: date) -> list[date]:
    """Bank holidays in England from ``start`` to ``end`` inclusive, in order."""
    found: set[date] = set()
    for year in range(start.year, end.year + 1):
        found.update(d for d in _england_holidays(year) if start <= d <= end)
    return sorted(found)
