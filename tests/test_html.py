"""The one reader and rewriter of HTML source (digest.render.html): what it changes, what it
passes over, and how it reads a start tag's attributes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from digest.render.html import rewrite_html, tag_attributes, tags

PAGE = (
    "<!-- <img src=old.png> --><p>Text &amp; more</p>"
    "<script>var s = '<img src=\"x.png\">';</script>"
    '<IMG SRC="a.png" alt=\'A "quoted" alt\'><abbr title="t">T</abbr><a href="f.pdf">f</a>'
)


def test_a_start_tag_rewrite_replaces_whole_tags_outside_comments_and_scripts() -> None:
    def image(tag: str, whole: str) -> str | None:
        return f'<img src="new-{tag_attributes(whole)["src"]}">' if tag == "img" else None

    rewritten = rewrite_html(PAGE, text=None, start_tag=image)
    assert rewritten == PAGE.replace('<IMG SRC="a.png" alt=\'A "quoted" alt\'>', '<img src="new-a.png">')


def test_a_tag_the_start_tag_rewrite_leaves_goes_to_the_attribute_rewrite() -> None:
    def link(tag: str, name: str, value: str) -> str | None:
        return "g.pdf" if (tag, name) == ("a", "href") else None

    rewritten = rewrite_html(PAGE, text=None, start_tag=lambda tag, whole: None, attribute=link)
    assert rewritten == PAGE.replace('href="f.pdf"', 'href="g.pdf"')


def test_tags_are_read_in_order_and_never_inside_comments_or_scripts() -> None:
    every = [tag.group("tag") or f"/{tag.group('end')}" for tag in tags(PAGE)]
    assert every == ["p", "/p", "IMG", "abbr", "/abbr", "a", "/a"]


def test_tags_of_some_names_are_those_alone_whole_names_in_any_case() -> None:
    named = [tag.group(0) for tag in tags(PAGE, frozenset({"img", "a"}))]
    assert named == ['<IMG SRC="a.png" alt=\'A "quoted" alt\'>', '<a href="f.pdf">', "</a>"]


def test_attributes_are_read_in_every_quoting_lowercased_unescaped_the_first_of_a_name_winning() -> None:
    attributes = tag_attributes('<img SRC=a.png alt=\'it&#39;s\' title="x &amp; y" src="b.png" hidden>')
    assert attributes == {"src": "a.png", "alt": "it's", "title": "x & y", "hidden": ""}


def test_markup_left_open_is_read_as_the_one_pattern_reads_it() -> None:
    """The variants read where a comment, CDATA, a script or a style never closes (in linear
    time) find the very tags the one pattern finds, on text made of the pieces that matter."""
    import random

    from digest.render.html import _MARKUP, _markup_naming

    pieces = ["<", ">", "!--", "-->", "<![CDATA[", "]]>", "<script>", "</script>", "<STYLE a='>'>",
              "</style >", "<?", "a", " ", '"', "'", "/", "<h2", "</h2>", "=", "\n"]  # fmt: skip
    named = _markup_naming(frozenset({"h2", "script"}))
    chance = random.Random(19)
    for _ in range(20_000):
        html = "".join(chance.choice(pieces) for _ in range(chance.randrange(1, 16)))
        for markup in (_MARKUP, named):
            assert _read(markup.finditer(html)) == _read(markup.full.finditer(html)), html


def _read(found: Iterator[re.Match[str]]) -> list[tuple[tuple[int, int], tuple[str | Any, ...]]]:
    return [(m.span(), m.group("tag", "end", "attributes")) for m in found]


def test_a_stray_quote_in_a_tag_is_a_character_of_it_as_browsers_read_it() -> None:
    """A quote that opens no value after an '=' (a saved page's doubled 'href="x""') is read
    as browsers read it: the tag ends at its '>', and the tags after it are tags (the quote
    opened a value running to the next tag's quote, and the tag read 40 KB of a page)."""
    html = '<a href="x"" title="y">one</a> <b>two</b> <img alt=it"s src=z.png>'
    assert [m.group("tag") or "/" + m.group("end") for m in tags(html)] == ["a", "/a", "b", "/b", "img"]
    assert tag_attributes(next(tags(html)).group(0))["href"] == "x"
    assert tag_attributes(list(tags(html))[-1].group(0))["src"] == "z.png"
