"""Who could cover a shift and stay within every rule: "who can cover this and stay
compliant?" answered in the time a coordinator waits for a page.

A 100-doctor department has some 12,000 shifts on a 26-week rota, and the rules engine is
the dear part. So the cheap questions come first, in the database, for every doctor at
once: in post that day, of a grade and with the competencies the shift needs, not away,
not already working then, not running a clinic or a fixed job-plan session then
(``rotaplan.jobplans.commitments``), and (for doctors in training) with 11 hours' rest
either side.
Only the doctors left are judged by the rules engine, each on their own committed shifts
(every rule judges a doctor on their own shifts, so no colleague's shifts can change the
answer): the contract rules as ``rota_change_apply`` judges the change (a breach the rota
already had is not counted against them), and the department's local rules on the rota's
own shifts with the colleagues on that shift. So a candidate offered the shift is one the
change that puts them on it will accept.

Those left are ranked by fairness, then rest: the fewest gaps filled so far this rota per
whole-time equivalent first (a 0.6 WTE doctor who filled 1 has done as much as a full-time
one who filled 1.67), then the most rest around the shift.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo

from django.db import connection
from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast

from rotaplan.engine.breaches import Breach
from rotaplan.engine.clock import format_day, hours_between, shift_bounds, to_london
from rotaplan.engine.rota import DoctorTerms, Period, RotaShifts, RuleSetName, Shift, ShiftKind
from rotaplan.engine.rules import check_rota
from rotaplan.engine.rules.local import LocalRules, local_breaches
from rotaplan.jobplans.commitments import commitments, overlapping
from rotaplan.leave.models import LeaveRecord, LeaveStatus
from rotaplan.people.models import Doctor
from rotaplan.rotas.editing.breaches import already_there
from rotaplan.rotas.local_rules.selectors import local_rules_of
from rotaplan.rotas.models import Assignment, CoverMix, Rota, RotaStatus, ShiftType
from rotaplan.rotas.overlap import committed, shift_words
from rotaplan.rotas.rules_adapter import doctor_terms, window_of

from .models import Gap, GapStatus

MIN_REST_HOURS = 11.0
"""Between shifts for doctors in training (``min-rest-between-shifts``): the cheap filter.
Doctors on the Working Time Regulations alone are left to the engine, which knows their
derogation."""


@dataclass(frozen=True)
class Candidate:
    doctor: Doctor
    extra_shifts: int
    """Gaps they have filled on this rota so far."""
    extra_shifts_per_wte: float
    rest_before_hours: float | None
    """Since their last shift ended; None if none within the rota's window."""
    rest_after_hours: float | None
    why: str
    """One line in words: their extra shifts and rest."""


@dataclass
class Verdict:
    """What was found of one doctor: the reasons they may not take the shift (none: they
    may), and their rest around it."""

    doctor: Doctor
    reasons: list[str] = field(default_factory=list)
    rest_before_hours: float | None = None
    rest_after_hours: float | None = None


def cover_candidates(
    *,
    shift_type: ShiftType,
    day: date,
    exclude_doctor_ids: Collection[int] = frozenset(),
    limit: int | None = None,
    rota: Rota | None = None,
) -> list[Candidate]:
    """Every doctor of the shift's department who may take ``shift_type`` on ``day`` and
    stay within every rule, fairest first; at most ``limit``. ``rota`` is the published
    rota the shift would go on: by default the department's published rota of that day
    that already has the shift."""
    rota = rota or rota_for(shift_type, day)
    if rota is None:
        return []
    doctors = [
        d for d in _in_post(shift_type.department_id, day) if d.pk not in set(exclude_doctor_ids)
    ]
    verdicts = judged(shift_type=shift_type, day=day, rota=rota, doctors=doctors)
    fit = [v for v in verdicts if not v.reasons]
    extra = extra_shifts(rota, [v.doctor.pk for v in fit])
    candidates = [_candidate(v, extra[v.doctor.pk]) for v in fit]
    candidates.sort(key=_rank)
    return candidates[:limit] if limit is not None else candidates


