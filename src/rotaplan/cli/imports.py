"""What the ``rotaplan import-*`` commands share on the command line: who the import is
recorded as. The steps they share once Django is set up are rotaplan.imports.command."""

from __future__ import annotations

from typing import Annotated

import typer

AsUser = Annotated[
    str | None,
    typer.Option(
        "--as",
        metavar="USERNAME",
        help="Username the audit log records the import as; the user's permissions apply. "
        "Without it, the import is recorded with no user (the system).",
    ),
]
