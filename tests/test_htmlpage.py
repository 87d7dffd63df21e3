"""HTML pages saved from a browser read as draft reviews (digest.sources.importer.htmlpage): odd and hostile pages end in a draft or a DigestError, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.errors import DigestError
from digest.sources.importer import read_article
from tests.helpers import BODY_PROSE, page_of


@pytest.mark.parametrize("html", ["<html></html>", "<html><head><title>T t</title></head></html>",
                                  "<html><frameset><frame src=x></frameset></html>"])  # fmt: skip
def test_a_page_without_a_body_is_an_error_or_a_draft_never_a_crash(tmp_path: Path, html: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    try:
        draft = read_article(path)
    except DigestError as error:
        assert "no title" in str(error)
    else:
        assert draft.title == "T t"


def test_malformed_ipv6_addresses_anywhere_in_a_page_are_no_crash(tmp_path: Path) -> None:
    head = (
        "<title>A real headline</title><link rel=canonical href='https://example.org/a/'>"
        "<meta property='og:url' content='http://[bad'>"
    )
    body = (
        "<article><h1>A real headline</h1><p>" + "Words of the article body. " * 12 + "See <a "
        "href='http://[::1/x'>this</a> and <img src='http://[bad/i.png'> more words.</p><div class=c><a href='http://[::1'><img src=a.png></a></div>"
        "<div class=c><a href='/y'><img src=b.png></a></div></article>"
    )
    path = tmp_path / "page.html"
    path.write_text(page_of(body, head), encoding="utf-8")
    draft = read_article(path)
    assert draft.title == "A real headline"
    assert "[this](http://[::1/x)" in draft.body  # left as written, for the link checks to name


def test_a_base_address_that_cannot_be_parsed_is_no_crash(tmp_path: Path) -> None:
    head = "<title>A real headline</title><link rel=canonical href='http://[bad'><base href='http://[bad'>"
    body = (
        "<article><h1>A real headline</h1>"
        + BODY_PROSE
        + "<h3><a href='/other'>Another story</a></h3></article>"
    )
    path = tmp_path / "page.html"
    path.write_text(page_of(body, head), encoding="utf-8")
    assert read_article(path).title == "A real headline"


TAGS = st.sampled_from(["div", "p", "a", "h2", "h3", "img", "time", "span", "article", "li", "ul", "title"])


ATTRIBUTES = st.sampled_from(
    ["", " href=''", " href='javascript:x'", " href='../../x'", " href='http://[::1'", " href='#a'",
     " href='/o'", " datetime=''", " datetime='9999-99-99'", " datetime='1645837319'", " class=c",
     " src=p.png", " data-src=p.png"]
)  # fmt: skip


PIECES = st.one_of(
    st.builds(lambda tag, attribute: f"<{tag}{attribute}>", TAGS, ATTRIBUTES),
    st.builds(lambda tag: f"</{tag}>", TAGS),
    st.sampled_from(["Other story", " | ", "«", "»", "words of a story", "\u00ad", "\x0b", "\r\n"]),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, max_size=40))
def test_any_soup_of_page_pieces_is_read_or_refused(tmp_path: Path, pieces: list[str]) -> None:
    path = tmp_path / "soup.html"
    path.write_text(page_of(BODY_PROSE + "".join(pieces)), encoding="utf-8")
    try:
        draft = read_article(path)
    except DigestError:
        return
    assert any(character.isalnum() for character in draft.title)
