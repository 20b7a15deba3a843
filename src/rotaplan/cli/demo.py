"""``rotaplan demo``: a believable demo trust in an empty database; the data is the demo app's."""

from __future__ import annotations

from typing import Annotated

import typer

from .django_setup import setup_django


def command(
    seed: Annotated[int, typer.Option(help="Same seed, same trust")] = 1,
    doctors: Annotated[int, typer.Option(help="How many doctors to create")] = 120,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing, successfully, if a trust exists")
    ] = False,
    url: Annotated[
        str | None,
        typer.Option(
            help="The address the server listens on, to sign in at [http://127.0.0.1:8000]"
        ),
    ] = None,
) -> None:
    """Create a believable demo trust, with rotas and leave, in an empty database."""
    setup_django()
    from rotaplan.demo.command import SIGN_IN_URL, run_demo

    code = run_demo(
        seed=seed,
        doctors=doctors,
        if_empty=if_empty,
        echo=typer.echo,
        sign_in_url=url or SIGN_IN_URL,
    )
    raise typer.Exit(code)
