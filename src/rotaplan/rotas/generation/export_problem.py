"""``rotaplan export-problem``: a department's rota problem as the JSON document the
solver reads, for ``rotaplan generate``, a benchmark, or a bug report.

Exit status: 0 written; 2 could not run (an unknown department, a bad period, nothing to
generate).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from rotaplan.engine.formats.problem_writer import write_problem
from rotaplan.imports.command import Echo
from rotaplan.organisation.models import Department

from ..models import StaffGroup
from .problem import CannotGenerate, problem_from_department

WRITTEN, COULD_NOT_RUN = 0, 2


def run_export(
    department_code: str,
    first: date,
    last: date,
    group: str,
    output: Path | None,
    echo: Echo,
) -> int:
    department = Department.objects.filter(code=department_code).first()
    if department is None:
        known = ", ".join(Department.objects.order_by("code").values_list("code", flat=True))
        echo(f"No department has the code {department_code!r}; the codes are {known}.", err=True)
        return COULD_NOT_RUN
    if last < first:
        echo(f"The period ends ({last}) before it starts ({first}).", err=True)
        return COULD_NOT_RUN
    if group not in StaffGroup.values:
        echo(f"--staff-group must be one of {', '.join(StaffGroup.values)}.", err=True)
        return COULD_NOT_RUN
    try:
        problem = problem_from_department(department, first, last, group)
    except CannotGenerate as error:
        echo(error.message, err=True)
        return COULD_NOT_RUN
    document = json.dumps(write_problem(problem), indent=1) + "\n"
    if output is None:
        echo(document.rstrip("\n"))
    else:
        output.write_text(document, encoding="utf-8")
        echo(
            f"Wrote {department.name}'s rota problem: {len(problem.doctors)} doctors, "
            f"{len(problem.demand)} shifts of cover, to {output}.",
            err=True,
        )
    return WRITTEN
