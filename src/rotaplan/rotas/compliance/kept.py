"""Compliance reports kept in Django's cache, under a name that is a digest of everything
the report is made from, so that no change can ever be answered with an old report
(docs/adr/0025-compliance-cached-by-its-input.md).

The name has two parts. ``StoredRota.digest`` covers the input: the rota and its period,
each doctor's terms (contract, WTE, opt-out, grade, name) and every committed shift of
theirs in the window, on this rota or another, with its rota. ``code_fingerprint`` covers
what turns that input into a report: the engine's source (the rules, their limits as data,
the clock), this package's and the adapter's, the bank holidays package and Python. Editing
a shift anywhere the window reaches, a doctor's terms, or the rules' code names another
entry; the old one is never looked up again and ages out.

The cache is a help, never a source of truth: if it cannot be read or written, the report
is worked out afresh and the page is served as without it."""

from __future__ import annotations

import hashlib
import logging
import sys
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from importlib.metadata import version
from pathlib import Path

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import transaction

import rotaplan.engine

from ..rules_adapter import StoredRota
from .presenters import RotaCompliance

logger = logging.getLogger(__name__)

# Raise when reports change for a reason the files below do not show.
VERSION = 1
CACHE = "default"
PREFIX = "rotaplan:compliance"

ROTAS = Path(__file__).resolve().parents[1]


@cache
def code_fingerprint() -> str:
    """A digest of the code and data that turn a rota's input into its report."""
    engine = Path(rotaplan.engine.__file__).resolve().parent
    files = [
        *sorted(engine.rglob("*.py")),
        ROTAS / "rules_adapter.py",
        *sorted((ROTAS / "compliance").glob("*.py")),
    ]
    digest = hashlib.sha256(f"{VERSION} {sys.version_info[:2]} {version('holidays')}".encode())
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(stored: StoredRota) -> str:
    return f"{PREFIX}:{code_fingerprint()}:{stored.digest()}"


def guarded() -> AbstractContextManager[object]:
    """A cache in the database is read in a savepoint of its own, so that a failure there
    (no table yet) leaves the caller's transaction usable."""
    return transaction.atomic() if isinstance(caches[CACHE], DatabaseCache) else nullcontext()


def recall(key: str) -> RotaCompliance | None:
    try:
        with guarded():
            found = caches[CACHE].get(key)
    except Exception:
        logger.warning("The compliance cache could not be read", exc_info=True)
        return None
    return found if isinstance(found, RotaCompliance) else None


def keep(key: str, compliance: RotaCompliance) -> None:
    try:
        with guarded():
            caches[CACHE].set(key, compliance)
    except Exception:
        logger.warning("The compliance cache could not be written", exc_info=True)
