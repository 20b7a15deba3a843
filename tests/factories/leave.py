"""Factories for the leave app."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from rotaplan.leave.models import (
    LeaveEntitlement,
    LeavePolicy,
    LeaveRecord,
    LeaveStatus,
    LeaveType,
    MinimumStaffing,
)

from .organisation import DepartmentFactory
from .people import DoctorFactory


class LeaveRecordFactory(DjangoModelFactory):
    class Meta:
        model = LeaveRecord

    doctor = factory.SubFactory(DoctorFactory)
    leave_type = LeaveType.ANNUAL
    start = date(2026, 8, 10)
    end = factory.LazyAttribute(lambda leave: leave.start + timedelta(days=4))
    status = LeaveStatus.APPROVED


class LeavePolicyFactory(DjangoModelFactory):
    class Meta:
        model = LeavePolicy
        django_get_or_create = ("department",)

    department = factory.SubFactory(DepartmentFactory)
    notice_weeks = 6


class MinimumStaffingFactory(DjangoModelFactory):
    class Meta:
        model = MinimumStaffing

    department = factory.SubFactory(DepartmentFactory)
    grades = factory.LazyFunction(lambda: ["ST3", "ST4", "ST5", "ST6", "ST7", "ST8"])
    at_least = 1


class LeaveEntitlementFactory(DjangoModelFactory):
    class Meta:
        model = LeaveEntitlement

    doctor = factory.SubFactory(DoctorFactory)
    year_start = date(2026, 4, 1)
    carried_over = Decimal(0)
    adjustment = Decimal(0)
