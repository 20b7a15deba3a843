"""Grades and contracts, in the words medical staffing teams use."""

from __future__ import annotations

from django.db import models


class Grade(models.TextChoices):
    FY1 = "FY1", "Foundation year 1"
    FY2 = "FY2", "Foundation year 2"
    CT1 = "CT1", "Core trainee year 1"
    CT2 = "CT2", "Core trainee year 2"
    CT3 = "CT3", "Core trainee year 3"
    ST1 = "ST1", "Specialty trainee year 1"
    ST2 = "ST2", "Specialty trainee year 2"
    ST3 = "ST3", "Specialty trainee year 3"
    ST4 = "ST4", "Specialty trainee year 4"
    ST5 = "ST5", "Specialty trainee year 5"
    ST6 = "ST6", "Specialty trainee year 6"
    ST7 = "ST7", "Specialty trainee year 7"
    ST8 = "ST8", "Specialty trainee year 8"
    SPECIALTY_DOCTOR = "SD", "Specialty doctor"
    SPECIALIST = "SPEC", "Specialist"
    CONSULTANT = "CONS", "Consultant"


TRAINING_GRADES = frozenset(
    g for g in Grade if g not in {Grade.SPECIALTY_DOCTOR, Grade.SPECIALIST, Grade.CONSULTANT}
)
SAS_GRADES = frozenset({Grade.SPECIALTY_DOCTOR, Grade.SPECIALIST})

# Seniority tiers as a rota coordinator groups a grid: foundation, "SHO", registrar, senior.
TIER_OF_GRADE: dict[str, str] = {
    Grade.FY1: "Foundation",
    Grade.FY2: "Foundation",
    Grade.CT1: "Core",
    Grade.CT2: "Core",
    Grade.CT3: "Core",
    Grade.ST1: "Core",
    Grade.ST2: "Core",
    **dict.fromkeys(
        (Grade.ST3, Grade.ST4, Grade.ST5, Grade.ST6, Grade.ST7, Grade.ST8), "Registrar"
    ),
    Grade.SPECIALTY_DOCTOR: "SAS",
    Grade.SPECIALIST: "SAS",
    Grade.CONSULTANT: "Consultant",
}


class Contract(models.TextChoices):
    TCS_2016 = "tcs2016", "2016 terms and conditions, doctor in training"
    CONSULTANT_2003 = "consultant2003", "2003 consultant contract"
    SAS = "sas", "SAS contract"


def contract_for_grade(grade: str) -> str:
    """The contract a doctor of this grade is normally on."""
    if grade == Grade.CONSULTANT:
        return Contract.CONSULTANT_2003
    if grade in SAS_GRADES:
        return Contract.SAS
    return Contract.TCS_2016
