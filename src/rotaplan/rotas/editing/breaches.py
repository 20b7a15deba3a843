"""The rules check re-run on an edit of a draft rota: which breaches would an edit create?

A coordinator who adds or removes a shift is shown, before anything is saved, the breaches
that the change brings in, not every breach the rota already had: those they have seen (or
accepted) before. ``breaches_an_edit_creates`` answers that, and ``breach_record`` turns a
breach into the JSON kept with a ``ComplianceOverride`` and sent over the API.
``EditCreatesBreaches`` refuses an edit with new breaches and no reason; ``record_override``
keeps the reason given for one. Every edit uses them: a shift added or removed
(``editing.services``) and a spreadsheet of shifts imported (``shift_import``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from rotaplan.engine.breaches import Breach
from rotaplan.engine.rota import DoctorTerms, RotaShifts, Shift
from rotaplan.engine.rules import check_rota
from rotaplan.engine.rules.local import local_breaches
from rotaplan.people.models import User

from ..models import Assignment, ComplianceOverride, Rota
from ..rules_adapter import PlannedShift, StoredRota, stored_rota


class EditCreatesBreaches(Exception):
    """The edit would break the rules and no reason was given: nothing was saved."""

    def __init__(self, breaches: tuple[Breach, ...]) -> None:
        super().__init__(f"This change breaks the rules {len(breaches)} times")
        self.breaches = breaches


def breaches_an_edit_creates(
    rota: Rota, *, added: Sequence[PlannedShift] = (), removed: Iterable[int] = ()
) -> tuple[Breach, ...]:
    """The breaches the rota would have after adding the ``added`` shifts and removing the
    assignments ``removed`` (by id) that it does not have now.

    Before and after are judged on the same doctors and the same shifts bar the edit: one
    engine rota with every shift, the edited shifts marked by their source, so a colleague
    from another department who is not on this rota yet brings their other shifts (and any
    breach those already make) into the "before" too. Only the doctors the edit touches are
    judged: the rules judge each doctor on their own shifts, so no one else's breaches can
    change.

    A breach counts as already there when the rota had one of the same rule, for the same
    doctor, on the same side of the limit, over a window that overlaps (or equals) this
    one, at least as far from the limit. Comparing on (rule, doctor, start, end) alone
    would miss a breach that only grows: a fifth night after four already over the limit
    keeps the start and moves the end, and a 72 h window that gains a shift may keep both
    and change only the value. Such a breach is worse than the one accepted before, so it
    is new: the coordinator is shown it, and going ahead needs a reason. A breach that
    shrinks or stays the same (say its end moves because a later shift went) is not new.
    "The same side of the limit" keeps apart the two kinds one rule can report, a run too
    long (value over the limit) and too little rest after it (value under).
    """
    return _contract_created(_read_for(rota, added), added, removed)


def every_breach_an_edit_creates(
    rota: Rota, *, added: Sequence[PlannedShift] = (), removed: Iterable[int] = ()
) -> tuple[Breach, ...]:
    """The contract's breaches the edit brings (``breaches_an_edit_creates``), then the
    department's local rules it breaks: what a change to a published rota must not do. The
    rota is read once for both."""
    stored = _read_for(rota, added)
    return _contract_created(stored, added, removed) + _local_created(stored, added, removed)


def _read_for(rota: Rota, added: Sequence[PlannedShift]) -> StoredRota:
    return stored_rota(rota, doctor_ids={shift.doctor_id for shift in added})


def _contract_created(
    stored: StoredRota, added: Sequence[PlannedShift], removed: Iterable[int]
) -> tuple[Breach, ...]:
    removed_sources = {f"assignment {pk}" for pk in removed}
    everything = stored.rota_shifts(added=added)
    edited = [
        s for s in everything.shifts if s.source == "" or s.source in removed_sources
    ]  # the adapter gives a stored assignment the source "assignment <id>", an added one none
    touched = {s.doctor for s in edited}
    doctors = tuple(d for d in everything.doctors if d.id in touched)
    before = _judged(everything, doctors, lambda s: s.source != "")
    after = _judged(everything, doctors, lambda s: s.source not in removed_sources)
    return tuple(b for b in after if not already_there(b, before))


def _local_created(
    stored: StoredRota, added: Sequence[PlannedShift], removed: Iterable[int]
) -> tuple[Breach, ...]:
    """The department's local rules the rota's own shifts would break after the edit and
    do not break now ("an FY1 never alone on a night", two doctors kept apart, a fixed
    rota line), counted as the contract's are. A rule the rota already broke is not the
    edit's doing."""
    if not stored.local:
        return ()
    base = stored.rota_shifts()
    before = local_breaches(replace(base, shifts=tuple(stored.own_shifts())), stored.local)
    after_shifts = stored.own_shifts(removed=removed, added=added)
    after = local_breaches(replace(base, shifts=tuple(after_shifts)), stored.local)
    return tuple(b for b in after if not already_there(b, before))


def _judged(
    everything: RotaShifts, doctors: tuple[DoctorTerms, ...], keep: Callable[[Shift], bool]
) -> tuple[Breach, ...]:
    rota = replace(everything, doctors=doctors, shifts=tuple(filter(keep, everything.shifts)))
    return check_rota(rota).breaches


def _side(breach: Breach) -> int:
    """1 for a value over its limit (too many hours), -1 under it (too little rest)."""
    return (breach.value > breach.limit) - (breach.value < breach.limit)


def already_there(breach: Breach, before: Iterable[Breach]) -> bool:
    return any(
        old.rule == breach.rule
        and old.doctor == breach.doctor
        and _side(old) == _side(breach)
        and (
            (old.start, old.end) == (breach.start, breach.end)
            or (old.start < breach.end and breach.start < old.end)
        )
        and abs(breach.value - breach.limit) <= abs(old.value - old.limit)
        for old in before
    )


def breach_record(breach: Breach) -> dict[str, Any]:
    """A breach as JSON: times in ISO 8601 with the UK offset, the doctor's id as text."""
    return {
        "rule": breach.rule,
        "doctor": breach.doctor,
        "start": breach.start.isoformat(),
        "end": breach.end.isoformat(),
        "value": breach.value,
        "limit": breach.limit,
        "message": breach.message,
    }


def record_override(
    *,
    actor: User,
    rota: Rota,
    assignment: Assignment | None,
    change: str,
    breaches: tuple[Breach, ...],
    reason: str,
) -> ComplianceOverride:
    """Record that ``actor`` saved ``change`` despite ``breaches``, and why."""
    override = ComplianceOverride(
        rota=rota,
        assignment=assignment,
        change=change[: ComplianceOverride._meta.get_field("change").max_length],
        breaches=[breach_record(b) for b in breaches],
        reason=reason,
        made_by=actor,
    )
    override.full_clean()
    override.save()
    return override
