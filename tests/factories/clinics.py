"""Factories for the clinics app: a template with its slots, its sessions, appointments."""

from __future__ import annotations

from datetime import date, time

import factory
from factory.django import DjangoModelFactory

from rotaplan.clinics.models import (
    Appointment,
    ClinicPolicy,
    ClinicSession,
    ClinicTemplate,
    SessionStatus,
    SlotType,
    TemplateSlot,
)
from rotaplan.engine.clock import local_datetime

from .organisation import DepartmentFactory
from .people import DoctorFactory

# Valid NHS numbers (modulus 11), for patients in tests.
NHS_NUMBERS = ["9434765919", "9434765870", "4010232137", "9999999999"]


class ClinicTemplateFactory(DjangoModelFactory):
    """A Tuesday morning clinic, every week: 3 new of 30 minutes, 7 follow-ups of 20."""

    class Meta:
        model = ClinicTemplate
        skip_postgeneration_save = True

    department = factory.SubFactory(DepartmentFactory)
    clinician = factory.SubFactory(DoctorFactory, department=factory.SelfAttribute("..department"))
    name = "Cardiology follow-up clinic"
    weekday = 1
    start = time(9)
    end = time(13)
    every_weeks = 1
    valid_from = date(2026, 8, 3)
    location = "Outpatients B"

    @factory.post_generation
    def slots(obj, create, extracted, **kwargs):
        if not create:
            return
        runs = (
            extracted
            if extracted is not None
            else [(SlotType.NEW, 30, 3), (SlotType.FOLLOW_UP, 20, 7)]
        )
        TemplateSlot.objects.bulk_create(
            TemplateSlot(template=obj, position=n, slot_type=k, minutes=m, count=c)
            for n, (k, m, c) in enumerate(runs)
        )


class ClinicSessionFactory(DjangoModelFactory):
    class Meta:
        model = ClinicSession

    template = factory.SubFactory(ClinicTemplateFactory)
    date = date(2026, 12, 15)
    start = factory.LazyAttribute(lambda s: local_datetime(s.date, s.template.start))
    end = factory.LazyAttribute(lambda s: local_datetime(s.date, s.template.end))
    clinician = factory.LazyAttribute(lambda s: s.template.clinician)
    location = factory.LazyAttribute(lambda s: s.template.location)
    status = SessionStatus.PLANNED
    slots_planned = 10
    slots_kept = 10


class AppointmentFactory(DjangoModelFactory):
    class Meta:
        model = Appointment

    session = factory.SubFactory(ClinicSessionFactory)
    slot_type = SlotType.FOLLOW_UP
    start = factory.LazyAttribute(lambda a: a.session.start)
    minutes = 20
    patient_name = factory.Faker("name", locale="en_GB")
    nhs_number = "9434765919"


class ClinicPolicyFactory(DjangoModelFactory):
    class Meta:
        model = ClinicPolicy
        django_get_or_create = ("department",)

    department = factory.SubFactory(DepartmentFactory)
    notice_weeks = 6
