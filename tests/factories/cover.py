"""Factories for the cover app: gaps in published rotas and the offers that fill them."""

from __future__ import annotations

from datetime import date

import factory
from factory.django import DjangoModelFactory

from rotaplan.cover.models import CoverOffer, Gap, GapCause, GapStatus, OfferStatus
from rotaplan.engine.clock import shift_bounds

from .people import DoctorFactory, UserFactory
from .rotas import RotaFactory, ShiftTypeFactory


class GapFactory(DjangoModelFactory):
    class Meta:
        model = Gap

    rota = factory.SubFactory(RotaFactory)
    department = factory.SelfAttribute("rota.department")
    shift_type = factory.SubFactory(
        ShiftTypeFactory, department=factory.SelfAttribute("..department")
    )
    date = date(2026, 8, 12)
    start = factory.LazyAttribute(
        lambda g: shift_bounds(g.date, g.shift_type.start, g.shift_type.end)[0]
    )
    end = factory.LazyAttribute(
        lambda g: shift_bounds(g.date, g.shift_type.start, g.shift_type.end)[1]
    )
    cause = GapCause.SICKNESS
    reason = "A colleague off sick"
    status = GapStatus.OPEN


class CoverOfferFactory(DjangoModelFactory):
    class Meta:
        model = CoverOffer

    gap = factory.SubFactory(GapFactory)
    doctor = factory.SubFactory(DoctorFactory, department=factory.SelfAttribute("..gap.department"))
    status = OfferStatus.WAITING
    offered_by = factory.SubFactory(UserFactory)
