"""Job plans over the API: the pages' permissions; 404 outside scope; 409 for a stale
version; 422 naming the field."""

from __future__ import annotations

import pytest

from rotaplan.jobplans.models import Activity
from tests.factories.jobplans import ActivityFactory, full_time_week

pytestmark = pytest.mark.django_db

CLINIC = {
    "version": 1,
    "category": "dcc",
    "kind": "clinic",
    "description": "Clinic A",
    "weekday": 0,
    "session": "morning",
}


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_doctor_lists_and_reads_their_own(world, jp, sign_in):
    full_time_week(jp.plan)
    client = sign_in(jp.omar_user)
    listed = client.get("/api/job-plans")
    assert listed.status_code == 200
    assert [(p["doctor"], p["total_pas"]) for p in listed.json()] == [("Dr Omar Khan", "10")]
    one = client.get(f"/api/job-plans/{jp.plan.pk}")
    assert one.status_code == 200
    body = one.json()
    assert body["breakdown"]["by_category"]["spa"] == "2"
    assert len(body["breakdown"]["activities"]) == 10
    assert "Premium time" in body["breakdown"]["premium_time"]


def test_the_department_list_is_scoped(world, jp, sign_in):
    for user, expected in (
        (jp.director, ["Dr Omar Khan"]),
        (world.coordinator, ["Dr Omar Khan"]),
        (jp.cardiology_director, ["Dr Nia Rees"]),
        (world.nobody, []),
    ):
        listed = sign_in(user).get("/api/job-plans")
        assert [p["doctor"] for p in listed.json()] == expected
    assert len(sign_in(world.staffing).get("/api/job-plans").json()) == 2


def test_outside_scope_is_404(world, jp, sign_in):
    client = sign_in(jp.cardiology_director)
    assert client.get(f"/api/job-plans/{jp.plan.pk}").status_code == 404
    assert post(client, f"/api/job-plans/{jp.plan.pk}/activities", CLINIC).status_code == 404
    assert (
        post(client, f"/api/job-plans/{jp.plan.pk}/status", {"move": "discuss"}).status_code == 404
    )
    assert post(client, f"/api/job-plans/{jp.plan.pk}/comments", {"text": "Hi"}).status_code == 404


def test_a_job_plan_is_started_and_given_activities(world, jp, sign_in):
    client = sign_in(jp.director)
    jp.plan.delete()
    made = post(client, "/api/job-plans", {"doctor_id": jp.omar.pk, "year_start": "2026-04-01"})
    assert made.status_code == 201, made.json()
    plan_id = made.json()["job_plan"]["id"]
    added = post(client, f"/api/job-plans/{plan_id}/activities", CLINIC)
    assert added.status_code == 201, added.json()
    assert added.json()["breakdown"]["total_pas"] == "1"
    activity_id = added.json()["breakdown"]["activities"][0]["id"]
    changed = client.put(
        f"/api/job-plans/{plan_id}/activities/{activity_id}",
        {**CLINIC, "version": 2, "session": "", "start": "09:00", "end": "11:00"},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["breakdown"]["total_pas"] == "0.5"
    removed = post(
        client, f"/api/job-plans/{plan_id}/activities/{activity_id}/remove", {"version": 3}
    )
    assert removed.status_code == 200
    assert removed.json()["breakdown"]["activities"] == []


def test_starting_for_a_doctor_outside_scope_is_404_and_twice_is_422(world, jp, sign_in):
    client = sign_in(jp.cardiology_director)
    refused = post(client, "/api/job-plans", {"doctor_id": jp.omar.pk, "year_start": "2027-04-01"})
    assert refused.status_code == 404
    twice = post(
        sign_in(jp.director),
        "/api/job-plans",
        {"doctor_id": jp.omar.pk, "year_start": "2026-04-01"},
    )
    assert twice.status_code == 422
    assert [e["field"] for e in twice.json()["errors"]] == ["year_start"]


def test_a_stale_version_is_409_and_nothing_is_saved(world, jp, sign_in):
    client = sign_in(jp.director)
    assert post(client, f"/api/job-plans/{jp.plan.pk}/activities", CLINIC).status_code == 201
    again = post(client, f"/api/job-plans/{jp.plan.pk}/activities", {**CLINIC, "weekday": 2})
    assert again.status_code == 409
    assert "Someone else changed this job plan" in again.json()["detail"]
    assert Activity.objects.filter(job_plan=jp.plan).count() == 1
    activity = Activity.objects.get(job_plan=jp.plan)
    stale_put = client.put(
        f"/api/job-plans/{jp.plan.pk}/activities/{activity.pk}",
        CLINIC,
        content_type="application/json",
    )
    assert stale_put.status_code == 409
    stale_remove = post(
        client, f"/api/job-plans/{jp.plan.pk}/activities/{activity.pk}/remove", {"version": 1}
    )
    assert stale_remove.status_code == 409
    stale_move = post(
        client, f"/api/job-plans/{jp.plan.pk}/status", {"move": "discuss", "version": 1}
    )
    assert stale_move.status_code == 409


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"session": "", "start": "14:00", "end": "13:00"}, "end"),
        ({"weeks": "one_in"}, "weeks_value"),
        ({"weekday": 9}, "weekday"),
        ({"category": "fun"}, "category"),
        ({"start": "25:00"}, "start"),
    ],
)
def test_bad_activities_are_422_naming_the_field(world, jp, sign_in, changes, field):
    answer = post(
        sign_in(jp.director), f"/api/job-plans/{jp.plan.pk}/activities", {**CLINIC, **changes}
    )
    assert answer.status_code == 422, answer.json()
    assert field in [e["field"] for e in answer.json()["errors"]]
    assert not Activity.objects.filter(job_plan=jp.plan).exists()


