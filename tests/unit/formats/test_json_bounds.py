"""What a JSON document must not hold, found before ``json.loads`` is given it: nesting
deeper than 32, numbers too long or not finite, half a character; each a reading problem
at its line and column, never an exception."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotaplan.engine.formats.json_bounds import (
    MAX_DEPTH,
    MAX_DOCUMENT_BYTES,
    MAX_NUMBER_LENGTH,
    lone_surrogate,
    scan_json,
)
from rotaplan.engine.formats.json_reading import UnreadableJson, document_text, load_json


def refusal(text: str) -> str:
    with pytest.raises(UnreadableJson) as caught:
        load_json(text, UnreadableJson)
    (problem,) = caught.value.problems
    return str(problem)


# --- nesting ----------------------------------------------------------------------------


def test_nesting_to_the_limit_is_read():
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert scan_json(text).deepest == MAX_DEPTH
    assert load_json(text, UnreadableJson) is not None


def test_a_level_past_the_limit_is_refused_at_its_bracket():
    text = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert refusal(text) == (
        "line 1, column 33: the document nests more than 32 levels deep; a rota document "
        "needs 4, so look for brackets that are not closed"
    )


def test_a_thousand_levels_are_refused_not_a_recursion_error():
    assert refusal("[" * 1000 + "]" * 1000).startswith("line 1, column 33: ")


def test_a_million_brackets_are_refused_where_the_limit_is_passed():
    assert refusal("[" * 10**6).startswith("line 1, column 33: the document nests")


def test_the_line_and_column_are_where_the_limit_is_passed():
    text = '{"doctors": [\n  ' + '{"a": ' * 40 + "1" + "}" * 40 + "]}"
    # levels 1 and 2 are the document and its list; the 33rd opens at the 31st '{"a": '.
    assert refusal(text).startswith(f"line 2, column {3 + 6 * 30}: ")


def test_brackets_inside_text_are_not_nesting():
    text = json.dumps({"name": "[" * 100 + "{" * 100, "note": 'a "quoted" \\ [ ['})
    assert scan_json(text) == scan_json('{"name": "", "note": ""}')
    assert load_json(text, UnreadableJson) == json.loads(text)


def test_an_escaped_quote_does_not_end_the_text():
    text = '["\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\\"]'
    assert scan_json(text).deepest == 1


# --- numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("NaN", "NaN is not a number JSON allows; give a number such as 0.6"),
        ("Infinity", "Infinity is not a number JSON allows; give a number such as 0.6"),
        ("-Infinity", "-Infinity is not a number JSON allows; give a number such as 0.6"),
        ("1e999", "1e999 is too large to be a number"),
        ("-1.5E+400", "-1.5E+400 is too large to be a number"),
        (
            "1" * 100_000,
            "a number written with 100,000 characters (at most 100); the numbers in a rota "
            "document are small",
        ),
    ],
)
def test_a_number_that_is_not_one_is_refused_at_its_place(written, message):
    assert refusal('{"doctors": [{"id": "D1", "wte": ' + written + "}]}") == (
        f"line 1, column 34: {message}"
    )


@pytest.mark.parametrize("written", ["0.6", "1", "-0", "1e308", "1e-999", "1" * MAX_NUMBER_LENGTH])
def test_ordinary_numbers_are_read(written):
    assert load_json(f"[{written}]", UnreadableJson) == [json.loads(written)]


def test_words_like_nan_inside_text_are_text():
    assert load_json('["NaN", "Infinity", "1e999"]', UnreadableJson) == ["NaN", "Infinity", "1e999"]


# --- half characters --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column", "half"),
    [
        ('["\\ud800"]', 3, "\\ud800"),
        ('["ab\\udc00"]', 5, "\\udc00"),
        ('["\\ud800\\ud800\\udc00"]', 3, "\\ud800"),
        ('["\\ud83d x \\ude00"]', 3, "\\ud83d"),
        ('["\\\\\\ud800"]', 5, "\\ud800"),
    ],
)
def test_half_a_character_is_refused_at_its_place(text, column, half):
    assert refusal(text) == (
        f"line 1, column {column}: {half} is half of a character (a lone surrogate); give "
        "both halves of the pair or the character itself"
    )


def test_a_whole_pair_is_one_character():
    assert load_json('["Dr \\ud83d\\ude00"]', UnreadableJson) == ["Dr \U0001f600"]


def test_an_escaped_backslash_before_u_is_not_an_escape():
    assert load_json('["\\\\ud800"]', UnreadableJson) == ["\\ud800"]


def test_a_half_character_given_as_text_is_refused():
    assert lone_surrogate('["a\ud800"]') is not None
    assert refusal('["a\ud800"]').startswith("line 1, column 4: \\ud800 is half of a character")


# --- text and bytes ---------------------------------------------------------------------


def test_a_byte_order_mark_is_allowed():
    assert load_json('\ufeff{"a": 1}', UnreadableJson) == {"a": 1}
    assert document_text(b'\xef\xbb\xbf{"a": 1}', UnreadableJson) == '{"a": 1}'


def test_bytes_that_are_not_utf8_name_the_byte_and_line():
    with pytest.raises(UnreadableJson) as caught:
        document_text(b'{\n"a": "\xff"}', UnreadableJson)
    assert str(caught.value) == "The document is not UTF-8 text (byte 0xff at line 2)."


def test_a_document_over_the_size_limit_is_refused_unread():
    with pytest.raises(UnreadableJson) as caught:
        document_text(b" " * (MAX_DOCUMENT_BYTES + 1), UnreadableJson)
    assert str(caught.value) == "The document is 64.0 MB; a rota document may be up to 64 MB."


def test_empty_text_is_not_json():
    assert refusal("") == "line 1, column 1: not valid JSON: Expecting value"


# --- properties -------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


def nested(value: object, levels: int) -> object:
    for level in range(levels):
        value = [value] if level % 2 else {"k": value}
    return value


def depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((depth(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(item) for item in value.values()), default=0)
    return 0


@settings(max_examples=300)
@given(JSON_VALUES, st.integers(0, 40), st.booleans(), st.sampled_from([None, 1]))
def test_the_scan_measures_the_real_depth(value, extra, ascii_only, indent):
    document = nested(value, extra)
    text = json.dumps(document, ensure_ascii=ascii_only, indent=indent)
    real = depth(document)
    assert scan_json(text, most_deep=10_000).deepest == real
    if real <= MAX_DEPTH:
        assert load_json(text, UnreadableJson) == json.loads(text)
    else:
        assert scan_json(text).deepest == MAX_DEPTH + 1
        with pytest.raises(UnreadableJson, match="nests more than 32 levels deep"):
            load_json(text, UnreadableJson)


@settings(max_examples=300)
@given(st.text())
def test_any_text_is_read_or_refused_never_a_crash(text):
    assert refused(text) != ()


def refused(text: str) -> tuple[object, ...] | None:
    """The problems ``load_json`` names, None if it reads the text; anything else raised
    fails the test."""
    try:
        load_json(text, UnreadableJson)
    except UnreadableJson as unreadable:
        return unreadable.problems
    return None
