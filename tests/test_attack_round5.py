"""Fifth attack round on the readers merged for Org, Logseq, ikiwiki, Unix times and saved
pages: inputs a hostile or merely odd file holds. Work that grew with the square of a page's
size is run in a child process under a generous time limit, hundreds of times what a linear
reading takes at that size; the rest must end in a result or a DigestError, never another
exception. Examples shown in code (an ikiwiki directive, a date) are never the post's metadata."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.errors import DigestError
from digest.sources.importer import read_article
from digest.sources.reviews import read_review

LIMIT_SECONDS = 60  # a linear reading of these inputs takes a second or two
PROSE = "<p>" + "Words of the article body, written for this test. " * 20 + "</p>"


def page(body: str, head: str = "<title>A real headline</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def ends_in_time(tmp_path: Path, name: str, text: str, reader: str, limit: float = LIMIT_SECONDS) -> None:
    """Read `text` saved as `name` in a child process; it must finish within the limit."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code = (
        "import sys\nfrom pathlib import Path\nfrom digest.errors import DigestError\n"
        f"from {reader.rsplit('.', 1)[0]} import {reader.rsplit('.', 1)[1]} as read\n"
        "try:\n    read(Path(sys.argv[1]))\nexcept DigestError:\n    pass\n"
    )
    try:
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: {len(text):,} characters still being read after {limit} s")


# --- saved pages: time -------------------------------------------------------------------------


def test_a_page_of_thousands_of_picture_cards_is_read_in_time(tmp_path: Path) -> None:
    card = "<div class=card><a href='/other'><img src=p.png></a> a caption</div>"
    # about 0.8 MB: trafilatura's fallback extractors alone took 33 s at 8,000 cards
    text = page(PROSE + card * 12_000)
    ends_in_time(tmp_path, "cards.html", text, "digest.sources.importer.read_article", limit=30)


def test_a_title_of_a_hundred_thousand_separators_is_read_in_time(tmp_path: Path) -> None:
    title = "<title>" + "| - " * 50_000 + "</title>"
    ends_in_time(tmp_path, "title.html", page(PROSE, title), "digest.sources.importer.read_article")


def test_a_container_of_twenty_thousand_inline_elements_is_read_in_time(tmp_path: Path) -> None:
    inline = "<div><p>An opening paragraph of the article.</p>" + "<b>x</b> " * 20_000 + "</div>"
    ends_in_time(tmp_path, "inline.html", page(PROSE + inline), "digest.sources.importer.read_article")


def test_a_container_of_fifty_thousand_inline_elements_is_read_in_time(tmp_path: Path) -> None:
    # htmldate's free-text search grows with the square of the elements: 17 s at 20,000
    inline = "<div><p>An opening paragraph of the article.</p>" + "<i>y</i> " * 50_000 + "</div>"
    ends_in_time(tmp_path, "inline50.html", page(PROSE + inline), "digest.sources.importer.read_article")


# --- saved pages: odd structures ----------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["<title> | </title>", "<title>– · —</title>", "<title>«»</title>", "<title></title><h1> « </h1>"],
)
def test_a_title_made_of_separators_alone_is_no_title(tmp_path: Path, title: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(page(PROSE, title), encoding="utf-8")
    with pytest.raises(DigestError, match="no title in the page"):
        read_article(path)


def test_separators_alone_give_way_to_the_pages_heading(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page("<h1>The heading</h1>" + PROSE, "<title> | </title>"), encoding="utf-8")
    assert read_article(path).title == "The heading"


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
    path.write_text(page(body, head), encoding="utf-8")
    draft = read_article(path)
    assert draft.title == "A real headline"
    assert "[this](http://[::1/x)" in draft.body  # left as written, for the link checks to name


def test_a_base_address_that_cannot_be_parsed_is_no_crash(tmp_path: Path) -> None:
    head = "<title>A real headline</title><link rel=canonical href='http://[bad'><base href='http://[bad'>"
    body = (
        "<article><h1>A real headline</h1>" + PROSE + "<h3><a href='/other'>Another story</a></h3></article>"
    )
    path = tmp_path / "page.html"
    path.write_text(page(body, head), encoding="utf-8")
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
    path.write_text(page(PROSE + "".join(pieces)), encoding="utf-8")
    try:
        draft = read_article(path)
    except DigestError:
        return
    assert any(character.isalnum() for character in draft.title)


# --- posts ------------------------------------------------------------------------------------------


def test_a_json_front_matter_nested_thousands_deep_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text('{"a":' * 5_000, encoding="utf-8")
    try:  # not JSON front matter: read as another format, or refused with a message
        review = read_review(path)
    except DigestError:
        return
    assert review.title


@pytest.mark.parametrize("unit", ["[[", "[[!meta "])
def test_a_post_of_repeated_double_brackets_is_read_in_time(tmp_path: Path, unit: str) -> None:
    text = unit * (150_000 // len(unit))  # a linear reading takes a fraction of a second
    ends_in_time(tmp_path, "brackets.md", text, "digest.sources.reviews.read_review", limit=20)


def test_a_page_of_seventy_thousand_ikiwiki_tags_is_read_in_time(tmp_path: Path) -> None:
    text = '[[!meta title="Tags"]]\n' + "[[!tag a b c]]\n" * 66_000  # just under the 1 MB limit
    ends_in_time(tmp_path, "tags.mdwn", text, "digest.sources.reviews.read_review", limit=15)


def test_ikiwiki_directives_shown_in_a_code_block_are_an_example_not_the_posts_metadata(
    tmp_path: Path,
) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        '# How I use ikiwiki\n\nWrite this:\n\n    [[!meta title="Other title"]]\n'
        '    [[!meta date="2001-01-01"]]\n\nand that is it.\n',
        encoding="utf-8",
    )
    review = read_review(path)
    assert (review.title, review.date) == ("How I use ikiwiki", None)
    assert '[[!meta title="Other title"]]' in review.body


def test_a_directive_in_a_fence_under_front_matter_gives_no_date(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        '---\ntitle: Using ikiwiki\n---\nWrite `[[!meta title="Other"]]` at the top:\n\n'
        '```\n[[!meta date="2001-01-01"]]\n```\n',
        encoding="utf-8",
    )
    review = read_review(path)
    assert (review.title, review.date) == ("Using ikiwiki", None)


def test_a_post_that_is_only_an_unfinished_doctype_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text("<!doctype html", encoding="utf-8")  # lxml: 'Document is empty'
    assert read_review(path).title == "<!doctype html"
