"""Writes of job plans: who may, the sign-off's order, two people editing at once, and
bad input refused by field with nothing saved."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rotaplan.jobplans import services
from rotaplan.jobplans.models import Activity, EventKind, JobPlan, JobPlanEvent, JobPlanStatus
from rotaplan.notifications.models import Notification
from rotaplan.people.grades import Grade
from tests.factories.jobplans import full_time_week
from tests.factories.people import DoctorFactory

pytestmark = pytest.mark.django_db(transaction=False)

CLINIC = {
    "category": "dcc",
    "kind": "clinic",
    "description": "Clinic A",
    "weekday": 0,
    "session": "morning",
}


def add(actor, plan, **changes):
    plan.refresh_from_db()
    return services.activity_add(
        actor=actor, job_plan=plan, version=plan.version, **{**CLINIC, **changes}
    )


def test_a_session_gives_the_activity_its_times_and_the_plan_a_new_version(world, jp):
    activity = add(world.service_manager, jp.plan)
    jp.plan.refresh_from_db()
    assert (activity.start, activity.end) == (time(9), time(13))
    assert jp.plan.version == 2
    event = JobPlanEvent.objects.get(job_plan=jp.plan, kind=EventKind.CHANGE)
    assert event.text == "Added Clinic A, Monday 09:00 to 13:00"
    assert event.by == world.service_manager


def test_a_doctor_changes_their_own_draft_but_nobody_elses(world, jp):
    add(jp.omar_user, jp.plan)
    with pytest.raises(PermissionDenied):
        add(jp.omar_user, jp.cardiology_plan)
    with pytest.raises(PermissionDenied):
        add(world.coordinator, jp.plan, description="Ward round", weekday=2)


def test_the_doctor_cannot_change_their_plan_once_it_is_discussed(world, jp):
    add(jp.omar_user, jp.plan)
    services.job_plan_discuss(actor=jp.director, job_plan=jp.plan)
    with pytest.raises(PermissionDenied):
        add(jp.omar_user, jp.plan, weekday=1)


def test_a_second_editor_working_from_the_same_copy_is_refused(world, jp):
    seen = JobPlan.objects.get(pk=jp.plan.pk)
    services.activity_add(actor=jp.director, job_plan=seen, version=seen.version, **CLINIC)
    with pytest.raises(services.StaleJobPlan) as refused:
        services.activity_add(
            actor=world.service_manager,
            job_plan=seen,
            version=seen.version,
            **{**CLINIC, "description": "Ward round", "weekday": 3},
        )
    assert "Someone else changed this job plan while you were editing" in refused.value.message
    assert "Gemma Price" in refused.value.message
    assert "added Clinic A" in refused.value.message
    assert list(
        Activity.objects.filter(job_plan=jp.plan).values_list("description", flat=True)
    ) == ["Clinic A"]


def test_an_overlap_is_refused_naming_both_activities_and_the_day(world, jp):
    add(jp.director, jp.plan)
    with pytest.raises(ValidationError) as refused:
        add(jp.director, jp.plan, description="Ward round", start=time(11), end=time(12))
    message = refused.value.message_dict["start"][0]
    assert "Ward round overlaps Clinic A on Monday" in message
    assert Activity.objects.filter(job_plan=jp.plan).count() == 1


def test_two_one_in_two_lists_on_the_same_morning_may_alternate(world, jp):
    add(jp.director, jp.plan, weeks="one_in", weeks_value=2)
    add(jp.director, jp.plan, description="Theatre", kind="theatre", weeks="one_in", weeks_value=2)
    assert Activity.objects.filter(job_plan=jp.plan).count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"session": "", "start": time(14), "end": time(13)}, "end"),
        ({"session": "", "start": time(14), "end": time(14)}, "end"),
        ({"session": ""}, "start"),
        ({"weeks": "one_in"}, "weeks_value"),
        ({"weeks": "per_year", "weeks_value": 50}, "weeks_value"),
        ({"description": "  "}, "description"),
        ({"category": "fun"}, "category"),
        ({"weekday": 7}, "weekday"),
    ],
)
def test_bad_activities_are_refused_by_field_and_nothing_is_saved(world, jp, changes, field):
    with pytest.raises(ValidationError) as refused:
        add(jp.director, jp.plan, **changes)
    assert field in refused.value.message_dict
    jp.plan.refresh_from_db()
    assert jp.plan.version == 1
    assert not Activity.objects.filter(job_plan=jp.plan).exists()


def test_an_activity_is_changed_and_removed(world, jp):
    activity = add(jp.director, jp.plan)
    jp.plan.refresh_from_db()
    changed = services.activity_change(
        actor=jp.director,
        activity=activity,
        version=jp.plan.version,
        **{**CLINIC, "session": "afternoon", "weekday": 2},
    )
    assert (changed.weekday, changed.start) == (2, time(13))
    jp.plan.refresh_from_db()
    services.activity_remove(actor=jp.director, activity=changed, version=jp.plan.version)
    assert not Activity.objects.filter(job_plan=jp.plan).exists()
    jp.plan.refresh_from_db()
    assert jp.plan.version == 4


def test_the_sign_off_runs_draft_discussed_agreed_signed_and_is_recorded(world, jp):
    full_time_week(jp.plan)
    services.job_plan_discuss(actor=world.service_manager, job_plan=jp.plan)
    services.job_plan_agree(actor=world.service_manager, job_plan=jp.plan, note="Met on Monday")
    with pytest.raises(PermissionDenied):
        services.job_plan_sign(actor=world.service_manager, job_plan=jp.plan)
    signed = services.job_plan_sign(actor=jp.director, job_plan=jp.plan)
    assert signed.status == JobPlanStatus.SIGNED
    assert signed.signed_by == jp.director
    statuses = list(
        JobPlanEvent.objects.filter(job_plan=jp.plan, kind=EventKind.STATUS).values_list(
            "status", flat=True
        )
    )
    assert statuses == ["discussed", "agreed", "signed"]


def test_the_doctor_and_the_clinical_director_are_told(
    world, jp, django_capture_on_commit_callbacks
):
    full_time_week(jp.plan)
    services.job_plan_discuss(actor=world.service_manager, job_plan=jp.plan)
    services.job_plan_agree(actor=world.service_manager, job_plan=jp.plan)
    to_director = Notification.objects.get(recipient=jp.director)
    assert (
        to_director.subject == "Dr Omar Khan's job plan is agreed: waiting for you to sign it off"
    )
    assert not Notification.objects.filter(recipient=jp.cardiology_director).exists()
    services.job_plan_sign(actor=jp.director, job_plan=jp.plan)
    told = list(
        Notification.objects.filter(recipient=jp.omar_user)
        .order_by("created", "pk")
        .values_list("subject", flat=True)
    )
    assert told == [
        "Your job plan is discussed",
        "Your job plan is agreed",
        "Your job plan is signed off",
    ]


def test_a_signed_plan_cannot_be_changed_until_reopened(world, jp):
    full_time_week(jp.plan)
    for move in (services.job_plan_discuss, services.job_plan_agree, services.job_plan_sign):
        move(actor=jp.director, job_plan=jp.plan)
    with pytest.raises(ValidationError) as refused:
        add(world.staffing, jp.plan, weekday=5)
    assert "signed off" in refused.value.message_dict["status"][0]
    services.job_plan_reopen(actor=world.service_manager, job_plan=jp.plan)
    jp.plan.refresh_from_db()
    assert jp.plan.status == JobPlanStatus.DRAFT
    assert jp.plan.signed_by is None
    add(world.staffing, jp.plan, weekday=5)


def test_a_plan_of_no_pas_cannot_be_agreed(world, jp):
    services.job_plan_discuss(actor=jp.director, job_plan=jp.plan)
    with pytest.raises(ValidationError) as refused:
        services.job_plan_agree(actor=jp.director, job_plan=jp.plan)
    assert "0 PAs" in refused.value.message_dict["activities"][0]
    jp.plan.refresh_from_db()
    assert jp.plan.status == JobPlanStatus.DISCUSSED


def test_moves_out_of_order_and_by_the_wrong_people_are_refused(world, jp):
    full_time_week(jp.plan)
    with pytest.raises(ValidationError):
        services.job_plan_agree(actor=jp.director, job_plan=jp.plan)
    for someone in (jp.omar_user, world.coordinator, jp.cardiology_director, world.nobody):
        with pytest.raises(PermissionDenied):
            services.job_plan_discuss(actor=someone, job_plan=jp.plan)


def test_a_stale_move_is_refused(world, jp):
    full_time_week(jp.plan)
    services.job_plan_discuss(actor=jp.director, job_plan=jp.plan, version=1)
    with pytest.raises(services.StaleJobPlan):
        services.job_plan_agree(actor=world.service_manager, job_plan=jp.plan, version=1)


def test_an_edit_of_an_agreed_plan_takes_it_back_to_discussed(world, jp):
    full_time_week(jp.plan)
    services.job_plan_discuss(actor=jp.director, job_plan=jp.plan)
    services.job_plan_agree(actor=jp.director, job_plan=jp.plan)
    add(jp.director, jp.plan, weekday=5)
    jp.plan.refresh_from_db()
    assert jp.plan.status == JobPlanStatus.DISCUSSED


def test_comments_by_the_doctor_and_the_director_but_not_the_coordinator(world, jp):
    services.comment_add(actor=jp.omar_user, job_plan=jp.plan, text="Can SPA be Friday?")
    services.comment_add(actor=jp.director, job_plan=jp.plan, text="Yes")
    with pytest.raises(PermissionDenied):
        services.comment_add(actor=world.coordinator, job_plan=jp.plan, text="Hello")
    with pytest.raises(ValidationError):
        services.comment_add(actor=jp.omar_user, job_plan=jp.plan, text="   ")
    assert JobPlanEvent.objects.filter(job_plan=jp.plan, kind=EventKind.COMMENT).count() == 2


def test_one_job_plan_a_year_for_consultants_and_sas_doctors_only(world, jp):
    with pytest.raises(ValidationError) as twice:
        services.job_plan_create(actor=jp.director, doctor=jp.omar, year_start=date(2026, 4, 1))
    assert "already has a job plan" in twice.value.message_dict["year_start"][0]
    with pytest.raises(ValidationError) as trainee:
        services.job_plan_create(
            actor=world.staffing, doctor=world.ada, year_start=date(2026, 4, 1)
        )
    assert "doctor" in trainee.value.message_dict
    sas = DoctorFactory(department=world.acute, grade=Grade.SPECIALTY_DOCTOR)
    plan = services.job_plan_create(actor=jp.director, doctor=sas, year_start=date(2026, 4, 1))
    assert plan.status == JobPlanStatus.DRAFT
    with pytest.raises(PermissionDenied):
        services.job_plan_create(
            actor=jp.cardiology_director, doctor=jp.omar, year_start=date(2027, 4, 1)
        )


def test_on_call_is_set_and_cleared(world, jp):
    on_call = services.on_call_set(
        actor=jp.director,
        job_plan=jp.plan,
        version=1,
        one_in=4,
        category="A",
        predictable_hours=Decimal("3"),
        unpredictable_hours=Decimal("1.5"),
    )
    assert on_call.one_in == 4
    with pytest.raises(ValidationError) as refused:
        services.on_call_set(
            actor=jp.director,
            job_plan=jp.plan,
            version=2,
            one_in=0,
            category="C",
            predictable_hours=Decimal("-1"),
            unpredictable_hours=Decimal("1"),
        )
    assert set(refused.value.message_dict) == {"one_in", "category", "predictable_hours"}
    services.on_call_clear(actor=jp.director, job_plan=jp.plan, version=2)
    jp.plan.refresh_from_db()
    assert jp.plan.version == 3


def test_the_policy_is_set_by_the_department_only(world, jp):
    policy = services.job_plan_policy_change(
        actor=jp.director, department=world.acute, minimum_spa=Decimal("2.5")
    )
    assert policy.minimum_spa == Decimal("2.5")
    with pytest.raises(PermissionDenied):
        services.job_plan_policy_change(
            actor=world.coordinator, department=world.acute, minimum_spa=Decimal("1")
        )
    with pytest.raises(ValidationError):
        services.job_plan_policy_change(
            actor=jp.director, department=world.acute, minimum_spa=Decimal("11")
        )
