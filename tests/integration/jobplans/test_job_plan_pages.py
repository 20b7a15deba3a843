"""Job plan pages as each role sees them: the doctor their own, the department's clinical
director, service manager and coordinator its list and plans; a wrong user gets a 404 that
says nothing; each read is audited."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from rotaplan.jobplans.models import Activity, JobPlanStatus
from tests.factories.jobplans import ActivityFactory, JobPlanPolicyFactory, full_time_week
from tests.page_text import page_text as words

pytestmark = pytest.mark.django_db


def test_the_doctor_sees_their_job_plan_and_its_pas(world, jp, sign_in):
    full_time_week(jp.plan)
    client = sign_in(jp.omar_user)
    mine = client.get("/job-plans/")
    assert mine.status_code == 200
    assert "Your job plan" in words(mine)
    page = client.get(f"/job-plans/{jp.plan.pk}/")
    text = words(page)
    assert page.status_code == 200
    assert "Monday" in text
    assert "Total 10 PAs" in text
    assert "Supporting professional activities 2 PAs" in text
    assert "Premium time" in text
    assert "Add a comment" in text
    assert "Sign off" not in text


def test_a_doctor_with_no_job_plan_is_told_so_and_a_non_doctor_gets_404(world, jp, sign_in):
    assert "You have no job plan yet" in words(sign_in(world.ada_user).get("/job-plans/"))
    assert sign_in(world.coordinator).get("/job-plans/").status_code == 404


@pytest.mark.parametrize(
    "who", ["ada_user", "cardiology_coordinator", "nobody", "booking_coordinator"]
)
def test_someone_outside_the_department_gets_404(world, jp, sign_in, who):
    client = sign_in(getattr(world, who))
    assert client.get(f"/job-plans/{jp.plan.pk}/").status_code == 404
    assert client.get(f"/job-plans/departments/{world.acute.pk}/").status_code == 404
    assert (
        client.post(
            f"/job-plans/{jp.plan.pk}/status/", {"move": "discuss", "version": 1}
        ).status_code
        == 404
    )


def test_the_other_departments_director_gets_404(world, jp, sign_in):
    client = sign_in(jp.cardiology_director)
    assert client.get(f"/job-plans/{jp.plan.pk}/").status_code == 404
    assert "Dr Omar Khan" not in words(client.get(f"/job-plans/departments/{world.cardiology.pk}/"))


def test_the_department_list_shows_totals_status_and_warnings(world, jp, sign_in):
    ActivityFactory(job_plan=jp.plan)
    for user in (jp.director, world.service_manager, world.coordinator, world.staffing):
        page = sign_in(user).get(f"/job-plans/departments/{world.acute.pk}/")
        assert page.status_code == 200
        text = words(page)
        assert "Dr Omar Khan, Consultant" in text
        assert "Dr Nia Rees" not in text
        assert "Draft" in text
        assert "warning" in text


def test_a_coordinator_reads_but_changes_nothing(world, jp, sign_in):
    client = sign_in(world.coordinator)
    text = words(client.get(f"/job-plans/{jp.plan.pk}/"))
    assert "Add an activity" not in text
    assert "Add a comment" not in text
    assert client.get(f"/job-plans/{jp.plan.pk}/activities/add/").status_code == 403


def test_the_director_adds_an_activity_by_session(world, jp, sign_in):
    client = sign_in(jp.director)
    answer = client.post(
        f"/job-plans/{jp.plan.pk}/activities/add/",
        {
            "description": "Clinic A",
            "category": "dcc",
            "kind": "clinic",
            "weekday": "1",
            "session": "afternoon",
            "weeks": "every",
            "version": "1",
        },
    )
    assert answer.status_code == 302
    activity = Activity.objects.get(job_plan=jp.plan)
    assert f"{activity.start:%H:%M}-{activity.end:%H:%M}" == "13:00-17:00"
    page = words(client.get(f"/job-plans/{jp.plan.pk}/"))
    assert "Clinic A" in page
    assert "Tuesday" in page


def test_a_bad_activity_form_names_the_field(world, jp, sign_in):
    ActivityFactory(job_plan=jp.plan, description="Ward round")
    answer = sign_in(jp.director).post(
        f"/job-plans/{jp.plan.pk}/activities/add/",
        {
            "description": "Clinic B",
            "category": "dcc",
            "kind": "clinic",
            "weekday": "0",
            "start": "10:00",
            "end": "12:00",
            "weeks": "every",
            "version": "1",
        },
    )
    assert answer.status_code == 200
    assert "Clinic B overlaps Ward round on Monday" in words(answer)
    assert 'href="#start"' in answer.content.decode()


def test_a_stale_form_is_refused_with_who_changed_the_plan(world, jp, sign_in):
    client = sign_in(jp.director)
    form = {
        "description": "Clinic A",
        "category": "dcc",
        "kind": "clinic",
        "weekday": "1",
        "session": "morning",
        "weeks": "every",
        "version": "1",
    }
    assert client.post(f"/job-plans/{jp.plan.pk}/activities/add/", form).status_code == 302
    again = sign_in(world.service_manager).post(
        f"/job-plans/{jp.plan.pk}/activities/add/", {**form, "weekday": "3"}
    )
    assert "Someone else changed this job plan while you were editing: Gemma Price" in words(again)
    assert Activity.objects.filter(job_plan=jp.plan).count() == 1


def test_the_director_signs_off_with_the_buttons(world, jp, sign_in):
    full_time_week(jp.plan)
    client = sign_in(jp.director)
    assert "Mark as discussed" in words(client.get(f"/job-plans/{jp.plan.pk}/"))
    for version, move in enumerate(("discuss", "agree", "sign"), start=1):
        answer = client.post(f"/job-plans/{jp.plan.pk}/status/", {"move": move, "version": version})
        assert answer.status_code == 302
    jp.plan.refresh_from_db()
    assert jp.plan.status == JobPlanStatus.SIGNED
    text = words(client.get(f"/job-plans/{jp.plan.pk}/"))
    assert "Signed off by Gemma Price" in text
    assert "Add an activity" not in text


def test_the_service_manager_is_not_offered_sign_off(world, jp, sign_in):
    full_time_week(jp.plan)
    jp.plan.status = JobPlanStatus.AGREED
    jp.plan.save()
    client = sign_in(world.service_manager)
    assert "Sign off" not in words(client.get(f"/job-plans/{jp.plan.pk}/"))
    refused = client.post(f"/job-plans/{jp.plan.pk}/status/", {"move": "sign", "version": 1})
    assert refused.status_code == 403


def test_the_doctor_comments_on_their_own(world, jp, sign_in):
    client = sign_in(jp.omar_user)
    answer = client.post(f"/job-plans/{jp.plan.pk}/comments/", {"text": "SPA on Friday please"})
    assert answer.status_code == 302
    assert "SPA on Friday please" in words(client.get(f"/job-plans/{jp.plan.pk}/"))
    empty = client.post(f"/job-plans/{jp.plan.pk}/comments/", {"text": ""})
    assert "Write your comment" in words(empty)


def test_on_call_is_added_on_its_page(world, jp, sign_in):
    client = sign_in(jp.director)
    answer = client.post(
        f"/job-plans/{jp.plan.pk}/on-call/",
        {
            "one_in": "5",
            "category": "A",
            "predictable_hours": "3",
            "unpredictable_hours": "1.5",
            "version": "1",
        },
    )
    assert answer.status_code == 302
    text = words(client.get(f"/job-plans/{jp.plan.pk}/"))
    assert "On call 1 in 5" in text


def test_the_policy_page(world, jp, sign_in):
    JobPlanPolicyFactory(department=world.acute)
    client = sign_in(jp.director)
    answer = client.post(
        f"/job-plans/departments/{world.acute.pk}/policy/", {"minimum_spa": "2.5", "version": "1"}
    )
    assert answer.status_code == 302
    coordinator = sign_in(world.coordinator)
    assert "2.5 PAs a week" in words(
        coordinator.get(f"/job-plans/departments/{world.acute.pk}/policy/")
    )
    refused = coordinator.post(
        f"/job-plans/departments/{world.acute.pk}/policy/", {"minimum_spa": "1", "version": "2"}
    )
    assert refused.status_code == 403


def test_a_job_plan_is_started_by_the_director(world, jp, sign_in):
    client = sign_in(jp.director)
    assert client.get("/job-plans/new/").status_code == 200
    twice = client.post(
        "/job-plans/new/",
        {
            "doctor": jp.omar.pk,
            "year_start[day]": "1",
            "year_start[month]": "4",
            "year_start[year]": "2026",
            "weeks_a_year": "42",
        },
    )
    assert "already has a job plan" in words(twice)
    assert sign_in(world.coordinator).get("/job-plans/new/").status_code == 403


def test_reads_are_audited(world, jp, sign_in):
    sign_in(world.service_manager).get(f"/job-plans/{jp.plan.pk}/")
    entry = LogEntry.objects.filter(object_pk=str(jp.omar.pk), action=LogEntry.Action.ACCESS).get()
    assert "their job plan" in entry.additional_data["detail"]


def test_the_pages_fit_a_phone(world, jp, sign_in):
    full_time_week(jp.plan)
    page = sign_in(jp.director).get(f"/job-plans/{jp.plan.pk}/").content.decode()
    assert 'name="viewport"' in page
    assert "nhsuk-table--responsive" in page
