"""Bad input never crashes a command: every file the database-free commands read (``check``,
``pay``, ``generate``, ``repair``'s problem and rota, ``rota-size``) that cannot be read, or
that is built to hurt, exits 2 (never 1, which means breaches or gaps) with its reason on
standard error, nothing on standard output, no traceback, and no rota written."""

from __future__ import annotations

import pathlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rotaplan.cli import app
from rotaplan.engine.formats.json_bounds import MAX_DOCUMENT_BYTES

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
PROBLEM = EXAMPLES / "rota-problem.json"
ROTA = EXAMPLES / "rota-compliant.json"
ABSENCE = ["--doctor", "D1", "--from", "2026-08-10", "--to", "2026-08-11"]
SOLVER = ["--deterministic", "--time-limit", "1"]

runner = CliRunner()

# Each command given the file under test, and where a rota would be written.
COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "check": lambda file, out: ["check", str(file)],
    "pay": lambda file, out: ["pay", str(file), "--doctor", "D1", "--nodal-point", "3"],
    "generate": lambda file, out: ["generate", str(file), *SOLVER, "--output", str(out)],
    "rota-size": lambda file, out: ["rota-size", str(file), *SOLVER],
    "repair's problem": lambda file, out: [
        "repair",
        str(file),
        str(ROTA),
        *ABSENCE,
        *SOLVER,
        "--output",
        str(out),
    ],
    "repair's rota": lambda file, out: [
        "repair",
        str(PROBLEM),
        str(file),
        *ABSENCE,
        *SOLVER,
        "--output",
        str(out),
    ],
}
ROTA_READERS = ["check", "pay", "repair's rota"]

DOCTOR = '{"period": {"start": "2026-08-03", "end": "2026-08-09"}, "doctors": [{"id": "D1", '
WTE_AT = len(DOCTOR + '"wte": ') + 1  # the column the value of "wte" starts in
NAME_AT = len(DOCTOR + '"name": "') + 1  # the column of the first character of "name"


def text(content: str) -> Callable[[Path], Path]:
    def write(file: Path) -> Path:
        file.write_text(content, encoding="utf-8")
        return file

    return write


def data(content: bytes) -> Callable[[Path], Path]:
    def write(file: Path) -> Path:
        file.write_bytes(content)
        return file

    return write


def folder(file: Path) -> Path:
    file.mkdir()
    return file


def missing(file: Path) -> Path:
    return file


def too_big(file: Path) -> Path:
    with file.open("wb") as sparse:  # no disk used: the size alone is refused
        sparse.truncate(MAX_DOCUMENT_BYTES + 1)
    return file


# What each hostile file holds, and the words of its refusal.
HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "nested 1,000 deep": (
        text("[" * 1000 + "]" * 1000),
        "line 1, column 33: the document nests more than 32 levels deep",
    ),
    "a million brackets": (
        text("[" * 10**6),
        "line 1, column 33: the document nests more than 32 levels deep",
    ),
    "a 100,000-digit number": (
        text(DOCTOR + '"wte": ' + "1" * 100_000 + "}]}"),
        f"line 1, column {WTE_AT}: a number written with 100,000 characters (at most 100)",
    ),
    "NaN": (
        text(DOCTOR + '"wte": NaN}]}'),
        f"line 1, column {WTE_AT}: NaN is not a number JSON allows; give a number such as 0.6",
    ),
    "Infinity": (
        text(DOCTOR + '"wte": Infinity}]}'),
        f"line 1, column {WTE_AT}: Infinity is not a number JSON allows",
    ),
    "1e999": (text(DOCTOR + '"wte": 1e999}]}'), f"line 1, column {WTE_AT}: 1e999 is too large"),
    "half a character": (
        text(DOCTOR + '"name": "\\ud800"}]}'),
        f"line 1, column {NAME_AT}: \\ud800 is half of a character (a lone surrogate)",
    ),
    "not UTF-8": (
        data(b'{"doctors": [{"id": "\xff"}]}'),
        "The document is not UTF-8 text (byte 0xff at line 1).",
    ),
    "empty": (text(""), "line 1, column 1: not valid JSON: Expecting value"),
    "a folder": (folder, "cannot be read: Is a directory."),
    "missing": (missing, "cannot be read: No such file or directory."),
    "over 64 MB": (too_big, "larger than 64 MB, the most a rota document may be."),
}


def run(command: str, file: Path, out: Path):
    return runner.invoke(app, COMMANDS[command](file, out))


def assert_refused(result, message: str, out: Path) -> None:
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not out.exists()


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_hostile_file_exits_2_with_its_reason(tmp_path, command, hostile):
    write, message = HOSTILE[hostile]
    file = write(tmp_path / "input.json")
    out = tmp_path / "rota-out.json"

    result = run(command, file, out)

    assert_refused(result, message, out)


@pytest.mark.parametrize("command", ROTA_READERS)
def test_a_csv_holding_a_nul_byte_exits_2(tmp_path, command):
    file = data(b"doctor,start,end\nD1,2026-08-03T08:00\x00,2026-08-03T17:00\n")(tmp_path / "r.csv")
    out = tmp_path / "rota-out.json"

    assert_refused(run(command, file, out), "The file holds NUL characters", out)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_that_may_not_be_read_exits_2(tmp_path, monkeypatch, command):
    """As the permission bits would refuse it to anyone but root (tests may run as root)."""
    file = text("{}")(tmp_path / "input.json")
    out = tmp_path / "rota-out.json"
    opened = pathlib.Path.open

    def refuse(self: Path, *args: object, **kwargs: object):
        if self == file:
            raise PermissionError(13, "Permission denied", str(file))
        return opened(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "open", refuse)

    assert_refused(run(command, file, out), "input.json: cannot be read: Permission denied.", out)


@pytest.mark.parametrize("command", ["generate", "repair's rota"])
def test_an_output_in_no_folder_is_refused_before_the_search(tmp_path, command):
    out = tmp_path / "no-such-folder" / "rota.json"
    nothing_yet = '{"period": {"start": "2026-08-03", "end": "2026-08-16"}, "doctors": [], '
    nothing_yet += '"shifts": []}'
    file = PROBLEM if command == "generate" else text(nothing_yet)(tmp_path / "rota.json")

    result = run(command, file, out)

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{out}: there is no folder {out.parent}."]


@pytest.mark.parametrize("command", ["generate", "rota-size", "repair's rota"])
@pytest.mark.parametrize("limit", ["nan", "inf", "0", "-1"])
def test_a_time_limit_that_is_not_a_time_is_refused(tmp_path, command, limit):
    """``--time-limit nan`` made the search run for ever."""
    file = PROBLEM if command != "repair's rota" else ROTA
    args = [*COMMANDS[command](file, tmp_path / "out.json"), "--time-limit", limit]

    result = runner.invoke(app, args)

    assert result.exit_code == 2
    assert "must be a number of seconds above 0" in result.stderr


def test_the_installed_command_refuses_deep_nesting_without_a_traceback(tmp_path):
    """The defect as found: ``rotaplan check`` on a document 1,000 deep, in its own process,
    ended with a RecursionError traceback and exit status 1, the status for breaches."""
    file = text("[" * 1000 + "]" * 1000)(tmp_path / "deep.json")

    done = subprocess.run(
        [sys.executable, "-m", "rotaplan.cli", "check", str(file)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "line 1, column 33: the document nests more than 32 levels deep; a rota document "
        "needs 4, so look for brackets that are not closed",
        "deep.json: 1 problem; not checked.",
    ]
