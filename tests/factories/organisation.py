"""Factories for the organisation app: the trust, its sites and departments."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from rotaplan.organisation.models import Department, Site, Trust


class TrustFactory(DjangoModelFactory):
    class Meta:
        model = Trust
        django_get_or_create = ("ods_code",)

    name = "Northshire Teaching Hospitals NHS Foundation Trust"
    ods_code = "RZZ"


class SiteFactory(DjangoModelFactory):
    class Meta:
        model = Site

    trust = factory.SubFactory(TrustFactory)
    name = factory.Sequence(lambda n: f"Site {n}")
    # ODS site codes are at most 5 characters, however many sites a test session makes.
    ods_code = factory.Sequence(lambda n: f"R{n % 10000:04d}")


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    site = factory.SubFactory(SiteFactory)
    trust = factory.SelfAttribute("site.trust")
    name = factory.Sequence(lambda n: f"Department {n}")
    code = factory.Sequence(lambda n: f"department-{n}")
    treatment_function_code = "300"
