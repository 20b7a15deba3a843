"""The demo's calendar: one fixed August changeover, whatever today's date is.

Doctors in training change posts on the first Wednesday of August. The demo rotas start on
the Monday of that week and run for 26 weeks, the reference period the 2016 contract
averages hours over. The year is fixed rather than taken from today, so that the same seed
builds the same rows on any day (tests compare fingerprints of two builds, and a bug report
can name a seed). Change ``DEMO_YEAR`` to move the whole demo.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from rotaplan.engine.clock import local_datetime, monday_of

DEMO_YEAR = 2026
ROTA_WEEKS = 26

WEDNESDAY = 2


def first_wednesday_of_august(year: int) -> date:
    """The national changeover day for doctors in training."""
    first = date(year, 8, 1)
    return first + timedelta(days=(WEDNESDAY - first.weekday()) % 7)


CHANGEOVER = first_wednesday_of_august(DEMO_YEAR)  # Wed 5 Aug 2026
PREVIOUS_CHANGEOVER = first_wednesday_of_august(DEMO_YEAR - 1)  # Wed 6 Aug 2025
# A post in training ends the day before the next changeover (Tue 3 Aug 2027).
TRAINING_POST_END = first_wednesday_of_august(DEMO_YEAR + 1) - timedelta(days=1)

ROTA_START = monday_of(CHANGEOVER)  # Mon 3 Aug 2026
ROTA_END = ROTA_START + timedelta(weeks=ROTA_WEEKS, days=-1)  # Sun 31 Jan 2027
ROTA_DAYS = ROTA_WEEKS * 7

# The 2016 contract asks for the duty roster at least 6 weeks before it starts: the demo
# rotas were published exactly then, at 10:00 on Mon 22 Jun 2026.
PUBLISHED_AT: datetime = local_datetime(ROTA_START - timedelta(weeks=6), time(10, 0))


def rota_days() -> list[date]:
    """Every day of the demo rota period, in order."""
    return [ROTA_START + timedelta(days=i) for i in range(ROTA_DAYS)]
