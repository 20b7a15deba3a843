"""One demo trust built once for the tests that only read it.

Building the demo takes seconds, and most tests here only look at what it holds: each
module that asks for it builds it once (``demo_built``) inside a transaction rolled back
when the module ends, and each test runs inside it as usual, its own changes rolled back
to the built trust. Tests of a module that build the demo themselves (and need an empty
database) run first, before the shared trust exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest
from django.db import transaction
from django.test import override_settings

Built = TypeVar("Built")
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def built_once(django_db_blocker, build: Callable[[], Built]) -> Iterator[Built]:
    """``build()``'s rows for the life of a module-scoped fixture, then rolled back. The
    passwords are hashed as the tests' own settings hash them (tests/conftest.py), which
    a module-scoped fixture is built before."""
    with (
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build()
        transaction.set_rollback(True)


SHARED = "demo"
HERE = str(Path(__file__).parent)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Within each module of this folder, the tests on the shared trust after the others
    (each module's tests keep the places they had in the run)."""
    places: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        if str(item.path.parent) == HERE:
            places.setdefault(str(item.path), []).append(index)
    for indexes in places.values():
        mine = [items[i] for i in indexes]
        mine.sort(key=lambda item: SHARED in getattr(item, "fixturenames", ()))
        for index, item in zip(indexes, mine, strict=True):
            items[index] = item
