"""Writes of job plans: starting a doctor's plan for a year, its activities and on-call,
its sign-off from draft through discussed and agreed to signed by the clinical director,
comments, and the department's policy. Each in one transaction, permission checked
(``selectors`` says who may), audited, and recorded in the plan's history.

Two people changing the same plan at once: each edit names the version it was made
from; the plan's row is locked and its version read again, so the second is refused with
who changed it and when, never applied over the first. A signed-off plan is not changed
until it is reopened. A refusal saves nothing."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rotaplan.audit.actor import audited_as
from rotaplan.engine.clock import format_day, format_moment
from rotaplan.engine.jobplan.pas import job_plan_pas, overlapping, pas_text
from rotaplan.engine.jobplan.plan import SESSION_TIMES
from rotaplan.notifications.models import Topic
from rotaplan.notifications.services import notify
from rotaplan.organisation.models import Department
from rotaplan.people.models import Doctor, User

from . import selectors
from .engine_input import exact, has_job_plan, planned_activity, stored_input
from .models import (
    Activity,
    ActivityKind,
    Category,
    EventKind,
    JobPlan,
    JobPlanEvent,
    JobPlanPolicy,
    JobPlanStatus,
    OnCallCategory,
    OnCallCommitment,
    Session,
    Weeks,
)

# A notification topic of its own is for the notifications area to add; until then job
# plan news goes out as a change to the doctor's working pattern.
TOPIC = Topic.JOB_PLAN

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NOT_YOURS = "You may not change this job plan"
SIGNED = "This job plan is signed off: reopen it to change it"
MOST_COMMENT = 2000
# Where each status may be reached from, and the word for the move.
MOVES: dict[str, tuple[tuple[str, ...], str]] = {
    JobPlanStatus.DISCUSSED: ((JobPlanStatus.DRAFT,), "discussed"),
    JobPlanStatus.AGREED: ((JobPlanStatus.DISCUSSED,), "agreed"),
    JobPlanStatus.SIGNED: ((JobPlanStatus.AGREED,), "signed off"),
    JobPlanStatus.DRAFT: (
        (JobPlanStatus.DISCUSSED, JobPlanStatus.AGREED, JobPlanStatus.SIGNED),
        "reopened",
    ),
}


class StaleJobPlan(Exception):
    """The plan changed since the copy the edit was made from: ``message`` says who
    changed it and when."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def weekday_name(weekday: int) -> str:
    return WEEKDAYS[weekday] if 0 <= weekday < len(WEEKDAYS) else "that day"


def stale_words(plan: JobPlan) -> str:
    """ "Someone else changed this job plan while you were editing: Gemma Price, Mon 3
    Aug 2026 at 10:15 (added Clinic A). Look at it again and make your change." """
    event = selectors.last_event(plan)
    if event is None:
        said = "it is not as you saw it"
    else:
        who = event.by.display_name if event.by is not None else "someone"
        what = event.text.splitlines()[0][:120] if event.text else event.get_kind_display()
        said = f"{who}, {format_moment(event.at)} ({what[0].lower() + what[1:]})"
    return (
        f"Someone else changed this job plan while you were editing: {said}. "
        "Look at it again and make your change."
    )


def _locked(plan: JobPlan, version: int | None) -> JobPlan:
    """The plan's row, locked until the transaction ends, at ``version`` (if given)."""
    locked = (
        JobPlan.objects.select_for_update(of=("self",)).select_related("doctor").get(pk=plan.pk)
    )
    if version is not None and version != locked.version:
        raise StaleJobPlan(stale_words(locked))
    return locked


def _event(*, plan: JobPlan, actor: User, kind: str, text: str, status: str = "") -> JobPlanEvent:
    event = JobPlanEvent(
        job_plan=plan, by=actor, kind=kind, status=status, text=text[:MOST_COMMENT]
    )
    event.save()
    return event


