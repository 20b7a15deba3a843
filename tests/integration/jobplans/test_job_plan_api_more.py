"""The job plan API's on-call and department policy, with the pages' permissions: 404
outside scope, 403 for a reader who may not change, 409 for a stale version, 422 naming
the field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rotaplan.jobplans.models import JobPlanPolicy, JobPlanStatus, OnCallCommitment
from tests.factories.jobplans import JobPlanPolicyFactory, OnCallCommitmentFactory

pytestmark = pytest.mark.django_db

ON_CALL = {
    "version": 1,
    "one_in": 6,
    "category": "A",
    "predictable_hours": "1.5",
    "unpredictable_hours": "2.25",
}


def put(client, url, data):
    return client.put(url, data, content_type="application/json")


def on_call_url(jp) -> str:
    return f"/api/job-plans/{jp.plan.pk}/on-call"


def policy_url(department) -> str:
    return f"/api/departments/{department.pk}/job-plan-policy"


def test_the_director_sets_and_changes_the_on_call(world, jp, sign_in):
    client = sign_in(jp.director)
    answer = put(client, on_call_url(jp), ON_CALL)
    assert answer.status_code == 200, answer.json()
    on_call = answer.json()["breakdown"]["on_call"]
    assert (on_call["one_in"], on_call["category"]) == (6, "A")
    assert Decimal(on_call["unpredictable_hours"]) == Decimal("2.25")
    assert answer.json()["job_plan"]["version"] == 2
    assert answer.json()["history"][0]["text"].startswith("Set on-call to one in 6")
    again = put(client, on_call_url(jp), {**ON_CALL, "version": 2, "one_in": 4})
    assert again.status_code == 200
    assert again.json()["breakdown"]["on_call"]["one_in"] == 4
    assert OnCallCommitment.objects.get(job_plan=jp.plan).one_in == 4


def test_the_doctor_sets_the_on_call_of_their_own_draft(world, jp, sign_in):
    answer = put(sign_in(jp.omar_user), on_call_url(jp), ON_CALL)
    assert answer.status_code == 200
    assert answer.json()["breakdown"]["on_call"]["category"] == "A"


def test_a_stale_on_call_is_409_and_nothing_is_saved(world, jp, sign_in):
    client = sign_in(jp.director)
    assert put(client, on_call_url(jp), ON_CALL).status_code == 200
    stale = put(client, on_call_url(jp), {**ON_CALL, "one_in": 3})
    assert stale.status_code == 409
    assert "Someone else changed this job plan" in stale.json()["detail"]
    assert OnCallCommitment.objects.get(job_plan=jp.plan).one_in == 6


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"one_in": 0}, "one_in"),
        ({"predictable_hours": "49"}, "predictable_hours"),
        ({"unpredictable_hours": "1.333"}, "unpredictable_hours"),
        ({"category": "C"}, "category"),
    ],
)
def test_bad_on_call_is_422_naming_the_field(world, jp, sign_in, changes, field):
    answer = put(sign_in(jp.director), on_call_url(jp), {**ON_CALL, **changes})
    assert answer.status_code == 422, answer.json()
    assert field in [e["field"] for e in answer.json()["errors"]]
    assert not OnCallCommitment.objects.filter(job_plan=jp.plan).exists()


def test_the_on_call_of_a_signed_plan_is_422(world, jp, sign_in):
    OnCallCommitmentFactory(job_plan=jp.plan)
    jp.plan.status = JobPlanStatus.SIGNED
    jp.plan.save(update_fields=["status"])
    client = sign_in(jp.director)
    assert put(client, on_call_url(jp), ON_CALL).status_code == 422
    cleared = client.delete(f"{on_call_url(jp)}?version=1")
    assert cleared.status_code == 422
    assert cleared.json()["errors"][0]["field"] == "status"
    assert OnCallCommitment.objects.filter(job_plan=jp.plan).exists()


def test_the_director_takes_the_on_call_off(world, jp, sign_in):
    OnCallCommitmentFactory(job_plan=jp.plan)
    client = sign_in(jp.director)
    stale = client.delete(f"{on_call_url(jp)}?version=7")
    assert stale.status_code == 409
    cleared = client.delete(f"{on_call_url(jp)}?version=1")
    assert cleared.status_code == 200, cleared.json()
    assert cleared.json()["breakdown"]["on_call"] is None
    assert cleared.json()["job_plan"]["version"] == 2
    assert not OnCallCommitment.objects.filter(job_plan=jp.plan).exists()
    assert client.delete(on_call_url(jp)).status_code == 422


def test_on_call_is_refused_to_readers_and_hidden_from_others(world, jp, sign_in):
    OnCallCommitmentFactory(job_plan=jp.plan)
    reader = sign_in(world.coordinator)
    assert put(reader, on_call_url(jp), ON_CALL).status_code == 403
    assert reader.delete(f"{on_call_url(jp)}?version=1").status_code == 403
    for outsider in (jp.cardiology_director, world.ada_user, world.nobody):
        client = sign_in(outsider)
        assert put(client, on_call_url(jp), ON_CALL).status_code == 404
        assert client.delete(f"{on_call_url(jp)}?version=1").status_code == 404
    assert OnCallCommitment.objects.get(job_plan=jp.plan).one_in == 6


def test_the_policy_is_read_by_the_departments_readers(world, jp, sign_in):
    for user in (jp.director, world.coordinator, world.staffing):
        answer = sign_in(user).get(policy_url(world.acute))
        assert answer.status_code == 200
        assert Decimal(answer.json()["minimum_spa"]) == Decimal("1.5")
        assert answer.json()["version"] == 1
    for outsider in (jp.cardiology_director, jp.omar_user, world.nobody):
        assert sign_in(outsider).get(policy_url(world.acute)).status_code == 404


def test_the_director_sets_the_policy(world, jp, sign_in):
    client = sign_in(jp.director)
    made = put(client, policy_url(world.acute), {"minimum_spa": "2.5", "version": 1})
    assert made.status_code == 200, made.json()
    assert Decimal(made.json()["minimum_spa"]) == Decimal("2.5")
    changed = put(client, policy_url(world.acute), {"minimum_spa": "2", "version": 1})
    assert changed.status_code == 200
    assert changed.json()["version"] == 2
    stale = put(client, policy_url(world.acute), {"minimum_spa": "1", "version": 1})
    assert stale.status_code == 409
    assert "Someone else changed this policy" in stale.json()["detail"]
    assert JobPlanPolicy.objects.get(department=world.acute).minimum_spa == Decimal("2")


@pytest.mark.parametrize("spa", ["11", "-1", "1.333"])
def test_a_bad_policy_is_422_naming_the_field(world, jp, sign_in, spa):
    JobPlanPolicyFactory(department=world.acute)
    answer = put(sign_in(jp.director), policy_url(world.acute), {"minimum_spa": spa, "version": 1})
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["minimum_spa"]
    assert JobPlanPolicy.objects.get(department=world.acute).minimum_spa == Decimal("1.5")


def test_the_policy_is_refused_to_readers_and_hidden_from_others(world, jp, sign_in):
    body = {"minimum_spa": "3", "version": 1}
    assert put(sign_in(world.coordinator), policy_url(world.acute), body).status_code == 403
    for outsider in (jp.cardiology_director, jp.omar_user):
        assert put(sign_in(outsider), policy_url(world.acute), body).status_code == 404
    assert not JobPlanPolicy.objects.filter(department=world.acute).exists()
