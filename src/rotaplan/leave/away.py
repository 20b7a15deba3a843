"""What other areas do once a doctor is known to be away: leave approved, or an absence
recorded or extended. ``take_off_rotas`` calls each hook inside its transaction, after the
shifts are taken off, so a hook that fails undoes the whole decision. The clinics area
marks the doctor's clinic sessions in the period as "clinician away" for the coordinator
to decide."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rotaplan.people.models import User

from .models import LeaveRecord

# Callables called with keyword arguments only: made_by (User), record (LeaveRecord),
# start and end (date): the days of ``record`` that have just been taken off.
AWAY_HOOKS: list[Callable[..., None]] = []


def away_hooks_run(*, made_by: User, record: LeaveRecord, start: date, end: date) -> None:
    for hook in AWAY_HOOKS:
        hook(made_by=made_by, record=record, start=start, end=end)