def _editable(actor: User, plan: JobPlan, version: int | None) -> JobPlan:
    """The plan, locked, checked the actor may change it now and that it is unchanged
    since they read it."""
    if not selectors.may_view(actor, plan):
        raise PermissionDenied(NOT_YOURS)
    locked = _locked(plan, version)
    if locked.status == JobPlanStatus.SIGNED:
        raise ValidationError({"status": SIGNED})
    if not selectors.may_edit(actor, locked):
        raise PermissionDenied(NOT_YOURS)
    return locked


def _changed(*, actor: User, plan: JobPlan, text: str) -> None:
    """Record a change of the plan's activities or on-call: a new version, a line of its
    history. A change to an agreed plan takes it back to discussed, so what is signed
    off is what was agreed."""
    plan.version += 1
    plan.updated_at = timezone.now()
    fields = ["version", "updated_at"]
    if plan.status == JobPlanStatus.AGREED:
        plan.status = JobPlanStatus.DISCUSSED
        fields.append("status")
        text += ". It was agreed: it goes back to discussed, to be agreed again"
    plan.save(update_fields=fields)
    _event(plan=plan, actor=actor, kind=EventKind.CHANGE, text=text)


# --- Starting a job plan --------------------------------------------------------------


@transaction.atomic
def job_plan_create(
    *, actor: User, doctor: Doctor, year_start: date, weeks_a_year: int = 42
) -> JobPlan:
    """Start ``doctor``'s job plan for the year from ``year_start``, as a draft with no
    activities. Consultants and SAS doctors only, one a year. Raises ``PermissionDenied``
    or ``ValidationError`` (on ``doctor``, ``year_start``, ``weeks_a_year``)."""
    if not selectors.creates_for(actor, doctor):
        raise PermissionDenied(NOT_YOURS)
    if not has_job_plan(doctor):
        raise ValidationError(
            {
                "doctor": f"{doctor} is a doctor in training: job plans are for consultants and "
                "SAS doctors"
            }
        )
    if not 1 <= weeks_a_year <= 52:
        raise ValidationError({"weeks_a_year": "Enter the working weeks a year, from 1 to 52"})
    # Two people starting the same year's plan at once: the doctor's row is the lock.
    list(Doctor.objects.select_for_update().filter(pk=doctor.pk).values_list("pk", flat=True))
    held = JobPlan.objects.filter(doctor=doctor, year_start=year_start).first()
    if held is not None:
        raise ValidationError(
            {
                "year_start": f"{doctor} already has a job plan for the year from "
                f"{format_day(year_start)} ({held.get_status_display().lower()})"
            }
        )
    plan = JobPlan(doctor=doctor, year_start=year_start, weeks_a_year=weeks_a_year)
    with audited_as(actor):
        plan.save()
        _event(
            plan=plan,
            actor=actor,
            kind=EventKind.STATUS,
            status=JobPlanStatus.DRAFT,
            text=f"Started the job plan for the year from {format_day(year_start)}",
        )
    return plan


# --- Activities -----------------------------------------------------------------------


def _times(session: str, start: time | None, end: time | None) -> tuple[time, time]:
    """The activity's times: as entered, or its session's."""
    if session and session not in Session.values:
        raise ValidationError({"session": "Choose morning, afternoon or evening"})
    if start is None and end is None:
        if not session:
            raise ValidationError({"start": "Choose a session, or enter the start and end times"})
        return SESSION_TIMES[session]
    if start is None:
        raise ValidationError({"start": "Enter the start time"})
    if end is None:
        raise ValidationError({"end": "Enter the end time"})
    if end <= start:
        raise ValidationError(
            {
                "end": f"The end must be after the start: it starts at {start:%H:%M} and "
                f"ends at {end:%H:%M}"
            }
        )
    return start, end


