"""What the database knows that a doctors file is checked against, gathered beforehand so
the checking itself needs no database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class DepartmentRef:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class ImportLookups:
    departments: Mapping[str, DepartmentRef]  # by code, lower case
    allowed_department_ids: frozenset[int]  # where the uploader may import doctors
    competencies: Mapping[str, int]  # id by code, lower case
    # Who already holds each number taken: their name, or "" for a doctor the uploader may
    # not see (the number is reported as taken without saying by whom).
    existing_gmc_numbers: Mapping[str, str]
    default_department: DepartmentRef | None = None
