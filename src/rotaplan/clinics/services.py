"""Writes of clinics: templates made and changed (by hand or from a job plan), sessions
generated from them, what is decided when a clinician is away (cancel, reduce, backfill),
the short-notice approval, the rebooking list, and booking a patient. Each in one
transaction, permission checked (``selectors``), audited; notices go after commit.

A change less than the department's notice window ahead (``ClinicPolicy.notice_weeks``,
6 weeks unless set) is short notice: it waits for a service manager, and the session shows
"awaiting approval" meanwhile. A service manager (or a trust-wide role) who makes such a
change themself approves it in making it. Two people deciding the same change at once: the
change's row is locked and read again, so one decides and the other is told who did."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from rotaplan.audit.actor import audited_as
from rotaplan.engine.clock import bank_holidays, format_day, format_moment, local_datetime
from rotaplan.jobplans.models import Activity, JobPlan, Weeks
from rotaplan.leave.models import LeaveRecord, LeaveStatus
from rotaplan.leave.services import absence_words
from rotaplan.notifications.models import Topic
from rotaplan.notifications.services import notify
from rotaplan.organisation.models import Department
from rotaplan.people.models import Competency, Doctor, Role, User
from rotaplan.rotas.horizon import outside_horizon

from . import selectors
from .models import (
    Appointment,
    AppointmentStatus,
    ChangeAction,
    ChangeStatus,
    ClinicPolicy,
    ClinicSession,
    ClinicTemplate,
    RebookingEntry,
    RebookingStatus,
    SessionChange,
    SessionStatus,
    SlotType,
    TemplateSlot,
)
from .presenters import change_words, patients, session_when
from .schedule import (
    Slot,
    default_slots,
    keep_first,
    minutes_between,
    nhs_number_problem,
    session_dates,
    slot_starts,
)

NOT_YOUR_CLINICS = "You do not manage this department's clinics"
NOT_YOUR_APPROVAL = "Only a service manager of this department approves clinic changes"
MOST_DAYS = 731  # two years of sessions in one go at most
ROWS_AT_ONCE = 1000  # rows in one INSERT, fewer if the database takes fewer parameters
MOST_NAME = 100


class Stale(Exception):
    """The record changed since the user read it: ``message`` says so."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AlreadyDecided(Stale):
    """Someone decided the change first: ``message`` says who and how."""


# --- templates ----------------------------------------------------------------------


def _slot_problems(slots: Sequence[Slot], start: time, end: time) -> list[str]:
    problems: list[str] = []
    if not slots:
        return ["Add at least one slot: a type, its length in minutes and how many"]
    for row, slot in enumerate(slots, start=1):
        if slot.slot_type not in SlotType.values:
            problems.append(
                f"Slot row {row}: choose new, follow-up, urgent suspected cancer or procedure"
            )
        if slot.minutes <= 0:
            problems.append(f"Slot row {row}: enter a length of more than 0 minutes")
        elif slot.minutes > 480:
            problems.append(f"Slot row {row}: enter a length of 480 minutes or less")
        if slot.count <= 0:
            problems.append(f"Slot row {row}: enter how many slots, more than 0")
        elif slot.count > 100:
            problems.append(f"Slot row {row}: enter 100 slots or fewer")
    if problems:
        return problems
    total = sum(s.minutes * s.count for s in slots)
    length = minutes_between(start, end)
    if length > 0 and total > length:
        problems.append(
            f"The slots take {total} minutes but the clinic runs {length} minutes "
            f"({start:%H:%M} to {end:%H:%M}): take {total - length} minutes off"
        )
    return problems


@dataclass
class TemplateFields:
    """What a template is made of, as the form and the API give it."""

    clinician: Doctor
    name: str
    weekday: int
    start: time
    end: time
    every_weeks: int
    valid_from: date
    valid_to: date | None
    location: str = ""
    slots: Sequence[Slot] = ()
    skills: Sequence[Competency] = field(default_factory=list)


