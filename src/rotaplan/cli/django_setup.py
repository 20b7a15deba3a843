"""Django for the commands that read or write the database; the others never load it."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rotaplan.settings")
    import django

    django.setup()
