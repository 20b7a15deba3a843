"""Reading the files the database-free commands are given, a rota or a rota problem, and
writing the rota they answer with, so that every command names a file's problems the same
way.

No file, however it was made, ends a command with a traceback: a file that is missing, a
folder, not readable, too big, not UTF-8, or a document the engine's readers refuse (each
bounded before the work: ``rotaplan.engine.formats.json_bounds``) is said in words on
standard error and the command exits 2, never 1 (which means breaches or gaps).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rotaplan.engine.formats.exchange_reader import UnreadableRota, read_rota
from rotaplan.engine.formats.json_bounds import MAX_DOCUMENT_BYTES

if TYPE_CHECKING:
    from rotaplan.engine.rota import RotaShifts
    from rotaplan.engine.solver.problem import RotaProblem


class Echo(Protocol):
    def __call__(self, message: str, *, err: bool = False) -> None: ...


def shown_path(file: Path) -> str:
    """The path as typed; a name that is not UTF-8 (bytes the terminal could not decode)
    shown with escapes rather than failing to print."""
    return str(file).encode("utf-8", "backslashreplace").decode("utf-8")


def file_bytes(file: Path, echo: Echo) -> bytes | None:
    """The file's bytes, or None with the reason printed on one line. No more than one
    byte past ``MAX_DOCUMENT_BYTES`` is ever read: a file known to be bigger is refused
    unread, and a pipe or device (whose size is not known) is read only that far."""
    most = MAX_DOCUMENT_BYTES // 1024 // 1024
    too_big = f"{shown_path(file)}: larger than {most} MB, the most a rota document may be."
    try:
        with file.open("rb") as opened:
            status = os.fstat(opened.fileno())
            if stat.S_ISREG(status.st_mode) and status.st_size > MAX_DOCUMENT_BYTES:
                echo(too_big, err=True)
                return None
            data = opened.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        echo(f"{shown_path(file)}: cannot be read: {error.strerror or error}.", err=True)
        return None
    if len(data) > MAX_DOCUMENT_BYTES:
        echo(too_big, err=True)
        return None
    return data


def read_rota_file(file: Path, echo: Echo, instead: str) -> RotaShifts | None:
    """The rota in ``file`` (exchange JSON or CSV), or None with every problem printed and
    a last line saying what was not done ("not checked")."""
    data = file_bytes(file, echo)
    if data is None:
        return None
    try:
        return read_rota(file.name, data)
    except UnreadableRota as error:
        for problem in error.problems:
            echo(str(problem), err=True)
        count = len(error.problems)
        name = shown_path(Path(file.name))
        echo(f"{name}: {count} problem{'s' if count != 1 else ''}; {instead}.", err=True)
        return None


def read_problem_file(file: Path, echo: Echo) -> RotaProblem | None:
    """The rota problem in ``file`` (docs/rota-problem.md), or None with every problem
    printed. The solver's types load only for a command that reads a problem."""
    from rotaplan.engine.formats.problem_reader import UnreadableProblem, read_problem_bytes

    data = file_bytes(file, echo)
    if data is None:
        return None
    try:
        return read_problem_bytes(data)
    except UnreadableProblem as error:
        for problem in error.problems:
            echo(f"{shown_path(file)}: {problem}", err=True)
        return None


def output_problem(output: Path | None) -> str | None:
    """Why the rota could not be written to ``output``, found before the solver runs, so a
    slip in the path costs no search time."""
    if output is None:
        return None
    if output.is_dir():
        return f"{shown_path(output)}: is a folder; give a file name for the rota."
    if not output.parent.is_dir():
        return f"{shown_path(output)}: there is no folder {shown_path(output.parent)}."
    return None


def write_output(output: Path, document: str, echo: Echo) -> bool:
    """Write the rota, or say on one line why it could not be written (the disk full, the
    folder gone since the search began)."""
    try:
        output.write_text(document, encoding="utf-8")
    except OSError as error:
        echo(f"{shown_path(output)}: cannot be written: {error.strerror or error}.", err=True)
        return False
    return True