def _checked(department: Department, fields: TemplateFields) -> None:
    problems: dict[str, list[str]] = defaultdict(list)
    if fields.clinician.department_id != department.pk:
        problems["clinician"].append(f"Choose a clinician of {department.name}")
    if not fields.name.strip():
        problems["name"].append("Enter the clinic's name, like Cardiology follow-up clinic")
    elif len(fields.name.strip()) > MOST_NAME:
        problems["name"].append("Enter the clinic's name in 100 characters or fewer")
    if not 0 <= fields.weekday <= 6:
        problems["weekday"].append("Choose the day of the week")
    if fields.end <= fields.start:
        problems["end"].append("The clinic must end after it starts")
    if not 1 <= fields.every_weeks <= 52:
        problems["every_weeks"].append("Enter how often, from every week (1) to one week in 52")
    today = timezone.localdate()
    if horizon := outside_horizon(fields.valid_from, today):
        problems["valid_from"].append(horizon)
    if fields.valid_to is not None:
        if fields.valid_to < fields.valid_from:
            problems["valid_to"].append("The last date must be on or after the first")
        elif horizon := outside_horizon(fields.valid_to, today):
            problems["valid_to"].append(horizon)
    if len(fields.location) > 100:
        problems["location"].append("Enter the location in 100 characters or fewer")
    slot_problems = _slot_problems(fields.slots, fields.start, fields.end)
    if slot_problems:
        problems["slots"].extend(slot_problems)
    if problems:
        raise ValidationError(dict(problems))


def _slots_saved(template: ClinicTemplate, slots: Sequence[Slot]) -> None:
    template.slots.all().delete()
    TemplateSlot.objects.bulk_create(
        TemplateSlot(
            template=template,
            position=n,
            slot_type=s.slot_type,
            minutes=s.minutes,
            count=s.count,
        )
        for n, s in enumerate(slots)
    )


@transaction.atomic
def template_create(
    *, actor: User, department: Department, fields: TemplateFields, activity: Activity | None = None
) -> ClinicTemplate:
    """A new template for one clinician of ``department``. Raises ``PermissionDenied`` or
    ``ValidationError`` by field (slot problems on ``slots``, each naming its row)."""
    if not selectors.manages_clinics(actor, department.pk):
        raise PermissionDenied(NOT_YOUR_CLINICS)
    _checked(department, fields)
    template = ClinicTemplate(
        department=department,
        clinician=fields.clinician,
        activity=activity,
        name=fields.name.strip(),
        weekday=fields.weekday,
        start=fields.start,
        end=fields.end,
        every_weeks=fields.every_weeks,
        valid_from=fields.valid_from,
        valid_to=fields.valid_to,
        location=fields.location.strip(),
    )
    with audited_as(actor):
        template.save()
        _slots_saved(template, fields.slots)
        template.skills.set(fields.skills)
    return template


def _locked_template(template: ClinicTemplate, version: int | None) -> ClinicTemplate:
    locked = ClinicTemplate.objects.select_for_update().get(pk=template.pk)
    if version is not None and version != locked.version:
        raise Stale(
            "Someone changed this clinic template while you were editing it: "
            "look at it again and make your change once more"
        )
    return locked


@transaction.atomic
def template_change(
    *, actor: User, template: ClinicTemplate, fields: TemplateFields, version: int | None
) -> ClinicTemplate:
    """Change a template and its slots. Sessions generated already keep their dates and
    slots; sessions generated from now on follow the change. Raises ``Stale`` if
    ``version`` is not the template's."""
    if not selectors.manages_clinics(actor, template.department_id):
        raise PermissionDenied(NOT_YOUR_CLINICS)
    locked = _locked_template(template, version)
    _checked(locked.department, fields)
    locked.clinician = fields.clinician
    locked.name = fields.name.strip()
    locked.weekday = fields.weekday
    locked.start = fields.start
    locked.end = fields.end
    locked.every_weeks = fields.every_weeks
    locked.valid_from = fields.valid_from
    locked.valid_to = fields.valid_to
    locked.location = fields.location.strip()
    locked.version += 1
    with audited_as(actor):
        locked.save()
        _slots_saved(locked, fields.slots)
        locked.skills.set(fields.skills)
    return locked


@transaction.atomic
def template_retire(
    *, actor: User, template: ClinicTemplate, version: int | None
) -> ClinicTemplate:
    """Stop generating sessions from a template. Sessions generated already stay, with
    their patients: cancel those that will not run."""
    if not selectors.manages_clinics(actor, template.department_id):
        raise PermissionDenied(NOT_YOUR_CLINICS)
    locked = _locked_template(template, version)
    locked.active = False
    locked.version += 1
    with audited_as(actor):
        locked.save(update_fields=["active", "version"])
    return locked