def _activity_checked(
    plan: JobPlan,
    activity: Activity,
    *,
    category: str,
    kind: str,
    description: str,
    weekday: int,
    session: str,
    start: time | None,
    end: time | None,
    weeks: str,
    weeks_value: int | None,
    location: str,
    theatre_list: str,
) -> Activity:
    """``activity`` with the new values, each checked; refused by field when one is wrong
    or it would overlap another of the plan's activities."""
    problems: dict[str, str] = {}
    if category not in Category.values:
        problems["category"] = "Choose direct clinical care, SPA, additional NHS "
        problems["category"] += "responsibilities or external duties"
    if kind not in ActivityKind.values:
        problems["kind"] = "Choose what kind of activity it is"
    description = description.strip()
    if not description:
        problems["description"] = "Say what the activity is, for example Clinic A"
    elif len(description) > 120:
        problems["description"] = "Say what the activity is in 120 characters or fewer"
    if not 0 <= weekday <= 6:
        problems["weekday"] = "Choose a day of the week"
    if weeks not in Weeks.values:
        problems["weeks"] = "Choose every week, one week in N or a number of weeks a year"
    elif weeks == Weeks.EVERY:
        weeks_value = None
    elif weeks_value is None:
        problems["weeks_value"] = (
            "Enter N, as in one week in N"
            if weeks == Weeks.ONE_IN
            else "Enter how many weeks a year it runs"
        )
    elif weeks == Weeks.ONE_IN and not 2 <= weeks_value <= 52:
        problems["weeks_value"] = "Enter N from 2 to 52, as in one week in N"
    elif weeks == Weeks.PER_YEAR and not 1 <= weeks_value <= plan.weeks_a_year:
        problems["weeks_value"] = (
            f"Enter from 1 to {plan.weeks_a_year} weeks a year: the job plan's working weeks"
        )
    if len(location.strip()) > 100:
        problems["location"] = "Give the location in 100 characters or fewer"
    if len(theatre_list.strip()) > 100:
        problems["theatre_list"] = "Give the theatre list in 100 characters or fewer"
    times: tuple[time, time] | None = None
    try:
        times = _times(session, start, end)
    except ValidationError as invalid:
        problems.update({k: v[0] for k, v in invalid.message_dict.items()})
    if problems or times is None:
        raise ValidationError(problems)
    activity.category = category
    activity.kind = kind
    activity.description = description
    activity.weekday = weekday
    activity.session = session
    activity.start, activity.end = times
    activity.weeks = weeks
    activity.weeks_value = weeks_value
    activity.location = location.strip()
    activity.theatre_list = theatre_list.strip()
    _overlap_refused(plan, activity)
    return activity


NEW = "new"


def _overlap_refused(plan: JobPlan, activity: Activity) -> None:
    """Refused when ``activity`` must collide with another of the plan's in some week:
    the message names both and the day."""
    others = [a for a in plan.activities.all() if a.pk != activity.pk]
    mine = planned_activity(activity, NEW if activity.pk is None else None)
    planned = [planned_activity(a) for a in others] + [mine]
    by_id = {str(a.pk): a for a in others}
    for first, second in overlapping(planned, plan.weeks_a_year):
        if mine.id not in (first, second):
            continue
        other = by_id[second if first == mine.id else first]
        raise ValidationError(
            {
                "start": f"{activity.description} overlaps {other.description} on "
                f"{weekday_name(activity.weekday)} ({other.start:%H:%M} to {other.end:%H:%M}): "
                "change the day, the times or the weeks"
            }
        )


def activity_words(activity: Activity) -> str:
    """ "Clinic A, Monday 09:00 to 13:00"."""
    return (
        f"{activity.description}, {weekday_name(activity.weekday)} "
        f"{activity.start:%H:%M} to {activity.end:%H:%M}"
    )


