"""NHS.UK component markup rendered once for each distinct set of parameters: the same
parameters give the same markup without rendering again, and anything that could change
the markup is a different key."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import ChainableUndefined, Environment, PackageLoader
from markupsafe import Markup

from rotaplan.web.remembered import RememberedMarkup, parameters_key, remembered


@pytest.fixture(scope="module")
def table():
    env = Environment(
        loader=PackageLoader("nhsuk_frontend_jinja", "templates"),
        undefined=ChainableUndefined,
        autoescape=True,
    )
    return env.get_template("nhsuk/components/tables/macro.jinja").module.table


def counting(macro):
    calls = []

    def render(params):
        calls.append(params)
        return macro(params)

    # The store knows a macro by its template and name; a counting wrapper passes them on.
    render._func = macro._func  # type: ignore[attr-defined]
    render.name = macro.name  # type: ignore[attr-defined]
    return render, calls


def rows(*names: str) -> dict:
    return {"head": [{"text": "Doctor"}], "rows": [[{"text": name}] for name in names]}


def test_the_same_parameters_render_once_and_give_the_same_markup(table):
    macro = table
    render, calls = counting(macro)
    store = RememberedMarkup()
    first = remembered(render, rows("Ada Patel", "Sam Shah"), store)
    again = remembered(render, rows("Ada Patel", "Sam Shah"), store)
    assert first == again == macro(rows("Ada Patel", "Sam Shah"))
    assert len(calls) == 1
    assert "Sam Shah" in first


def test_a_changed_cell_renders_afresh(table):
    macro = table
    render, calls = counting(macro)
    store = RememberedMarkup()
    remembered(render, rows("Ada Patel"), store)
    changed = remembered(render, rows("Ada Patil"), store)
    assert "Ada Patil" in changed
    assert len(calls) == 2


def test_marked_up_text_and_plain_text_are_told_apart(table):
    macro = table
    store = RememberedMarkup()
    plain = {"rows": [[{"html": "<b>on call</b>"}]]}
    marked = {"rows": [[{"html": Markup("<b>on call</b>")}]]}
    assert parameters_key("t", plain) != parameters_key("t", marked)
    assert "<b>on call</b>" in remembered(macro, marked, store)


def test_text_numbers_and_truth_are_different_keys():
    keys = {parameters_key("t", {"text": value}) for value in ("1", 1, 1.0, True, None)}
    assert len(keys) == 5


@dataclass(frozen=True)
class Cell:
    code: str


def test_parameters_holding_an_object_are_rendered_every_time_and_never_kept():
    calls = []

    def render(params):
        calls.append(params)
        return "<p>x</p>"

    render._func = Cell.__init__  # type: ignore[attr-defined]
    render.name = "render"  # type: ignore[attr-defined]
    store = RememberedMarkup()
    remembered(render, {"cell": Cell("N")}, store)
    remembered(render, {"cell": Cell("N")}, store)
    assert len(calls) == 2
    assert len(store) == 0


def test_the_store_keeps_the_most_recently_used_within_its_bounds():
    store = RememberedMarkup(max_entries=2, max_characters=10)
    store.put("a", Markup("aaaa"))
    store.put("b", Markup("bbbb"))
    assert store.get("a") == "aaaa"  # a is now the most recent
    store.put("c", Markup("cccc"))  # over two entries: b, the least recent, goes
    assert (store.get("a"), store.get("b"), store.get("c")) == ("aaaa", None, "cccc")
    store.put("d", Markup("ddddddd"))  # over ten characters: a and c go
    assert (store.get("a"), store.get("c"), store.get("d")) == (None, None, "ddddddd")
    store.put("huge", Markup("x" * 11))  # more than the whole store: never kept
    assert store.get("huge") is None


plain_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=3)
    ),
    max_leaves=10,
)


@given(a=plain_data, b=plain_data)
def test_different_parameters_never_share_a_key(a, b):
    """Equal keys only for parameters a macro cannot tell apart."""
    if parameters_key("t", a) == parameters_key("t", b):
        assert repr(a) == repr(b)