@dataclass
class FromJobPlan:
    created: list[ClinicTemplate]
    skipped: list[str]


def _year_end(start: date) -> date:
    try:
        return start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        return date(start.year + 1, 2, 28)


@transaction.atomic
def templates_from_job_plan(*, actor: User, job_plan: JobPlan) -> FromJobPlan:
    """A template for each clinic activity of the job plan (direct clinical care) that has
    none: its weekday, times and location, one week in N as the plan says, for the plan's
    year, with the default slot mix (``schedule.default_slots``: 3 new of 30 minutes, then
    20-minute follow-ups) for the coordinator to edit. An activity that runs a number of
    weeks a year has no fixed pattern to generate from: it is skipped, saying so."""
    doctor = job_plan.doctor
    if not selectors.manages_clinics(actor, doctor.department_id):
        raise PermissionDenied(NOT_YOUR_CLINICS)
    activities = (
        selectors.untemplated_clinics().filter(job_plan=job_plan).order_by("weekday", "start", "pk")
    )
    result = FromJobPlan([], [])
    for activity in activities:
        if activity.weeks == Weeks.PER_YEAR:
            result.skipped.append(
                f"{activity.description}: it runs {activity.weeks_value} weeks a year, not on "
                "a fixed pattern, so no sessions can be generated from it: make its template "
                "by hand"
            )
            continue
        every = (activity.weeks_value or 1) if activity.weeks == Weeks.ONE_IN else 1
        fields = TemplateFields(
            clinician=doctor,
            name=activity.description[:MOST_NAME],
            weekday=activity.weekday,
            start=activity.start,
            end=activity.end,
            every_weeks=every,
            valid_from=job_plan.year_start,
            valid_to=_year_end(job_plan.year_start),
            location=activity.location,
            slots=default_slots(minutes_between(activity.start, activity.end)),
        )
        result.created.append(
            template_create(
                actor=actor, department=doctor.department, fields=fields, activity=activity
            )
        )
    return result


# --- sessions -----------------------------------------------------------------------


@dataclass
class Generated:
    created: int
    already: int
    away: int
    bank_holidays: list[date]

    @property
    def words(self) -> str:
        made = f"{self.created} {'session' if self.created == 1 else 'sessions'} generated"
        parts = [made]
        if self.away:
            parts.append(f"{self.away} of them with the clinician away, to decide")
        if self.already:
            parts.append(f"{self.already} already there, kept as they were")
        if self.bank_holidays:
            days = ", ".join(format_day(d) for d in self.bank_holidays)
            parts.append(f"no clinics on bank holidays ({days})")
        return "; ".join(parts)


def _away_by_doctor(
    doctor_ids: set[int], start: date, end: date
) -> dict[int, list[tuple[date, date, int]]]:
    away: dict[int, list[tuple[date, date, int]]] = defaultdict(list)
    for doctor_id, first, last, pk in LeaveRecord.objects.filter(
        doctor_id__in=doctor_ids, status=LeaveStatus.APPROVED, start__lte=end, end__gte=start
    ).values_list("doctor_id", "start", "end", "pk"):
        away[doctor_id].append((first, last, pk))
    return away


@transaction.atomic
def sessions_generate(*, actor: User, department: Department, start: date, end: date) -> Generated:
    """Sessions from ``start`` to ``end`` of every active template of ``department``:
    each template's weekday every N weeks (counted from the week of its first date), in
    its dates, never on an England bank holiday. A session already there is kept as it is
    (generating twice makes nothing twice). A clinician already away that day (approved
    leave or absence) gets the session as "clinician away", for the coordinator to decide.
    Written in batches of plain rows; the sessions are the templates' (audited)
    arithmetic, so they are not audited one by one."""
    if not selectors.manages_clinics(actor, department.pk):
        raise PermissionDenied(NOT_YOUR_CLINICS)
    problems: dict[str, str] = {}
    today = timezone.localdate()
    for name, day in (("start", start), ("end", end)):
        if horizon := outside_horizon(day, today):
            problems[name] = horizon
    if not problems and end < start:
        problems["end"] = "The last day must be on or after the first"
    elif not problems and (end - start).days >= MOST_DAYS:
        problems["end"] = "Generate two years of sessions at most at once"
    if problems:
        raise ValidationError(problems)
    return sessions_made(department=department, start=start, end=end)


