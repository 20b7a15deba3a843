"""Trusts, their hospital sites, and the departments (specialties) that hold rotas."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

ods_code = RegexValidator(
    r"^[A-Z0-9]{3,5}$", "An ODS code is 3 to 5 capital letters or digits, such as RXN or RXN02."
)
treatment_function_code = RegexValidator(
    r"^\d{3}$", "A treatment function code is 3 digits, such as 300 for general internal medicine."
)


class Trust(models.Model):
    name = models.CharField(max_length=200)
    ods_code = models.CharField("ODS code", max_length=5, unique=True, validators=[ods_code])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    trust = models.ForeignKey(Trust, on_delete=models.PROTECT, related_name="sites")
    name = models.CharField(max_length=200)
    ods_code = models.CharField("ODS site code", max_length=5, unique=True, validators=[ods_code])

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["trust", "name"], name="site_name_unique")]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A clinical department, named for its specialty; it owns rotas and doctors' posts."""

    trust = models.ForeignKey(Trust, on_delete=models.PROTECT, related_name="departments")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(max_length=200)
    code = models.SlugField(
        max_length=40, unique=True, help_text="Short code used in imports, e.g. acute-medicine"
    )
    treatment_function_code = models.CharField(
        max_length=3, validators=[treatment_function_code], help_text="NHS treatment function code"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["trust", "name"], name="department_name_unique")
        ]

    def __str__(self) -> str:
        return self.name
