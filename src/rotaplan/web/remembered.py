"""NHS.UK component markup remembered by its parameters, so a big table is rendered once,
not on every request.

The NHS.UK macros are pure: the markup depends on the parameters alone. Rendering them is
the cost of the busiest pages: the table macro spends about 0.2 ms on each cell (attribute
and indent macros within), and a rota's compliance figures or a page of the doctor list
have hundreds of cells that are the same from one request to the next. So the markup is
kept in this process, keyed on the macro and everything passed to it; any change of any
cell is a different key, so nothing stale can be shown, and nothing needs clearing.

Kept per process (gunicorn's workers each have their own), least recently used first out,
within ``MAX_ENTRIES`` and ``MAX_CHARACTERS``. Parameters holding anything but plain data
(text, marked-up text, a number, true or false, none, a list or a mapping of those) are
rendered every time: an object, a model instance say, may read more as it renders.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

MAX_ENTRIES = 512
MAX_CHARACTERS = 16_000_000  # some 32 MB of markup in each worker, at the most


class Unrememberable(TypeError):
    """The parameters hold something whose text is not its whole meaning."""


def _canonical(value: Any) -> Any:
    """``value`` as nested tuples that differ whenever the markup could: marked-up text is
    told apart from text the macro will escape, ``1`` from ``"1"`` and ``True``."""
    kind = type(value)
    if kind is str:
        return value
    if kind is Markup:
        return ("markup", str(value))
    if value is None or kind is bool or kind is int or kind is float:
        return (kind.__name__, value)
    if kind is list or kind is tuple:
        return ("list", tuple([_canonical(item) for item in value]))
    if kind is dict:
        return ("map", tuple([(str(k), _canonical(v)) for k, v in value.items()]))
    if isinstance(value, str):  # a safe string (it has __html__) or a choice's value
        return (kind.__qualname__, kind.__module__, hasattr(value, "__html__"), str(value))
    raise Unrememberable(kind.__qualname__)


def parameters_key(macro_name: str, params: Any) -> str:
    shape = repr((macro_name, _canonical(params))).encode()
    return hashlib.blake2b(shape, digest_size=20).hexdigest()


class RememberedMarkup:
    """A bounded, least-recently-used store of rendered markup, shared by a process's
    threads (runserver serves each request on a thread of its own)."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_characters: int = MAX_CHARACTERS):
        self.max_entries = max_entries
        self.max_characters = max_characters
        self._entries: OrderedDict[str, Markup] = OrderedDict()
        self._characters = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> Markup | None:
        with self._lock:
            markup = self._entries.get(key)
            if markup is not None:
                self._entries.move_to_end(key)
            return markup

    def put(self, key: str, markup: Markup) -> None:
        if len(markup) > self.max_characters:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = markup
            self._characters += len(markup)
            while len(self._entries) > self.max_entries or self._characters > self.max_characters:
                _, dropped = self._entries.popitem(last=False)
                self._characters -= len(dropped)


_STORE = RememberedMarkup()


def remembered(
    macro: Callable[[Any], str], params: Any, store: RememberedMarkup = _STORE
) -> Markup:
    """``macro(params)``, rendered once for each distinct ``params`` (in templates:
    ``{{ remembered(table, {...}) }}``)."""
    name = _macro_identity(macro)
    try:
        key = parameters_key(name, params) if name else None
    except Unrememberable:
        key = None
    if key is None:
        return Markup(macro(params))
    markup = store.get(key)
    if markup is None:
        markup = Markup(macro(params))
        store.put(key, markup)
    return markup


def _macro_identity(macro: Callable[[Any], str]) -> str | None:
    """The macro's template and name: two components may share a name, not a template."""
    function = getattr(macro, "_func", None)  # a Jinja2 Macro keeps its compiled function
    name = getattr(macro, "name", None)
    if function is None or name is None:
        return None
    return f"{function.__code__.co_filename}:{name}"