def sessions_made(*, department: Department, start: date, end: date) -> Generated:
    """The generation itself, for ``sessions_generate`` once it has checked who asks and
    the dates, and for the demo trust, which has no one asking."""
    closed = set(bank_holidays(start, end))
    templates = list(
        ClinicTemplate.objects.filter(department=department, active=True).prefetch_related("slots")
    )
    existing = set(
        ClinicSession.objects.filter(
            template__department=department, date__range=(start, end)
        ).values_list("template_id", "date")
    )
    away = _away_by_doctor({t.clinician_id for t in templates}, start, end)
    skipped: set[date] = set()
    # Many templates share their days and times: each value is adapted for the database
    # once, and the rows go in as plain parameters (the ORM's per-row work would take
    # most of the time of a year of a trust's sessions).
    start_field: models.DateTimeField[Any, Any] = models.DateTimeField()
    date_field: models.DateField[Any, Any] = models.DateField()
    adapted: dict[object, Any] = {}

    def moment(day: date, at: time) -> Any:
        key = (day, at)
        if key not in adapted:
            adapted[key] = start_field.get_db_prep_save(local_datetime(day, at), connection)
        return adapted[key]

    def day_value(day: date) -> Any:
        if day not in adapted:
            adapted[day] = date_field.get_db_prep_save(day, connection)
        return adapted[day]

    rows: list[tuple[Any, ...]] = []
    created = already = away_count = 0
    for template in templates:
        slots = sum(slot.count for slot in template.slots.all())
        leave = away.get(template.clinician_id, [])
        for day in session_dates(
            weekday=template.weekday,
            every_weeks=template.every_weeks,
            valid_from=template.valid_from,
            valid_to=template.valid_to,
            start=start,
            end=end,
        ):
            if day in closed:
                skipped.add(day)
                continue
            if (template.pk, day) in existing:
                already += 1
                continue
            leave_id = next((pk for first, last, pk in leave if first <= day <= last), None)
            rows.append(
                (
                    template.pk,
                    day_value(day),
                    moment(day, template.start),
                    moment(day, template.end),
                    template.clinician_id,
                    template.location,
                    SessionStatus.CLINICIAN_AWAY.value if leave_id else SessionStatus.PLANNED.value,
                    slots,
                    slots,
                    leave_id,
                    1,
                )
            )
            created += 1
            away_count += leave_id is not None
    _sessions_inserted(rows)
    return Generated(created, already, away_count, sorted(skipped))


SESSION_COLUMNS = (
    "template_id",
    "date",
    "start",
    "end",
    "clinician_id",
    "location",
    "status",
    "slots_planned",
    "slots_kept",
    "away_leave_id",
    "version",
)


