"""Factories for the leave app."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType

from .people import DoctorFactory


class LeaveRecordFactory(DjangoModelFactory):
    class Meta:
        model = LeaveRecord

    doctor = factory.SubFactory(DoctorFactory)
    leave_type = LeaveType.ANNUAL
    start = date(2026, 8, 10)
    end = factory.LazyAttribute(lambda leave: leave.start + timedelta(days=4))
    status = LeaveStatus.APPROVED
