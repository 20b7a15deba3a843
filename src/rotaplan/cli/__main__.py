"""``python -m rotaplan.cli``, as the ``rotaplan`` script."""

from rotaplan.cli import app

app()
