"""Shift swaps and a doctor's own rota over the API, with the pages' permissions: another
doctor or another department is told nothing (404), a swap breaking a rule is refused with
the breach in words (422), a second answer or decision is told what happened first (409),
and bad input is named by its field (422)."""

from __future__ import annotations

from datetime import date

import pytest

from rotaplan.selfservice.models import ShiftSwap, SwapStatus
from tests.factories.people import DoctorFactory, UserFactory
from tests.factories.rotas import AssignmentFactory

pytestmark = pytest.mark.django_db


def post(client, url: str, body: dict[str, object]):
    return client.post(url, body, content_type="application/json")


def ask(client, registrars, **extra):
    return post(
        client,
        "/api/swaps",
        {
            "assignment_id": registrars.adas_night.pk,
            "colleague_id": registrars.dan.pk,
            "colleague_assignment_id": registrars.dans_long_day.pk,
            "note": "Family wedding",
            **extra,
        },
    )


def test_a_swap_asked_answered_and_decided_over_the_api(world, registrars, sign_in):
    asked = ask(sign_in(world.ada_user), registrars)
    assert asked.status_code == 201, asked.json()
    swap = asked.json()
    assert (swap["status"], swap["shift_code"], swap["colleague_shift_code"]) == (
        "waiting",
        "N",
        "LD",
    )
    answered = post(
        sign_in(registrars.dan_user), f"/api/swaps/{swap['id']}/answer", {"accept": True}
    )
    assert answered.status_code == 200
    assert answered.json()["status"] == "accepted"
    coordinator = sign_in(world.coordinator)
    assert [s["id"] for s in coordinator.get("/api/swaps").json()] == [swap["id"]]
    decided = post(coordinator, f"/api/swaps/{swap['id']}/decision", {"approve": True})
    assert decided.status_code == 200
    assert decided.json()["status"] == "approved"
    rota = sign_in(world.ada_user).get("/api/me/rota").json()
    assert [(s["code"], s["date"], s["words"]) for s in rota] == [
        ("LD", "2026-09-10", "LD Long day 08:30 to 21:00")
    ]


def test_another_doctor_or_department_is_told_nothing(world, registrars, sign_in):
    swap_id = ask(sign_in(world.ada_user), registrars).json()["id"]
    other = UserFactory(doctor=DoctorFactory(department=world.acute))
    client = sign_in(other)
    assert client.get(f"/api/swaps/{swap_id}").status_code == 404
    assert client.get("/api/swaps").json() == []
    assert post(client, f"/api/swaps/{swap_id}/answer", {"accept": True}).status_code == 404
    cardiology = sign_in(world.cardiology_coordinator)
    assert cardiology.get(f"/api/swaps/{swap_id}").status_code == 404
    assert post(cardiology, f"/api/swaps/{swap_id}/decision", {"approve": True}).status_code == 404
    # The asker neither answers her own swap nor decides it.
    ada = sign_in(world.ada_user)
    assert post(ada, f"/api/swaps/{swap_id}/answer", {"accept": True}).status_code == 404
    assert post(ada, f"/api/swaps/{swap_id}/decision", {"approve": True}).status_code == 404
    assert sign_in(world.nobody).get("/api/me/rota").status_code == 404


def test_a_doctor_cannot_offer_another_doctors_shift(world, registrars, sign_in):
    answer = post(
        sign_in(registrars.dan_user),
        "/api/swaps",
        {"assignment_id": registrars.adas_night.pk, "colleague_id": world.ada.pk},
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "assignment_id"


def test_a_swap_breaking_a_rule_is_refused_with_the_breach_in_words(world, registrars, sign_in):
    for day in (3, 4, 5, 6):
        AssignmentFactory(
            rota=world.rota,
            doctor=registrars.dan,
            shift_type=registrars.night,
            date=date(2026, 9, day),
        )
    answer = ask(sign_in(world.ada_user), registrars, colleague_assignment_id=None)
    assert answer.status_code == 422
    assert answer.json()["detail"] == "The swap breaks the rules"
    assert any(
        "Consecutive nights, for Dr Dan Reid" in e["message"] for e in answer.json()["errors"]
    )
    assert ShiftSwap.objects.count() == 0


def test_a_second_answer_or_decision_is_told_what_happened_first(world, registrars, sign_in):
    swap_id = ask(sign_in(world.ada_user), registrars).json()["id"]
    dan = sign_in(registrars.dan_user)
    assert post(dan, f"/api/swaps/{swap_id}/answer", {"accept": True}).status_code == 200
    second = post(dan, f"/api/swaps/{swap_id}/answer", {"accept": False})
    assert second.status_code == 409
    assert second.json()["detail"] == "This swap was already accepted by Dr Dan Reid."
    coordinator = sign_in(world.coordinator)
    assert post(coordinator, f"/api/swaps/{swap_id}/decision", {"approve": True}).status_code == 200
    late = post(sign_in(world.staffing), f"/api/swaps/{swap_id}/decision", {"approve": True})
    assert late.status_code == 409
    assert late.json()["detail"].startswith("This swap was already approved by")
    assert ShiftSwap.objects.get().status == SwapStatus.APPROVED


def test_bad_input_is_named_by_its_field(world, registrars, sign_in):
    ada = sign_in(world.ada_user)
    wrong = post(ada, "/api/swaps", {"assignment_id": "one", "colleague_id": registrars.dan.pk})
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.json()["errors"]] == ["assignment_id"]
    not_theirs = ask(ada, registrars, colleague_assignment_id=registrars.adas_night.pk)
    assert not_theirs.status_code == 422
    assert not_theirs.json()["errors"][0]["field"] == "colleague_assignment_id"
    stranger = ask(ada, registrars, colleague_id=world.carys.pk)
    assert stranger.json()["errors"][0]["field"] == "colleague_id"
    swap_id = ask(ada, registrars).json()["id"]
    missing = post(sign_in(registrars.dan_user), f"/api/swaps/{swap_id}/answer", {})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "accept"
    post(sign_in(registrars.dan_user), f"/api/swaps/{swap_id}/answer", {"accept": True})
    no_reason = post(
        sign_in(world.coordinator), f"/api/swaps/{swap_id}/decision", {"approve": False}
    )
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "reason"
    far = sign_in(world.ada_user).get("/api/me/rota", {"start": "0026-09-01"})
    assert far.status_code == 422
    assert far.json()["errors"][0]["field"] == "start"
    backwards = sign_in(world.ada_user).get(
        "/api/me/rota", {"start": "2026-09-10", "end": "2026-09-01"}
    )
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["field"] == "end"


def test_my_rota_lists_only_my_published_shifts(world, registrars, sign_in):
    shifts = sign_in(registrars.dan_user).get("/api/me/rota").json()
    assert [s["assignment_id"] for s in shifts] == [registrars.dans_long_day.pk]