@transaction.atomic
def activity_add(
    *,
    actor: User,
    job_plan: JobPlan,
    version: int,
    category: str,
    kind: str,
    description: str,
    weekday: int,
    session: str = "",
    start: time | None = None,
    end: time | None = None,
    weeks: str = Weeks.EVERY,
    weeks_value: int | None = None,
    location: str = "",
    theatre_list: str = "",
) -> Activity:
    """Add an activity to the plan (made from ``version``). Raises ``PermissionDenied``,
    ``StaleJobPlan``, or ``ValidationError`` by field: times that end before they start,
    no weeks value, an overlap with another activity, a signed-off plan (``status``)."""
    plan = _editable(actor, job_plan, version)
    activity = _activity_checked(
        plan,
        Activity(job_plan=plan),
        category=category,
        kind=kind,
        description=description,
        weekday=weekday,
        session=session,
        start=start,
        end=end,
        weeks=weeks,
        weeks_value=weeks_value,
        location=location,
        theatre_list=theatre_list,
    )
    with audited_as(actor):
        activity.save()
        _changed(actor=actor, plan=plan, text=f"Added {activity_words(activity)}")
    return activity


@transaction.atomic
def activity_change(
    *,
    actor: User,
    activity: Activity,
    version: int,
    category: str,
    kind: str,
    description: str,
    weekday: int,
    session: str = "",
    start: time | None = None,
    end: time | None = None,
    weeks: str = Weeks.EVERY,
    weeks_value: int | None = None,
    location: str = "",
    theatre_list: str = "",
) -> Activity:
    """Change one of the plan's activities; refused as ``activity_add`` is."""
    plan = _editable(actor, activity.job_plan, version)
    current = Activity.objects.select_for_update().filter(pk=activity.pk, job_plan=plan).first()
    if current is None:
        raise StaleJobPlan(stale_words(plan))
    before = activity_words(current)
    changed = _activity_checked(
        plan,
        current,
        category=category,
        kind=kind,
        description=description,
        weekday=weekday,
        session=session,
        start=start,
        end=end,
        weeks=weeks,
        weeks_value=weeks_value,
        location=location,
        theatre_list=theatre_list,
    )
    with audited_as(actor):
        changed.save()
        after = activity_words(changed)
        text = f"Changed {before}" + (f" to {after}" if after != before else "")
        _changed(actor=actor, plan=plan, text=text)
    return changed


@transaction.atomic
def activity_remove(*, actor: User, activity: Activity, version: int) -> JobPlan:
    """Take an activity off the plan."""
    plan = _editable(actor, activity.job_plan, version)
    current = Activity.objects.filter(pk=activity.pk, job_plan=plan).first()
    if current is None:
        raise StaleJobPlan(stale_words(plan))
    words = activity_words(current)
    with audited_as(actor):
        current.delete()
        _changed(actor=actor, plan=plan, text=f"Removed {words}")
    return plan


# --- On-call --------------------------------------------------------------------------


@transaction.atomic
def on_call_set(
    *,
    actor: User,
    job_plan: JobPlan,
    version: int,
    one_in: int,
    category: str,
    predictable_hours: Decimal,
    unpredictable_hours: Decimal,
) -> OnCallCommitment:
    """Set the plan's on-call: one in ``one_in``, category A or B, and its predictable
    and unpredictable hours a week on average."""
    plan = _editable(actor, job_plan, version)
    problems: dict[str, str] = {}
    if not 1 <= one_in <= 52:
        problems["one_in"] = "Enter N from 1 to 52, as in on call one in N"
    if category not in OnCallCategory.values:
        problems["category"] = "Choose category A or B"
    for name, hours in (
        ("predictable_hours", predictable_hours),
        ("unpredictable_hours", unpredictable_hours),
    ):
        if not Decimal(0) <= hours <= Decimal(48):
            problems[name] = "Enter from 0 to 48 hours a week"
        elif hours != hours.quantize(Decimal("0.01")):
            problems[name] = "Enter the hours to 2 decimal places at most, like 2.25"
    if problems:
        raise ValidationError(problems)
    on_call = OnCallCommitment.objects.filter(job_plan=plan).first() or OnCallCommitment(
        job_plan=plan
    )
    on_call.one_in = one_in
    on_call.category = category
    on_call.predictable_hours = predictable_hours
    on_call.unpredictable_hours = unpredictable_hours
    with audited_as(actor):
        on_call.save()
        _changed(
            actor=actor,
            plan=plan,
            text=f"Set on-call to one in {one_in}, category {category}, {predictable_hours} "
            f"predictable and {unpredictable_hours} unpredictable hours a week",
        )
    return on_call


