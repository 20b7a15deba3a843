"""Factories for doctor self-service: shift swaps and calendar feeds."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from rotaplan.selfservice.models import CalendarFeed, ShiftSwap, SwapStatus
from rotaplan.selfservice.services import token_hash

from .people import DoctorFactory, UserFactory
from .rotas import AssignmentFactory


class ShiftSwapFactory(DjangoModelFactory):
    """A swap of two shifts on one rota, as asked for (its rules not checked: use
    ``swap_request`` for that). Pass ``assignment`` and ``colleague_assignment``."""

    class Meta:
        model = ShiftSwap

    assignment = factory.SubFactory(AssignmentFactory)
    rota = factory.SelfAttribute("assignment.rota")
    requester = factory.SelfAttribute("assignment.doctor")
    shift_type = factory.SelfAttribute("assignment.shift_type")
    date = factory.SelfAttribute("assignment.date")
    start = factory.SelfAttribute("assignment.start")
    end = factory.SelfAttribute("assignment.end")
    colleague_assignment = None
    colleague = factory.LazyAttribute(
        lambda s: (
            s.colleague_assignment.doctor
            if s.colleague_assignment
            else DoctorFactory(department=s.rota.department)
        )
    )
    colleague_shift_type = factory.LazyAttribute(
        lambda s: s.colleague_assignment.shift_type if s.colleague_assignment else None
    )
    colleague_date = factory.LazyAttribute(
        lambda s: s.colleague_assignment.date if s.colleague_assignment else None
    )
    colleague_start = factory.LazyAttribute(
        lambda s: s.colleague_assignment.start if s.colleague_assignment else None
    )
    colleague_end = factory.LazyAttribute(
        lambda s: s.colleague_assignment.end if s.colleague_assignment else None
    )
    status = SwapStatus.WAITING
    requested_by = factory.SubFactory(UserFactory)


class CalendarFeedFactory(DjangoModelFactory):
    """A live feed; its token is ``token`` (not stored: only its hash is)."""

    class Meta:
        model = CalendarFeed
        exclude = ("token",)

    doctor = factory.SubFactory(DoctorFactory)
    token = factory.Sequence(lambda n: f"test-token-{n:04d}-" + "x" * 32)
    token_hash = factory.LazyAttribute(lambda f: token_hash(f.token))
    created_by = factory.SubFactory(UserFactory)
