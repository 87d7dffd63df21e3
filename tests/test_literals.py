"""Values written as code, read without running anything (digest.sources.literals): JavaScript
object literals and Ziggy's, bare names as references, calls as calls."""

from __future__ import annotations

import pytest

from digest.sources.literals import Call, NotALiteral, Reference, plain, read_literal


def test_a_javascript_object_literal_is_read_as_written() -> None:
    text = """const x = {
  title: 'It\\'s here', "quoted key": "a \\"b\\"", count: 3, ratio: -1.5e2,
  note: `two
lines ${kept}`, // a comment
  /* another */ list: [1, 'two', null, true,], nested: { deep: [false] },
  author, image: card, made: Date(2019, 5, 31), rest: undefined,
}; after"""
    value, end = read_literal(text, text.index("{"))
    assert value == {
        "title": "It's here",
        "quoted key": 'a "b"',
        "count": 3,
        "ratio": -150.0,
        "note": "two\nlines ${kept}",
        "list": [1, "two", None, True],
        "nested": {"deep": [False]},
        "author": Reference("author"),
        "image": Reference("card"),
        "made": Call("Date", (2019, 5, 31)),
        "rest": None,
    }
    assert text[end:] == "; after"
    assert plain(value)["image"] is None and plain(value)["made"] is None


def test_a_constructor_call_is_read_as_a_call() -> None:
    value, _ = read_literal("{ published: new Date('2022-02-01'), at: new  Date(2022, 1, 3) }")
    assert value == {"published": Call("Date", ("2022-02-01",)), "at": Call("Date", (2022, 1, 3))}
    assert plain(value) == {"published": None, "at": None}


def test_ziggy_fields_and_tagged_values_are_read() -> None:
    value, _ = read_literal('{ .title = "A", .date = @date("2025-02-13"), .custom = { "k": "v", }, }')
    assert value == {"title": "A", "date": Call("date", ("2025-02-13",)), "custom": {"k": "v"}}


@pytest.mark.parametrize(
    "text",
    [
        "{ title: 'unclosed }",
        "{ a: 1 b: 2 }",
        "{ a: ...spread }",
        "[" * 100 + "]" * 100,
        "{ /* open",
        "{ a: % }",
    ],
)
def test_what_is_no_literal_is_refused(text: str) -> None:
    with pytest.raises(NotALiteral):
        read_literal(text)