@transaction.atomic
def on_call_clear(*, actor: User, job_plan: JobPlan, version: int) -> JobPlan:
    """The plan has no on-call."""
    plan = _editable(actor, job_plan, version)
    on_call = OnCallCommitment.objects.filter(job_plan=plan).first()
    if on_call is None:
        return plan
    with audited_as(actor):
        on_call.delete()
        _changed(actor=actor, plan=plan, text="Took off the on-call")
    return plan


# --- Sign-off -------------------------------------------------------------------------


def _move(*, actor: User, job_plan: JobPlan, to: str, version: int | None, note: str) -> JobPlan:
    if not selectors.may_view(actor, job_plan):
        raise PermissionDenied(NOT_YOURS)
    allowed = selectors.signs if to == JobPlanStatus.SIGNED else selectors.moves_status
    if not allowed(actor, job_plan):
        who = (
            "the department's clinical director"
            if to == JobPlanStatus.SIGNED
            else ("the department's clinical director or service manager")
        )
        raise PermissionDenied(f"Only {who} may do this, and not for their own job plan")
    plan = _locked(job_plan, version)
    sources, verb = MOVES[to]
    if plan.status not in sources:
        raise ValidationError(
            {
                "status": f"This job plan is {plan.get_status_display().lower()}: it cannot be "
                f"{verb} now"
            }
        )
    if to in (JobPlanStatus.AGREED, JobPlanStatus.SIGNED):
        total = job_plan_pas(stored_input(plan)).total
        if total <= 0:
            raise ValidationError(
                {"activities": f"A job plan of 0 PAs cannot be {verb}: add its activities first"}
            )
    if len(note) > MOST_COMMENT:
        raise ValidationError({"note": f"Keep the note to {MOST_COMMENT} characters or fewer"})
    plan.status = to
    plan.version += 1
    plan.updated_at = timezone.now()
    fields = ["status", "version", "updated_at", "signed_by", "signed_at"]
    if to == JobPlanStatus.SIGNED:
        plan.signed_by, plan.signed_at = actor, plan.updated_at
    else:
        plan.signed_by, plan.signed_at = None, None
    text = f"{verb.capitalize()} by {actor.display_name}"
    if note.strip():
        text += f"\n{note.strip()}"
    with audited_as(actor):
        plan.save(update_fields=fields)
        _event(plan=plan, actor=actor, kind=EventKind.STATUS, status=to, text=text)
        _told(actor=actor, plan=plan, verb=verb, note=note.strip())
    return plan


def _told(*, actor: User, plan: JobPlan, verb: str, note: str) -> None:
    """The doctor hears of every move of their plan (but one of their own making); the
    clinical directors hear of a plan agreed and waiting for them to sign it off."""
    link = reverse("jobplans:detail", args=[plan.pk])
    year = format_day(plan.year_start)
    if actor.doctor_id != plan.doctor_id:
        body = f"Your job plan for the year from {year} was {verb} by {actor.display_name}."
        notify(
            people=[plan.doctor],
            topic=TOPIC,
            subject=f"Your job plan is {verb}",
            body="\n".join([body, *([f"Note: {note}"] if note else [])]),
            link=link,
        )
    if plan.status == JobPlanStatus.AGREED:
        notify(
            people=[
                u
                for u in selectors.clinical_directors(plan.doctor.department_id)
                if u != actor and u.doctor_id != plan.doctor_id
            ],
            topic=TOPIC,
            subject=f"{plan.doctor}'s job plan is agreed: waiting for you to sign it off",
            body=f"{plan.doctor}'s job plan for the year from {year} was agreed by "
            f"{actor.display_name}. Open it to sign it off.",
            link=link,
        )