def test_an_overlap_is_422_naming_both(world, jp, sign_in):
    ActivityFactory(job_plan=jp.plan, description="Ward round", start="10:00", end="11:00")
    answer = post(sign_in(jp.director), f"/api/job-plans/{jp.plan.pk}/activities", CLINIC)
    assert answer.status_code == 422
    assert "Clinic A overlaps Ward round on Monday" in answer.json()["errors"][0]["message"]


def test_an_activity_of_another_plan_is_404(world, jp, sign_in):
    other = ActivityFactory(job_plan=jp.cardiology_plan)
    client = sign_in(jp.director)
    put = client.put(
        f"/api/job-plans/{jp.plan.pk}/activities/{other.pk}",
        CLINIC,
        content_type="application/json",
    )
    assert put.status_code == 404
    removed = post(
        client, f"/api/job-plans/{jp.plan.pk}/activities/{other.pk}/remove", {"version": 1}
    )
    assert removed.status_code == 404


def test_the_coordinator_reads_but_is_refused_changes(world, jp, sign_in):
    activity = ActivityFactory(job_plan=jp.plan)
    client = sign_in(world.coordinator)
    assert client.get(f"/api/job-plans/{jp.plan.pk}").status_code == 200
    assert post(client, f"/api/job-plans/{jp.plan.pk}/activities", CLINIC).status_code == 403
    put = client.put(
        f"/api/job-plans/{jp.plan.pk}/activities/{activity.pk}",
        CLINIC,
        content_type="application/json",
    )
    assert put.status_code == 403
    remove = post(
        client, f"/api/job-plans/{jp.plan.pk}/activities/{activity.pk}/remove", {"version": 1}
    )
    assert remove.status_code == 403
    assert (
        post(client, f"/api/job-plans/{jp.plan.pk}/status", {"move": "discuss"}).status_code == 403
    )
    assert post(client, f"/api/job-plans/{jp.plan.pk}/comments", {"text": "Hi"}).status_code == 403


def test_the_sign_off_over_the_api(world, jp, sign_in):
    client = sign_in(jp.director)
    post(client, f"/api/job-plans/{jp.plan.pk}/status", {"move": "discuss"})
    empty = post(client, f"/api/job-plans/{jp.plan.pk}/status", {"move": "agree"})
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["field"] == "activities"
    full_time_week(jp.plan)
    assert post(client, f"/api/job-plans/{jp.plan.pk}/status", {"move": "agree"}).status_code == 200
    signed = post(client, f"/api/job-plans/{jp.plan.pk}/status", {"move": "sign"})
    assert signed.status_code == 200
    assert signed.json()["job_plan"]["status"] == "signed"
    assert signed.json()["job_plan"]["signed_by"] == "Gemma Price"
    edit = post(
        client, f"/api/job-plans/{jp.plan.pk}/activities", {**CLINIC, "version": 4, "weekday": 5}
    )
    assert edit.status_code == 422
    activity = Activity.objects.filter(job_plan=jp.plan).first()
    put = client.put(
        f"/api/job-plans/{jp.plan.pk}/activities/{activity.pk}",
        {**CLINIC, "version": 4},
        content_type="application/json",
    )
    assert put.status_code == 422
    remove = post(
        client, f"/api/job-plans/{jp.plan.pk}/activities/{activity.pk}/remove", {"version": 4}
    )
    assert remove.status_code == 422


def test_comments_over_the_api(world, jp, sign_in):
    client = sign_in(jp.omar_user)
    made = post(client, f"/api/job-plans/{jp.plan.pk}/comments", {"text": "Can we talk?"})
    assert made.status_code == 201
    assert made.json()["event"]["by"] == "Omar Khan"
    assert post(client, f"/api/job-plans/{jp.plan.pk}/comments", {"text": "   "}).status_code == 422
