"""Doctors' claims: extra duty for a shift they worked (and only such a shift, once), and
expenses; approved or rejected by the department's coordinator, the doctor told; two
deciders at once, one wins; no doctor sees another's claims."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rotaplan.claims.models import Claim, ClaimStatus
from rotaplan.claims.services import AlreadyDecided, claim_decide, expense_claim, extra_duty_claim
from rotaplan.notifications.models import Notification, Topic
from rotaplan.rotas.models import RotaStatus
from tests.factories.claims import ExpenseClaimFactory, ExtraDutyClaimFactory
from tests.factories.people import RoleAssignmentFactory
from tests.factories.rotas import AssignmentFactory, RotaFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_a_doctor_claims_extra_duty_for_a_shift_they_worked(world, worked):
    claim = extra_duty_claim(
        actor=world.ada_user, doctor=world.ada, assignment=worked, hours=Decimal("2.5")
    )
    assert claim.status == ClaimStatus.WAITING
    assert claim.department == world.acute


def test_a_shift_is_claimed_once(world, worked):
    extra_duty_claim(actor=world.ada_user, doctor=world.ada, assignment=worked, hours=Decimal(3))
    with pytest.raises(ValidationError) as refused:
        extra_duty_claim(
            actor=world.ada_user, doctor=world.ada, assignment=worked, hours=Decimal(3)
        )
    assert "You claimed this shift already" in refused.value.message_dict["assignment"][0]


def test_a_rejected_claim_may_be_made_again(world, worked):
    first = extra_duty_claim(
        actor=world.ada_user, doctor=world.ada, assignment=worked, hours=Decimal(3)
    )
    claim_decide(actor=world.coordinator, claim=first, approve=False, reason="Wrong hours")
    again = extra_duty_claim(
        actor=world.ada_user, doctor=world.ada, assignment=worked, hours=Decimal(2)
    )
    assert again.status == ClaimStatus.WAITING


def test_a_claim_for_a_shift_the_doctor_did_not_work_is_refused(world, long_day):
    someone_elses = AssignmentFactory(
        rota=world.rota, doctor=world.bea, shift_type=long_day, date=date(2026, 11, 30)
    )
    to_come = AssignmentFactory(
        rota=world.rota, doctor=world.ada, shift_type=long_day, date=date(2026, 12, 20)
    )
    draft = RotaFactory(department=world.acute, status=RotaStatus.DRAFT)
    drafted = AssignmentFactory(
        rota=draft, doctor=world.ada, shift_type=long_day, date=date(2026, 8, 10)
    )
    for shift in (someone_elses, to_come, drafted):
        with pytest.raises(ValidationError) as refused:
            extra_duty_claim(
                actor=world.ada_user, doctor=world.ada, assignment=shift, hours=Decimal(2)
            )
        assert "assignment" in refused.value.message_dict
    assert not Claim.objects.exists()


def test_a_doctor_claims_only_for_themself(world, worked):
    with pytest.raises(PermissionDenied):
        extra_duty_claim(
            actor=world.coordinator, doctor=world.ada, assignment=worked, hours=Decimal(2)
        )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"amount_pence": 0}, "amount_pence"),
        ({"amount_pence": 1_000_001}, "amount_pence"),
        ({"expense_date": date(2026, 12, 25)}, "expense_date"),
        ({"description": " "}, "description"),
        ({"category": "holiday"}, "category"),
    ],
)
def test_a_bad_expense_is_refused_by_field(world, fields, field):
    data = {
        "expense_date": date(2026, 11, 20),
        "category": "travel",
        "amount_pence": 2450,
        "description": "Train to teaching",
    }
    data.update(fields)
    with pytest.raises(ValidationError) as refused:
        expense_claim(actor=world.ada_user, doctor=world.ada, **data)
    assert field in refused.value.message_dict


def test_the_coordinator_approves_and_the_doctor_is_told(world, worked):
    claim = ExtraDutyClaimFactory(assignment=worked)
    claim_decide(actor=world.coordinator, claim=claim, approve=True)
    assert Claim.objects.get().status == ClaimStatus.APPROVED
    note = Notification.objects.get(recipient=world.ada_user)
    assert note.topic == Topic.CLAIM
    assert "approved" in note.subject
    assert note.link == f"/claims/{claim.pk}/"


def test_a_rejection_says_why(world):
    claim = ExpenseClaimFactory(doctor=world.ada)
    with pytest.raises(ValidationError):
        claim_decide(actor=world.coordinator, claim=claim, approve=False)
    claim_decide(actor=world.coordinator, claim=claim, approve=False, reason="No receipt")
    assert "No receipt" in Notification.objects.get().body


def test_the_second_of_two_deciders_is_told_who_decided(world):
    claim = ExpenseClaimFactory(doctor=world.ada)
    seen_by_second = Claim.objects.get(pk=claim.pk)
    claim_decide(actor=world.coordinator, claim=claim, approve=True)
    with pytest.raises(AlreadyDecided) as late:
        claim_decide(actor=world.staffing, claim=seen_by_second, approve=False, reason="No")
    assert "already approved by" in late.value.message
    assert Claim.objects.get().status == ClaimStatus.APPROVED


def test_no_one_decides_their_own_claim_nor_another_departments(world):
    own = ExpenseClaimFactory(doctor=world.ada)
    RoleAssignmentFactory(user=world.ada_user, role="rota_coordinator", department=world.acute)
    with pytest.raises(PermissionDenied):
        claim_decide(actor=world.ada_user, claim=own, approve=True)
    with pytest.raises(PermissionDenied):
        claim_decide(actor=world.cardiology_coordinator, claim=own, approve=True)


def test_the_doctor_sees_your_claims_on_their_home_and_claims_page(world, sign_in, worked):
    ExtraDutyClaimFactory(assignment=worked)
    client = sign_in(world.ada_user)
    assert "Your claims" in page_text(client.get("/"))
    mine = page_text(client.get("/claims/"))
    assert "Extra duty: Long day" in mine
    assert "Mon 30 Nov 2026" in mine
    assert "Waiting for approval" in mine


def test_a_doctor_claims_extra_duty_on_the_page(world, sign_in, worked):
    client = sign_in(world.ada_user)
    form = client.get("/claims/extra-duty/new/")
    assert "Mon 30 Nov 2026: Long day" in page_text(form)
    bad = client.post(
        "/claims/extra-duty/new/", {"assignment": worked.pk, "hours": "abc", "note": "kept"}
    )
    assert "Enter the hours as a number" in page_text(bad)
    assert 'value="kept"' in bad.content.decode()
    good = client.post("/claims/extra-duty/new/", {"assignment": worked.pk, "hours": "4.5"})
    assert good.status_code == 302
    assert Claim.objects.get().hours == Decimal("4.5")


def test_a_doctor_claims_an_expense_on_the_page(world, sign_in):
    client = sign_in(world.ada_user)
    data = {
        "expense_date[day]": "20",
        "expense_date[month]": "11",
        "expense_date[year]": "2026",
        "category": "travel",
        "amount": "£24.50",
        "description": "Train",
    }
    assert client.post("/claims/expenses/new/", data).status_code == 302
    assert Claim.objects.get().amount_pence == 2450
    bad = client.post(
        "/claims/expenses/new/", {**data, "amount": "12.345", "expense_date[year]": "26"}
    )
    text = page_text(bad)
    assert "Enter the amount in pounds and pence" in text
    assert "Enter the year with 4 numbers" in text


def test_the_coordinator_decides_on_the_page(world, sign_in, worked):
    claim = ExtraDutyClaimFactory(assignment=worked)
    client = sign_in(world.coordinator)
    home = page_text(client.get("/"))
    assert "Claims to approve" in home
    assert "Claim to approve" in home
    assert "Dr Ada Patel" in page_text(client.get("/claims/to-decide/"))
    no_reason = client.post(
        f"/claims/{claim.pk}/", {"decision": "reject", "reason": "", "version": claim.version}
    )
    assert "Say why the claim is rejected" in page_text(no_reason)
    done = client.post(f"/claims/{claim.pk}/", {"decision": "approve", "version": claim.version})
    assert done.status_code == 302
    late = client.post(
        f"/claims/{claim.pk}/", {"decision": "reject", "reason": "x", "version": claim.version}
    )
    assert late.status_code == 403 or late.status_code == 302
    assert Claim.objects.get().status == ClaimStatus.APPROVED


@pytest.mark.parametrize("who", ["cardiology_coordinator", "nobody", "service_manager"])
def test_the_wrong_user_is_told_nothing_of_a_claim(world, sign_in, who):
    claim = ExpenseClaimFactory(doctor=world.ada)
    client = sign_in(getattr(world, who))
    assert client.get(f"/claims/{claim.pk}/").status_code == 404
    assert client.post(f"/claims/{claim.pk}/", {"decision": "approve"}).status_code == 404
    assert client.get("/claims/").status_code == 404
    assert client.get("/claims/extra-duty/new/").status_code == 404


def test_a_doctor_never_sees_another_doctors_claim(world, sign_in):
    claim = ExpenseClaimFactory(doctor=world.bea)
    client = sign_in(world.ada_user)
    assert client.get(f"/claims/{claim.pk}/").status_code == 404
    assert client.get("/claims/to-decide/").status_code == 404
    assert "Dr Bea" not in page_text(client.get("/claims/"))