@transaction.atomic
def job_plan_discuss(
    *, actor: User, job_plan: JobPlan, version: int | None = None, note: str = ""
) -> JobPlan:
    """Draft to discussed: the job planning meeting has been held."""
    return _move(
        actor=actor, job_plan=job_plan, to=JobPlanStatus.DISCUSSED, version=version, note=note
    )


@transaction.atomic
def job_plan_agree(
    *, actor: User, job_plan: JobPlan, version: int | None = None, note: str = ""
) -> JobPlan:
    """Discussed to agreed; a plan of 0 PAs is refused. The clinical directors are told
    it waits for them."""
    return _move(
        actor=actor, job_plan=job_plan, to=JobPlanStatus.AGREED, version=version, note=note
    )


@transaction.atomic
def job_plan_sign(
    *, actor: User, job_plan: JobPlan, version: int | None = None, note: str = ""
) -> JobPlan:
    """Agreed to signed off, by the department's clinical director only."""
    return _move(
        actor=actor, job_plan=job_plan, to=JobPlanStatus.SIGNED, version=version, note=note
    )


@transaction.atomic
def job_plan_reopen(
    *, actor: User, job_plan: JobPlan, version: int | None = None, note: str = ""
) -> JobPlan:
    """Back to a draft, to be changed, discussed and agreed again."""
    return _move(actor=actor, job_plan=job_plan, to=JobPlanStatus.DRAFT, version=version, note=note)


STATUS_MOVES = {
    "discuss": job_plan_discuss,
    "agree": job_plan_agree,
    "sign": job_plan_sign,
    "reopen": job_plan_reopen,
}


@transaction.atomic
def comment_add(*, actor: User, job_plan: JobPlan, text: str) -> JobPlanEvent:
    """A comment in the plan's history, by the doctor or those who change the plan.
    Comments do not change the plan, so they need no version."""
    if not selectors.may_view(actor, job_plan):
        raise PermissionDenied(NOT_YOURS)
    if not selectors.may_comment(actor, job_plan):
        raise PermissionDenied("You may read this job plan but not comment on it")
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write your comment"})
    if len(text) > MOST_COMMENT:
        raise ValidationError({"text": f"Keep the comment to {MOST_COMMENT} characters or fewer"})
    with audited_as(actor):
        return _event(plan=job_plan, actor=actor, kind=EventKind.COMMENT, text=text)


# --- Policy ---------------------------------------------------------------------------


@transaction.atomic
def job_plan_policy_change(
    *, actor: User, department: Department, minimum_spa: Decimal, version: int | None = None
) -> JobPlanPolicy:
    """Set the SPA the department asks of a full-time job plan (pro rata for less than
    full time), 0 to 10 PAs in steps of 0.25 at most."""
    if not selectors.sets_policy(actor, department.pk):
        raise PermissionDenied("You do not manage this department's job plans")
    policy = JobPlanPolicy.objects.select_for_update().filter(
        department=department
    ).first() or JobPlanPolicy(department=department)
    if version is not None and policy.pk is not None and version != policy.version:
        raise StaleJobPlan(
            "Someone else changed this policy while you were editing: it now asks "
            f"{pas_text(exact(policy.minimum_spa))} PAs of SPA. Look at it again."
        )
    if not Decimal(0) <= minimum_spa <= Decimal(10):
        raise ValidationError({"minimum_spa": "Enter from 0 to 10 PAs"})
    if minimum_spa != minimum_spa.quantize(Decimal("0.01")):
        raise ValidationError({"minimum_spa": "Enter the PAs to 2 decimal places at most"})
    policy.minimum_spa = minimum_spa
    if policy.pk is not None:
        policy.version += 1
    with audited_as(actor):
        policy.save()
    return policy