def _sessions_inserted(rows: list[tuple[Any, ...]]) -> None:
    """Insert generated sessions in batches; a session another generation made meanwhile
    (the same template and day) is left as it is (``ON CONFLICT DO NOTHING``, which
    SQLite and PostgreSQL both have)."""
    table = connection.ops.quote_name(ClinicSession._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in SESSION_COLUMNS)
    if connection.vendor == "postgresql" and rows:
        _sessions_copied(rows, table, columns)
        return
    row_marks = "(" + ", ".join(["%s"] * len(SESSION_COLUMNS)) + ")"
    most = connection.features.max_query_params or 999 * len(SESSION_COLUMNS)
    size = max(1, min(ROWS_AT_ONCE, most // len(SESSION_COLUMNS)))
    with connection.cursor() as cursor:
        for first in range(0, len(rows), size):
            batch = rows[first : first + size]
            values = ", ".join([row_marks] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values} ON CONFLICT DO NOTHING",
                [value for row in batch for value in row],
            )


def _sessions_copied(rows: list[tuple[Any, ...]], table: str, columns: str) -> None:
    """PostgreSQL: COPY the rows into a temporary table (far faster than INSERT's
    parameters), then move them across, leaving any session already there."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE generated_sessions ON COMMIT DROP AS "
            f"SELECT {columns} FROM {table} WITH NO DATA"
        )
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY generated_sessions ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM generated_sessions "
            "ON CONFLICT DO NOTHING"
        )
        cursor.execute("DROP TABLE generated_sessions")


# --- the leave hooks ----------------------------------------------------------------


def impact_lines(doctor: Doctor, start: date, end: date) -> list[str]:
    """For the leave decision page: each clinic session the doctor runs in the period, in
    words, with its patients and whether a change would need a service manager."""
    sessions = list(
        selectors._sessions()
        .filter(clinician=doctor, date__range=(start, end), status__in=selectors.RUNNING)
        .order_by("date", "start", "pk")
    )
    if not sessions:
        return []
    weeks = selectors.notice_weeks(sessions[0].template.department_id)
    lines = []
    for session in sessions:
        if selectors.is_short_notice(session.date, weeks):
            notice = (
                f"inside the {weeks}-week notice window: cancelling, reducing or backfilling "
                "it needs a service manager's approval"
            )
        else:
            notice = "the coordinator decides whether to cancel, reduce or backfill it"
        booked: int = getattr(session, "booked", 0)
        lines.append(
            f"Clinic {session_when(session)}: {session.template.name}, "
            f"{patients(booked)} — {notice}"
        )
    return lines


def sessions_mark_away(*, made_by: User, record: LeaveRecord, start: date, end: date) -> None:
    """The doctor's running sessions from ``start`` to ``end`` become "clinician away",
    tied to ``record``; nothing is cancelled: the coordinator decides. The departments'
    rota and booking coordinators are told."""
    sessions = list(
        ClinicSession.objects.select_for_update()
        .filter(
            clinician=record.doctor,
            date__range=(start, end),
            status__in=(SessionStatus.PLANNED, SessionStatus.REDUCED, SessionStatus.BACKFILLED),
        )
        .select_related("template")
        .order_by("date", "start")
    )
    if not sessions:
        return
    with audited_as(made_by):
        for session in sessions:
            session.status = SessionStatus.CLINICIAN_AWAY
            session.away_leave = record
            session.version += 1
            session.save(update_fields=["status", "away_leave", "version"])
    by_department: dict[int, list[ClinicSession]] = defaultdict(list)
    for session in sessions:
        by_department[session.template.department_id].append(session)
    for department_id, held in by_department.items():
        count = len(held)
        sessions_word = "session" if count == 1 else "sessions"
        subject = f"{record.doctor} is away: {count} clinic {sessions_word} to decide"
        notify(
            people=selectors.department_users(
                department_id, Role.ROTA_COORDINATOR, Role.BOOKING_COORDINATOR
            ),
            topic=Topic.CLINIC,
            subject=subject,
            body="\n".join(
                [f"{subject}: cancel, reduce or backfill each.", ""]
                + [f"{session_when(s)}: {s.template.name}" for s in held]
            ),
            link=reverse("clinics:sessions", args=[department_id]),
        )


# --- changes ------------------------------------------------------------------------


CHANGEABLE = (
    SessionStatus.PLANNED,
    SessionStatus.CLINICIAN_AWAY,
    SessionStatus.REDUCED,
    SessionStatus.BACKFILLED,
)


def _resting_status(session: ClinicSession) -> str:
    """What a session is when no change is waiting on it."""
    if session.slots_kept == 0:
        return SessionStatus.CANCELLED
    if session.clinician_id != session.template.clinician_id:
        return SessionStatus.BACKFILLED
    if session.away_leave_id:
        return SessionStatus.CLINICIAN_AWAY
    if session.slots_kept < session.slots_planned:
        return SessionStatus.REDUCED
    return SessionStatus.PLANNED


def _to_rebook(
    session: ClinicSession, change: SessionChange, appointments: list[Appointment], why: str
) -> None:
    now = timezone.now()
    for appointment in appointments:
        appointment.status = AppointmentStatus.TO_REBOOK
        appointment.save(update_fields=["status"])
        RebookingEntry.objects.create(
            department_id=session.template.department_id,
            appointment=appointment,
            change=change,
            reason=why,
            added_at=now,
        )


def change_applied(change: SessionChange, session: ClinicSession) -> None:
    """Carry out ``change`` on ``session`` (both locked): the session's status, its
    clinician or slots, and its patients to rebook."""
    booked = list(
        session.appointments.filter(status=AppointmentStatus.BOOKED).order_by("start", "pk")
    )
    when = format_day(session.date)
    if change.reason:
        why = change.reason
    elif session.away_leave is not None:
        why = absence_words(session.away_leave)
    else:
        why = "no reason given"
    if change.action == ChangeAction.CANCEL:
        session.status = SessionStatus.CANCELLED
        session.slots_kept = 0
        _to_rebook(session, change, booked, f"{session.template.name} on {when} cancelled: {why}")
    elif change.action == ChangeAction.REDUCE:
        session.status = SessionStatus.REDUCED
        session.slots_kept = change.slots_kept
        kept = sorted(booked, key=lambda a: keep_first(a.slot_type, a.start))
        going = kept[change.slots_kept :]
        _to_rebook(
            session,
            change,
            going,
            f"{session.template.name} on {when} reduced to {change.slots_kept} slots: {why}",
        )
    else:
        assert change.backfill_clinician is not None
        session.status = SessionStatus.BACKFILLED
        session.clinician = change.backfill_clinician
    session.version += 1
    session.save(update_fields=["status", "slots_kept", "clinician", "version"])


def _change_problems(
    session: ClinicSession,
    action: str,
    slots_kept: int | None,
    backfill_clinician: Doctor | None,
    reason: str,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if action not in ChangeAction.values:
        problems["action"] = "Choose cancel, reduce or backfill"
    elif action == ChangeAction.REDUCE:
        if slots_kept is None:
            problems["slots_kept"] = "Enter how many slots the clinic keeps"
        elif not 0 < slots_kept < session.slots_kept:
            problems["slots_kept"] = (
                f"Enter a number of slots from 1 to {session.slots_kept - 1}: it has "
                f"{session.slots_kept} now (to keep none, cancel it)"
            )
    elif action == ChangeAction.BACKFILL:
        if backfill_clinician is None:
            problems["backfill_clinician"] = "Choose who runs the clinic instead"
        elif problem := selectors.backfill_problem(session, backfill_clinician):
            problems["backfill_clinician"] = problem
    if len(reason) > 300:
        problems["reason"] = "Give the reason in 300 characters or fewer"
    return problems


def _stale_session(locked: ClinicSession, version: int | None) -> None:
    if locked.status == SessionStatus.AWAITING_APPROVAL:
        raise Stale("A change to this session is already waiting for a service manager")
    if version is not None and version != locked.version:
        raise Stale(
            "This session changed while you were looking at it: look at it again before you decide"
        )


@transaction.atomic
def session_change_propose(
    *,
    actor: User,
    session: ClinicSession,
    action: str,
    slots_kept: int | None = None,
    backfill_clinician: Doctor | None = None,
    reason: str = "",
    version: int | None = None,
) -> SessionChange:
    """Cancel, reduce (keep ``slots_kept`` slots) or backfill (run by
    ``backfill_clinician``) a session, away or planned. Less than the notice window ahead
    it is short notice: it waits for a service manager (told now), and the session awaits
    approval; otherwise, or made by one who approves, it applies at once. Raises
    ``PermissionDenied``, ``ValidationError`` by field (a backfill clinician refused
    says who and why), or ``Stale``."""
    department_id = session.template.department_id
    if not selectors.changes_sessions(actor, department_id):
        raise PermissionDenied(NOT_YOUR_CLINICS)
    locked = (
        ClinicSession.objects.select_for_update(of=("self",))
        .select_related("template", "template__department", "clinician")
        .get(pk=session.pk)
    )
    _stale_session(locked, version)
    today = timezone.localdate()
    if locked.date < today:
        raise ValidationError({"action": "This session is in the past: it cannot be changed"})
    if locked.status not in CHANGEABLE:
        raise ValidationError(
            {"action": f"This session is {locked.get_status_display().lower()} already"}
        )
    reason = reason.strip()
    problems = _change_problems(locked, action, slots_kept, backfill_clinician, reason)
    if problems:
        raise ValidationError(problems)
    weeks = selectors.notice_weeks(department_id)
    short = selectors.is_short_notice(locked.date, weeks, today)
    approves = selectors.approves_changes(actor, department_id)
    now = timezone.now()
    change = SessionChange(
        session=locked,
        action=action,
        slots_kept=(slots_kept or 0) if action == ChangeAction.REDUCE else 0,
        backfill_clinician=backfill_clinician if action == ChangeAction.BACKFILL else None,
        reason=reason,
        short_notice=short,
        status=ChangeStatus.AWAITING if short and not approves else ChangeStatus.APPLIED,
        proposed_by=actor,
        proposed_at=now,
    )
    with audited_as(actor):
        if change.status == ChangeStatus.APPLIED:
            change.decided_by = actor
            change.decided_at = now
            change.save()
            change_applied(change, locked)
        else:
            change.save()
            locked.status = SessionStatus.AWAITING_APPROVAL
            locked.version += 1
            locked.save(update_fields=["status", "version"])
    if change.status == ChangeStatus.AWAITING:
        subject = (
            f"Short-notice clinic change to approve: {change_words(change).lower()} "
            f"{locked.template.name} on {format_day(locked.date)}"
        )
        notify(
            people=[
                u
                for u in selectors.department_users(department_id, Role.SERVICE_MANAGER)
                if u != actor
            ],
            topic=Topic.CLINIC,
            subject=subject,
            body="\n".join(
                [
                    f"{actor.display_name} proposes to {change_words(change).lower()} "
                    f"{locked.template.name}, {session_when(locked)}, inside the {weeks}-week "
                    "notice window.",
                    *([f"Reason: {reason}"] if reason else []),
                    "Approve or refuse it.",
                ]
            ),
            link=reverse("clinics:awaiting"),
        )
    return change


def _decided_words(change: SessionChange) -> str:
    who = change.decided_by.display_name if change.decided_by else "someone else"
    when = f" on {format_moment(change.decided_at)}" if change.decided_at else ""
    verb = "refused" if change.status == ChangeStatus.REFUSED else "approved"
    return f"This change was already {verb} by {who}{when}"


@transaction.atomic
def session_change_decide(
    *,
    actor: User,
    change: SessionChange,
    approve: bool,
    reason: str = "",
    version: int | None = None,
) -> SessionChange:
    """Approve or refuse a short-notice change, as a service manager of the department
    (or a trust-wide role). ``version`` is the session's as the decider read it. Approved,
    the change applies (a cancelled or reduced session's patients go to the rebooking
    list); refused, the session is as it was. The proposer and the coordinators are told.
    Raises ``AlreadyDecided`` (saying who decided) to the second of two deciding at once."""
    department_id = change.session.template.department_id
    if not selectors.approves_changes(actor, department_id):
        raise PermissionDenied(NOT_YOUR_APPROVAL)
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": "Say why the change is refused: the coordinator is told"})
    if len(reason) > 300:
        raise ValidationError({"reason": "Give the reason in 300 characters or fewer"})
    locked = (
        SessionChange.objects.select_for_update(of=("self",))
        .select_related("decided_by", "backfill_clinician")
        .get(pk=change.pk)
    )
    if locked.status != ChangeStatus.AWAITING:
        raise AlreadyDecided(_decided_words(locked))
    session = (
        ClinicSession.objects.select_for_update(of=("self",))
        .select_related("template", "template__department")
        .get(pk=locked.session_id)
    )
    if version is not None and version != session.version:
        raise Stale("This session changed while you were looking at it: look at it again")
    if approve and locked.action == ChangeAction.BACKFILL:
        assert locked.backfill_clinician is not None
        problem = selectors.backfill_problem(session, locked.backfill_clinician)
        if problem:
            raise ValidationError({"reason": f"It cannot be approved now: {problem}"})
    now = timezone.now()
    locked.status = ChangeStatus.APPLIED if approve else ChangeStatus.REFUSED
    locked.decided_by = actor
    locked.decided_at = now
    locked.decision_reason = reason
    with audited_as(actor):
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        if approve:
            change_applied(locked, session)
        else:
            session.status = _resting_status(session)
            session.version += 1
            session.save(update_fields=["status", "version"])
    verdict = "approved" if approve else "refused"
    subject = (
        f"Clinic change {verdict}: {change_words(locked).lower()} {session.template.name} "
        f"on {format_day(session.date)}"
    )
    people = [
        *([locked.proposed_by] if locked.proposed_by else []),
        *selectors.department_users(department_id, Role.ROTA_COORDINATOR),
    ]
    if approve:
        people += selectors.department_users(department_id, Role.BOOKING_COORDINATOR)
    notify(
        people=[p for p in people if p != actor],
        topic=Topic.CLINIC,
        subject=subject,
        body="\n".join(
            [f"{subject}, by {actor.display_name}."] + ([f"Reason: {reason}"] if reason else [])
        ),
        link=reverse("clinics:session", args=[session.pk]),
    )
    return locked


# --- policy -------------------------------------------------------------------------


@transaction.atomic
def policy_change(
    *, actor: User, department: Department, notice_weeks: int, version: int | None
) -> ClinicPolicy:
    """Set the department's notice window, by a service manager or a trust-wide role."""
    if not selectors.approves_changes(actor, department.pk):
        raise PermissionDenied("Only a service manager of this department sets the notice window")
    if not 0 <= notice_weeks <= 52:
        raise ValidationError({"notice_weeks": "Enter a number of weeks from 0 to 52"})
    policy, _ = ClinicPolicy.objects.select_for_update().get_or_create(department=department)
    if version is not None and version != policy.version:
        raise Stale("Someone changed the notice window while you were editing it: look again")
    policy.notice_weeks = notice_weeks
    policy.version += 1
    with audited_as(actor):
        policy.save()
    return policy


# --- rebooking and booking ----------------------------------------------------------


@transaction.atomic
def rebooking_mark_rebooked(*, actor: User, entry: RebookingEntry) -> RebookingEntry:
    """The patient is booked again: they leave the list. Raises ``Stale`` if already."""
    if not selectors.books(actor, entry.department_id):
        raise PermissionDenied("You do not book this department's clinics")
    locked = (
        RebookingEntry.objects.select_for_update(of=("self",))
        .select_related("appointment")
        .get(pk=entry.pk)
    )
    if locked.status != RebookingStatus.WAITING:
        raise Stale("This patient was already marked as rebooked")
    locked.status = RebookingStatus.REBOOKED
    with audited_as(actor):
        locked.save(update_fields=["status"])
        locked.appointment.status = AppointmentStatus.REBOOKED
        locked.appointment.save(update_fields=["status"])
    return locked


@transaction.atomic
def appointment_book(
    *, actor: User, session: ClinicSession, slot_type: str, patient_name: str, nhs_number: str
) -> Appointment:
    """Book a patient into the next free slot of ``slot_type`` in ``session`` (the slots
    laid out from the template's runs, in order). Until the waiting list area books, the
    demo and the tests book with this. Raises ``ValidationError`` by field."""
    locked = (
        ClinicSession.objects.select_for_update(of=("self",))
        .select_related("template")
        .get(pk=session.pk)
    )
    if not selectors.books(actor, locked.template.department_id):
        raise PermissionDenied("You do not book this department's clinics")
    problems: dict[str, str] = {}
    if slot_type not in SlotType.values:
        problems["slot_type"] = "Choose the type of appointment"
    if not patient_name.strip():
        problems["patient_name"] = "Enter the patient's name"
    elif len(patient_name.strip()) > 100:
        problems["patient_name"] = "Enter the patient's name in 100 characters or fewer"
    if problem := nhs_number_problem(nhs_number):
        problems["nhs_number"] = problem
    if locked.status in (SessionStatus.CANCELLED, SessionStatus.AWAITING_APPROVAL):
        problems["slot_type"] = (
            f"This session is {locked.get_status_display().lower()}: book another"
        )
    if problems:
        raise ValidationError(problems)
    booked = list(
        locked.appointments.filter(status=AppointmentStatus.BOOKED).values_list("start", flat=True)
    )
    if len(booked) >= locked.slots_kept:
        raise ValidationError({"slot_type": "This session is full"})
    runs = [Slot(s.slot_type, s.minutes, s.count) for s in locked.template.slots.all()]
    taken = set(booked)
    free = next(
        (
            (at, minutes)
            for kind, at, minutes in slot_starts(locked.start, runs)
            if kind == slot_type and at not in taken
        ),
        None,
    )
    if free is None:
        label = SlotType(slot_type).label.lower()
        raise ValidationError({"slot_type": f"No {label} slot is free in this session"})
    appointment = Appointment(
        session=locked,
        slot_type=slot_type,
        start=free[0],
        minutes=free[1],
        patient_name=patient_name.strip(),
        nhs_number=nhs_number.replace(" ", "").replace("-", ""),
    )
    with audited_as(actor):
        appointment.save()
    return appointment
