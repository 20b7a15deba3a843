"""Factories for the claims app."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from rotaplan.claims.models import Claim, ClaimKind, ClaimStatus, ExpenseCategory

from .people import DoctorFactory, UserFactory


class ExpenseClaimFactory(DjangoModelFactory):
    class Meta:
        model = Claim

    kind = ClaimKind.EXPENSE
    doctor = factory.SubFactory(DoctorFactory)
    department = factory.SelfAttribute("doctor.department")
    expense_date = date(2026, 11, 20)
    category = ExpenseCategory.TRAVEL
    amount_pence = 2450
    description = "Train to the regional teaching day"
    status = ClaimStatus.WAITING
    created_by = factory.SubFactory(UserFactory)


class ExtraDutyClaimFactory(DjangoModelFactory):
    class Meta:
        model = Claim

    kind = ClaimKind.EXTRA_DUTY
    assignment = None  # give one: the shift claimed
    doctor = factory.SelfAttribute("assignment.doctor")
    department = factory.SelfAttribute("assignment.rota.department")
    hours = Decimal("4.50")
    status = ClaimStatus.WAITING
    created_by = factory.SubFactory(UserFactory)
