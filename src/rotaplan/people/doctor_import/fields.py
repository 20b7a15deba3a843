"""One parser per doctor field: each takes a cell and returns a value or raises
``FieldProblem``. Dates, yes or no and GMC numbers are read as every import reads them
(``rotaplan.engine.formats.cell_values``)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from rotaplan.engine.formats.cell_values import FieldProblem, got, text
from rotaplan.engine.formats.spreadsheet import Cell

from ..grades import Contract, Grade
from .columns import COMPETENCY_SEPARATOR
from .lookups import DepartmentRef, ImportLookups


def parse_name(value: Cell, label: str) -> str:
    name = text(value)
    if not name:
        raise FieldProblem(f"{label} is missing.")
    if len(name) > 100:
        raise FieldProblem(f"{label} must be at most 100 characters; it has {len(name)}.")
    return name


_email_validator = EmailValidator()


def parse_email(value: Cell) -> str:
    email = text(value)
    if not email:
        return ""
    try:
        _email_validator(email)
    except ValidationError:
        raise FieldProblem(f"Email address must look like name@nhs.net; {got(email)}") from None
    return email


_GRADES: dict[str, str] = {
    **{grade.value.lower(): grade.value for grade in Grade},
    **{str(grade.label).lower(): grade.value for grade in Grade},
}
_CONTRACTS: dict[str, str] = {
    **{contract.value.lower(): contract.value for contract in Contract},
    **{str(contract.label).lower(): contract.value for contract in Contract},
}


def parse_grade(value: Cell) -> str:
    typed = text(value)
    if not typed:
        raise FieldProblem("Grade is missing.")
    grade = _GRADES.get(typed.lower())
    if grade is None:
        codes = ", ".join(g.value for g in Grade)
        raise FieldProblem(f"Grade must be one of {codes}; {got(typed)}")
    return grade


def parse_contract(value: Cell) -> str:
    """The contract named, or "" when the cell is empty (the grade's usual one is used)."""
    typed = text(value)
    if not typed:
        return ""
    contract = _CONTRACTS.get(typed.lower())
    if contract is None:
        codes = ", ".join(c.value for c in Contract)
        raise FieldProblem(f"Contract must be one of {codes}, or left empty; {got(typed)}")
    return contract


_HUNDREDTH = Decimal("0.01")
_LOWEST_WTE, _HIGHEST_WTE = Decimal("0.10"), Decimal("1.00")


def parse_wte(value: Cell) -> Decimal:
    typed = text(value)
    if not typed:
        return _HIGHEST_WTE
    is_percentage = typed.endswith("%")
    try:
        number = Decimal(typed.removesuffix("%").strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise FieldProblem(
            f"WTE must be a number from 0.10 to 1.00, or a percentage such as 60%; {got(typed)}"
        )
    if is_percentage:
        number /= 100
    if not _LOWEST_WTE <= number <= _HIGHEST_WTE:
        hint = f" Did you mean {typed}%?" if not is_percentage and 10 <= number <= 100 else ""
        raise FieldProblem(f"WTE must be from 0.10 to 1.00 (10% to 100%); {got(typed)}.{hint}")
    if number != number.quantize(_HUNDREDTH):
        raise FieldProblem(f"WTE can have at most 2 decimal places, such as 0.65; {got(typed)}")
    return number.quantize(_HUNDREDTH)


def parse_department(value: Cell, lookups: ImportLookups) -> DepartmentRef:
    code = text(value)
    if not code:
        if lookups.default_department is None:
            raise FieldProblem(
                "Department is missing. Give the department's code in this row, "
                "or choose a department for rows that name none."
            )
        return lookups.default_department
    department = lookups.departments.get(code.lower())
    allowed = sorted(
        ref.code for ref in lookups.departments.values() if ref.id in lookups.allowed_department_ids
    )
    if department is None:
        raise FieldProblem(f"No department has the code '{code}'. {_choices(code, allowed)}")
    if department.id not in lookups.allowed_department_ids:
        raise FieldProblem(
            f"You may not import doctors into {department.name} ({department.code}). "
            f"{_choices(code, allowed)}"
        )
    return department


def _choices(value: str, allowed: Sequence[str]) -> str:
    if not allowed:
        return "You may not import doctors into any department."
    guess = difflib.get_close_matches(value.lower(), allowed, n=1)
    if guess:
        return f"Did you mean {guess[0]}?"
    shown = ", ".join(allowed[:12])
    more = f" and {len(allowed) - 12} more" if len(allowed) > 12 else ""
    return f"Codes you may import into: {shown}{more}."


def parse_competencies(value: Cell, known: Mapping[str, int]) -> tuple[int, ...]:
    codes = [code.strip() for code in text(value).split(COMPETENCY_SEPARATOR)]
    codes = [code for code in codes if code]
    unknown = [code for code in codes if code.lower() not in known]
    if unknown:
        names = ", ".join(f"'{code}'" for code in unknown)
        if not known:
            raise FieldProblem(
                f"No competencies are set up in Rotaplan yet, so {names} cannot be given. "
                "Leave the column empty."
            )
        raise FieldProblem(
            f"Unknown competenc{'ies' if len(unknown) > 1 else 'y'} {names}. "
            f"Known codes: {', '.join(sorted(known))}. Separate codes with "
            f"'{COMPETENCY_SEPARATOR}'."
        )
    return tuple(dict.fromkeys(known[code.lower()] for code in codes))
