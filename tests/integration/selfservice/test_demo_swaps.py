"""The demo trust's shift swaps: one waiting for the demo doctor's answer, one the demo
doctor asked for waiting for the coordinator's approval; both keep every rule, so each
can be taken to its end on screen."""

from __future__ import annotations

import pytest

from rotaplan.demo.command import build_demo
from rotaplan.people.models import User
from rotaplan.rotas.models import RotaChange
from rotaplan.selfservice.models import ShiftSwap, SwapStatus
from rotaplan.selfservice.services import swap_answer, swap_decide


@pytest.mark.django_db
def test_the_demo_doctor_has_a_swap_to_answer_and_one_waiting_for_approval(today):
    build_demo(seed=1, doctors=120)
    doctor_user = User.objects.get(username="doctor")
    coordinator = User.objects.get(username="coordinator")
    to_answer = ShiftSwap.objects.get(colleague=doctor_user.doctor)
    asked = ShiftSwap.objects.get(requester=doctor_user.doctor)
    assert to_answer.status == SwapStatus.WAITING
    assert asked.status == SwapStatus.ACCEPTED
    versions = RotaChange.objects.count()

    swap_answer(actor=doctor_user, swap=to_answer, accept=True)
    swap_decide(actor=coordinator, swap=asked, approve=True)
    assert RotaChange.objects.count() == versions + 1