def cover_refusals(*, doctor: Doctor, shift_type: ShiftType, day: date, rota: Rota) -> list[str]:
    """Why ``doctor`` may not take the shift now, in words; empty if they may."""
    reasons: list[str] = []
    if doctor.department_id != shift_type.department_id:
        reasons.append(f"{doctor} is not a doctor of {shift_type.department}")
    if not _posted(doctor, day):
        reasons.append(f"{doctor} is not in post on {format_day(day)}")
    if reasons:
        return reasons
    (verdict,) = judged(shift_type=shift_type, day=day, rota=rota, doctors=[doctor])
    return verdict.reasons


def rota_for(shift_type: ShiftType, day: date) -> Rota | None:
    """The department's published rota of ``day`` with the most of ``shift_type``'s
    shifts: the rota the shift is worked on."""
    rotas = (
        Rota.objects.filter(
            department_id=shift_type.department_id,
            status=RotaStatus.PUBLISHED,
            period_start__lte=day,
            period_end__gte=day,
        )
        .annotate(held=Count("assignments", filter=Q(assignments__shift_type=shift_type)))
        .order_by("-held", "period_start", "pk")
    )
    return rotas.first()


def extra_shifts(rota: Rota, doctor_ids: Iterable[int]) -> Counter[int]:
    """Gaps each doctor has filled within the rota's period: their extra duty."""
    rows = (
        Gap.objects.filter(
            filled_by_id__in=list(doctor_ids),
            status=GapStatus.FILLED_INTERNALLY,
            date__gte=rota.period_start,
            date__lte=rota.period_end,
        )
        .order_by()
        .values_list("filled_by_id")
        .annotate(n=Count("pk"))
    )
    return Counter(dict(rows))


def judged(
    *, shift_type: ShiftType, day: date, rota: Rota, doctors: Sequence[Doctor]
) -> list[Verdict]:
    """Each doctor's verdict on taking the shift, cheap questions first: a doctor refused
    by one is not asked the dearer ones."""
    start, end = shift_bounds(day, shift_type.start, shift_type.end)
    verdicts = [Verdict(d) for d in doctors]
    _grades_and_mix(verdicts, shift_type, day, rota)
    _away(_open(verdicts), start, end)
    _clashes(_open(verdicts), start, end, rota, shift_type)
    _committed(_open(verdicts), start, end)
    left = _open(verdicts)
    if left:
        _rules(left, shift_type, day, rota, start, end)
    return verdicts


def _open(verdicts: list[Verdict]) -> list[Verdict]:
    return [v for v in verdicts if not v.reasons]


def _posted(doctor: Doctor, day: date) -> bool:
    return doctor.post_start <= day and (doctor.post_end is None or day <= doctor.post_end)


def _in_post(department_id: int, day: date) -> list[Doctor]:
    return list(
        Doctor.objects.filter(department_id=department_id, post_start__lte=day)
        .filter(Q(post_end__isnull=True) | Q(post_end__gte=day))
        .prefetch_related("competencies")
        .order_by("last_name", "first_name", "pk")
    )


def _grades_and_mix(verdicts: list[Verdict], shift_type: ShiftType, day: date, rota: Rota) -> None:
    """The grades that work the shift on its rota (any, if nobody does yet), and each part
    of the shift's cover mix the doctors already on it that day do not meet."""
    grades = set(
        Assignment.objects.filter(rota=rota, shift_type=shift_type)
        .order_by()
        .values_list("doctor__grade", flat=True)
        .distinct()
    )
    mixes = list(CoverMix.objects.filter(shift_type=shift_type).prefetch_related("competencies"))
    unmet = []
    if mixes:
        on = list(
            Doctor.objects.filter(
                assignments__rota__status=RotaStatus.PUBLISHED,
                assignments__shift_type=shift_type,
                assignments__date=day,
            ).prefetch_related("competencies")
        )
        for mix in mixes:
            needs = {c.code for c in mix.competencies.all()}
            if sum(_meets(d, mix.grades, needs) for d in on) < mix.at_least:
                unmet.append((mix, needs))
    for verdict in verdicts:
        doctor = verdict.doctor
        if grades and doctor.grade not in grades:
            verdict.reasons.append(
                f"{doctor} is {_a(doctor.grade)}: {shift_type.name} on this rota is worked by "
                f"{_listed(sorted(grades))}"
            )
            continue
        for mix, needs in unmet:
            if not _meets(doctor, mix.grades, needs):
                verdict.reasons.append(f"{shift_type.name} needs {_mix_words(mix, needs)}")


