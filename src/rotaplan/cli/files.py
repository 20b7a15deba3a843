"""Reading the files the database-free commands are given, a rota or a rota problem, so that
every command names a file's problems the same way."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rotaplan.engine.formats.exchange_reader import UnreadableRota, read_rota

if TYPE_CHECKING:
    from rotaplan.engine.rota import RotaShifts
    from rotaplan.engine.solver.problem import RotaProblem


class Echo(Protocol):
    def __call__(self, message: str, *, err: bool = False) -> None: ...


def read_rota_file(file: Path, echo: Echo, instead: str) -> RotaShifts | None:
    """The rota in ``file`` (exchange JSON or CSV), or None with every problem printed and
    a last line saying what was not done ("not checked")."""
    try:
        data = file.read_bytes()
    except OSError as error:
        echo(f"{file}: {error.strerror or error}", err=True)
        return None
    try:
        return read_rota(file.name, data)
    except UnreadableRota as error:
        for problem in error.problems:
            echo(str(problem), err=True)
        count = len(error.problems)
        echo(f"{file.name}: {count} problem{'s' if count != 1 else ''}; {instead}.", err=True)
        return None


def read_problem_file(file: Path, echo: Echo) -> RotaProblem | None:
    """The rota problem in ``file`` (docs/rota-problem.md), or None with every problem
    printed. The solver's types load only for a command that reads a problem."""
    from rotaplan.engine.formats.problem_reader import UnreadableProblem, read_problem

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        echo(f"{file}: {getattr(error, 'strerror', None) or error}", err=True)
        return None
    try:
        return read_problem(text)
    except UnreadableProblem as error:
        for problem in error.problems:
            echo(f"{file}: {problem}", err=True)
        return None
