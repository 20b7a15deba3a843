"""Claims over the API: a doctor makes and reads their own; the department's coordinator
reads and decides; 404 to anyone else; 422 naming the field; 409 to the second decider."""

from __future__ import annotations

import pytest

from rotaplan.claims.models import Claim, ClaimStatus
from tests.factories.claims import ExpenseClaimFactory, ExtraDutyClaimFactory

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_a_doctor_claims_extra_duty_and_an_expense(world, sign_in, worked):
    client = sign_in(world.ada_user)
    duty = post(client, "/api/claims/extra-duty", {"assignment_id": worked.pk, "hours": "4.5"})
    assert duty.status_code == 201, duty.json()
    assert duty.json()["status"] == "waiting"
    assert duty.json()["shift_date"] == "2026-11-30"
    expense = post(
        client,
        "/api/claims/expenses",
        {"date": "2026-11-20", "category": "travel", "amount_pence": 2450, "description": "Train"},
    )
    assert expense.status_code == 201, expense.json()
    assert [c["kind"] for c in client.get("/api/claims").json()] == ["expense", "extra_duty"]


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/api/claims/extra-duty", {"assignment_id": 999999, "hours": "2"}, "assignment_id"),
        ("/api/claims/extra-duty", {"assignment_id": 1, "hours": "0"}, "hours"),
        ("/api/claims/extra-duty", {"assignment_id": 1, "hours": "25"}, "hours"),
        (
            "/api/claims/expenses",
            {"date": "2026-12-25", "category": "travel", "amount_pence": 5, "description": "x"},
            "date",
        ),
        (
            "/api/claims/expenses",
            {"date": "26-11-20", "category": "travel", "amount_pence": 5, "description": "x"},
            "date",
        ),
        (
            "/api/claims/expenses",
            {"date": "2026-11-20", "category": "party", "amount_pence": 5, "description": "x"},
            "category",
        ),
        (
            "/api/claims/expenses",
            {"date": "2026-11-20", "category": "travel", "amount_pence": -5, "description": "x"},
            "amount_pence",
        ),
    ],
)
def test_bad_input_is_422_naming_the_field(world, sign_in, url, data, field):
    answer = post(sign_in(world.ada_user), url, data)
    assert answer.status_code == 422, answer.json()
    assert field in [e["field"] for e in answer.json()["errors"]]
    assert not Claim.objects.exists()


def test_a_claim_for_another_doctors_shift_or_claimed_twice_is_422(world, sign_in, worked):
    assert (
        post(
            sign_in(world.ada_user),
            "/api/claims/extra-duty",
            {"assignment_id": worked.pk, "hours": "2"},
        ).status_code
        == 201
    )
    again = post(
        sign_in(world.ada_user),
        "/api/claims/extra-duty",
        {"assignment_id": worked.pk, "hours": "2"},
    )
    assert again.status_code == 422
    assert again.json()["errors"][0]["field"] == "assignment_id"
    from tests.factories.people import UserFactory

    bea = UserFactory(doctor=world.bea)
    theirs = post(
        sign_in(bea), "/api/claims/extra-duty", {"assignment_id": worked.pk, "hours": "2"}
    )
    assert theirs.status_code == 422
    assert "claimed" not in theirs.content.decode()  # nothing said of Ada's claim


def test_the_coordinator_decides_and_the_second_decider_is_409(world, sign_in, worked):
    claim = ExtraDutyClaimFactory(assignment=worked)
    listed = sign_in(world.coordinator).get("/api/claims?status=waiting").json()
    assert [c["id"] for c in listed] == [claim.pk]
    first = post(
        sign_in(world.coordinator), f"/api/claims/{claim.pk}/decision", {"decision": "approve"}
    )
    assert first.status_code == 200
    assert first.json()["status"] == "approved"
    second = post(
        sign_in(world.staffing),
        f"/api/claims/{claim.pk}/decision",
        {"decision": "reject", "reason": "x"},
    )
    assert second.status_code == 409
    assert "already approved" in second.json()["detail"]


def test_a_rejection_without_a_reason_is_422(world, sign_in):
    claim = ExpenseClaimFactory(doctor=world.ada)
    answer = post(
        sign_in(world.coordinator), f"/api/claims/{claim.pk}/decision", {"decision": "reject"}
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "reason"
    bad = post(
        sign_in(world.coordinator), f"/api/claims/{claim.pk}/decision", {"decision": "maybe"}
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "decision"
    assert Claim.objects.get().status == ClaimStatus.WAITING


def test_a_doctor_may_not_decide_their_own_claim(world, sign_in):
    claim = ExpenseClaimFactory(doctor=world.ada)
    answer = post(
        sign_in(world.ada_user), f"/api/claims/{claim.pk}/decision", {"decision": "approve"}
    )
    assert answer.status_code == 403


@pytest.mark.parametrize(
    "who", ["cardiology_coordinator", "nobody", "service_manager", "other_doctor"]
)
def test_the_wrong_user_is_refused_on_every_endpoint(world, sign_in, worked, who):
    claim = ExpenseClaimFactory(doctor=world.ada)
    if who == "other_doctor":
        from tests.factories.people import UserFactory

        user = UserFactory(doctor=world.bea)
    else:
        user = getattr(world, who)
    client = sign_in(user)
    assert client.get(f"/api/claims/{claim.pk}").status_code == 404
    assert (
        post(client, f"/api/claims/{claim.pk}/decision", {"decision": "approve"}).status_code == 404
    )
    assert client.get("/api/claims").json() == []
    if who != "other_doctor":
        assert (
            post(
                client, "/api/claims/extra-duty", {"assignment_id": worked.pk, "hours": "2"}
            ).status_code
            == 404
        )
        assert (
            post(
                client,
                "/api/claims/expenses",
                {"date": "2026-11-20", "category": "travel", "amount_pence": 5, "description": "x"},
            ).status_code
            == 404
        )
    assert Claim.objects.get().status == ClaimStatus.WAITING