def _meets(doctor: Doctor, grades: list[str], needs: set[str]) -> bool:
    held = {c.code for c in doctor.competencies.all()}
    return (not grades or doctor.grade in grades) and needs <= held


def _mix_words(mix: CoverMix, needs: set[str]) -> str:
    parts = []
    if mix.grades:
        parts.append(f"a doctor of {_listed(mix.grades)}")
    if needs:
        names = sorted(c.name for c in mix.competencies.all())
        parts.append(f"{'a doctor ' if not parts else ''}with {_listed(names)}")
    return " ".join(parts) or "another doctor"


def _a(grade: str) -> str:
    return f"an {grade}" if grade[:1] in "AEFHILMNORSX" else f"a {grade}"


def _listed(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _away(verdicts: list[Verdict], start: datetime, end: datetime) -> None:
    """Approved leave or absence on any day the shift touches."""
    if not verdicts:
        return
    first, last = _days_touched(start, end)
    records = LeaveRecord.objects.filter(
        doctor_id__in=[v.doctor.pk for v in verdicts],
        status=LeaveStatus.APPROVED,
        start__lte=last,
        end__gte=first,
    ).order_by("start")
    away: dict[int, LeaveRecord] = {}
    for record in records:
        away.setdefault(record.doctor_id, record)
    for verdict in verdicts:
        held = away.get(verdict.doctor.pk)
        if held is not None:
            verdict.reasons.append(
                f"{verdict.doctor} is away: {held.get_leave_type_display().lower()} from "
                f"{format_day(held.start)} to {format_day(held.end)}"
            )


def _days_touched(start: datetime, end: datetime) -> tuple[date, date]:
    """The London days a shift is worked on: a night ending at 08:30 touches the next day,
    one ending at midnight does not."""
    first = to_london(start).date()
    last = to_london(end - timedelta(microseconds=1)).date()
    return first, last


def _clashes(
    verdicts: list[Verdict], start: datetime, end: datetime, rota: Rota, shift_type: ShiftType
) -> None:
    """Committed shifts overlapping the shift, and (for doctors in training, on work
    shifts) fewer than 11 hours between one of them and the shift."""
    if not verdicts:
        return
    near = timedelta(hours=MIN_REST_HOURS)
    rows = Assignment.objects.filter(
        committed(rota.pk),
        doctor_id__in=[v.doctor.pk for v in verdicts],
        start__lt=end + near,
        end__gt=start - near,
    ).select_related("shift_type")
    by_doctor: dict[int, list[Assignment]] = defaultdict(list)
    for row in rows:
        by_doctor[row.doctor_id].append(row)
    for verdict in verdicts:
        doctor = verdict.doctor
        for other in sorted(by_doctor[doctor.pk], key=lambda a: a.start):
            words = shift_words(other.shift_type.code, other.start, other.end)
            if other.start < end and start < other.end:
                verdict.reasons.append(f"{doctor} already works {words}, which overlaps it")
                break
            training = doctor_terms(doctor).rule_set == RuleSetName.TCS2016
            on_call = ShiftKind.ON_CALL in (other.shift_type.kind, shift_type.kind)
            if training and not on_call:
                rest = hours_between(other.end, start) if other.end <= start else None
                rest = rest if rest is not None else hours_between(end, other.start)
                verdict.reasons.append(
                    f"{doctor} works {words}: {_hours(rest)} of rest between the two shifts, "
                    f"less than the {MIN_REST_HOURS:g} hours the contract asks"
                )
                break


def _committed(verdicts: list[Verdict], start: datetime, end: datetime) -> None:
    """A clinic the doctor runs, or a fixed session of their job plan (a theatre list, a
    ward round), overlapping the shift: they are not free, whatever the rota says. One
    query for the clinics, one for the job plans, one for leave, for every doctor at
    once."""
    if not verdicts:
        return
    first, last = _days_touched(start, end)
    found = commitments([v.doctor.pk for v in verdicts], first, last)
    for verdict in verdicts:
        clash = overlapping(found.get(verdict.doctor.pk, []), start, end)
        if clash:
            verdict.reasons.append(f"{verdict.doctor} has {clash[0].words}, which overlaps it")


def _hours(value: float) -> str:
    return f"{value:g} hour" if value == 1 else f"{round(value, 1):g} hours"


# One committed assignment as read for the rules: the doctor's id, start and end as the
# database writes them, the shift's kind, the rota it is on and the shift type's code.
Row = tuple[int, str, str, str, int, str]


def _rules(
    verdicts: list[Verdict],
    shift_type: ShiftType,
    day: date,
    rota: Rota,
    start: datetime,
    end: datetime,
) -> None:
    """The rules engine on each doctor's own committed shifts with the new one: a breach
    the change brings is a reason, as is a local rule it breaks."""
    ids = [v.doctor.pk for v in verdicts]
    window_start, window_end = window_of(rota.period_start, rota.period_end)
    rows: list[Row] = list(
        Assignment.objects.filter(
            committed(rota.pk),
            doctor_id__in=ids,
            date__gte=window_start,
            date__lte=window_end,
        )
        .order_by("start", "pk")
        .values_list(
            "doctor_id",
            Cast("start", CharField()),
            Cast("end", CharField()),
            "shift_type__kind",
            "rota_id",
            "shift_type__code",
        )
    )
    zone = connection.timezone or UTC
    shifts: dict[int, list[Shift]] = defaultdict(list)
    for doctor_id, row_start, row_end, kind, rota_id, code in rows:
        shifts[doctor_id].append(
            Shift(
                str(doctor_id),
                _moment(row_start, zone),
                _moment(row_end, zone),
                ShiftKind(kind),
                code if rota_id == rota.pk else "",
            )
        )
    period = Period(rota.period_start, rota.period_end)
    kind = ShiftKind(shift_type.kind)
    local = local_rules_of(rota.department_id, rota.period_start, rota.period_end)
    slot = _slot(rota, shift_type, day, start, end) if local else ([], ())
    for verdict in verdicts:
        theirs = shifts[verdict.doctor.pk]
        verdict.rest_before_hours, verdict.rest_after_hours = _rest(theirs, start, end)
        new = Shift(str(verdict.doctor.pk), start, end, kind, shift_type.code)
        terms = doctor_terms(verdict.doctor)
        verdict.reasons += [b.message for b in _contract(terms, period, theirs, new)]
        if local:
            verdict.reasons += [b.message for b in _local(terms, period, theirs, new, local, slot)]


def _moment(text: str, zone: tzinfo) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _rest(
    shifts: Sequence[Shift], start: datetime, end: datetime
) -> tuple[float | None, float | None]:
    before = [s.end for s in shifts if s.end <= start]
    after = [s.start for s in shifts if s.start >= end]
    return (
        round(hours_between(max(before), start), 1) if before else None,
        round(hours_between(end, min(after)), 1) if after else None,
    )


def _contract(
    terms: DoctorTerms, period: Period, theirs: list[Shift], new: Shift
) -> tuple[Breach, ...]:
    """The breaches the new shift brings, as ``breaches_an_edit_creates`` counts them: one
    the doctor's rota already had, no worse, is not the new shift's."""
    after = check_rota(RotaShifts(period, (terms,), (*theirs, new))).breaches
    if not after:
        return ()
    before = check_rota(RotaShifts(period, (terms,), tuple(theirs))).breaches
    return tuple(b for b in after if not already_there(b, before))


Slot = tuple[list[DoctorTerms], tuple[Shift, ...]]
"""The colleagues on the shift that day, with their shift, as local rules read them."""


def _slot(rota: Rota, shift_type: ShiftType, day: date, start: datetime, end: datetime) -> Slot:
    on = list(
        Doctor.objects.filter(
            assignments__rota=rota, assignments__shift_type=shift_type, assignments__date=day
        ).distinct()
    )
    kind = ShiftKind(shift_type.kind)
    return (
        [doctor_terms(d) for d in on],
        tuple(Shift(str(d.pk), start, end, kind, shift_type.code) for d in on),
    )


def _local(
    terms: DoctorTerms,
    period: Period,
    theirs: list[Shift],
    new: Shift,
    rules: LocalRules,
    slot: Slot,
) -> list[Breach]:
    """Local rules judged on the rota's own shifts (those with a code) of the doctor and
    of the colleagues on the shift: those broken with the new shift and not without."""
    colleagues, beside = slot
    doctors = (terms, *(c for c in colleagues if c.id != terms.id))
    own = tuple(s for s in theirs if s.source)
    mine_only = replace(rules, apart=_touching(rules.apart, terms.id))
    mine_only = replace(mine_only, together=_touching(rules.together, terms.id))
    mine_only = replace(mine_only, fixed=tuple(f for f in rules.fixed if f.doctor == terms.id))

    def broken(shifts: tuple[Shift, ...]) -> set[tuple[str, str, datetime, datetime]]:
        found = local_breaches(RotaShifts(period, doctors, shifts), mine_only)
        return {(b.rule, b.doctor, b.start, b.end) for b in found}

    before = broken((*own, *beside))
    after_shifts = (*own, *beside, new)
    after = local_breaches(RotaShifts(period, doctors, after_shifts), mine_only)
    return [b for b in after if (b.rule, b.doctor, b.start, b.end) not in before]


def _touching(pairs: tuple[tuple[str, str], ...], doctor: str) -> tuple[tuple[str, str], ...]:
    return tuple(p for p in pairs if doctor in p)


def _candidate(verdict: Verdict, extra: int) -> Candidate:
    wte = float(verdict.doctor.wte) or 1.0
    per_wte = round(extra / wte, 2)
    return Candidate(
        doctor=verdict.doctor,
        extra_shifts=extra,
        extra_shifts_per_wte=per_wte,
        rest_before_hours=verdict.rest_before_hours,
        rest_after_hours=verdict.rest_after_hours,
        why=_why(verdict, extra, per_wte, wte),
    )


def _why(verdict: Verdict, extra: int, per_wte: float, wte: float) -> str:
    duty = (
        "No extra shifts this rota"
        if not extra
        else f"{extra} extra shift" + ("" if extra == 1 else "s") + " this rota"
    )
    if wte != 1.0 and extra:
        duty += f" at {wte:g} WTE ({per_wte:g} full-time)"
    rest = [
        f"{_hours(verdict.rest_before_hours)} rest before"
        if verdict.rest_before_hours is not None
        else "no shift before",
        f"{_hours(verdict.rest_after_hours)} after"
        if verdict.rest_after_hours is not None
        else "no shift after",
    ]
    return f"{duty}; {', '.join(rest)}"


def _rank(candidate: Candidate) -> tuple[float, float, str, str, int]:
    rests = [r for r in (candidate.rest_before_hours, candidate.rest_after_hours) if r is not None]
    least_rest = min(rests) if rests else float("inf")
    doctor = candidate.doctor
    return (
        candidate.extra_shifts_per_wte,
        -least_rest,
        doctor.last_name,
        doctor.first_name,
        doctor.pk,
    )
