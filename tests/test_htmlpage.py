"""HTML pages saved from a browser read as draft reviews (digest.sources.importer.htmlpage): odd and
hostile pages end in a draft or a DigestError, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.errors import DigestError
from digest.sources.importer import read_article
from digest.sources.importer.htmlpage import is_html, without_server_diagnostics
from tests.helpers import BODY_PROSE, page_of, returns_in_time
from tests.test_import_rules import PROSE, page, save


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


PHP_WARNING = (
    "<br />\n<b>Warning</b>:  session_start(): open(/tmp/sess_1, O_RDWR) failed: Disk quota exceeded (122) in "
    "<b>/var/www/wp-content/plugins/x/lib.php</b> on line <b>145</b><br />\n"
)


def test_php_warnings_before_the_document_leave_a_page_a_page(tmp_path: Path) -> None:
    html = (
        PHP_WARNING
        + page(
            '<meta property="og:title" content="Tide tables, read right">',
            f"<h1>Tide tables, read right</h1><article>{PROSE}</article>",
        )
        + PHP_WARNING.replace("Warning", "Notice")
    )
    assert is_html(html.encode())
    draft = read_article(save(tmp_path, html))
    assert draft.title == "Tide tables, read right"
    assert "Warning" not in draft.body and "Notice" not in draft.body and "Harbour masters" in draft.body


def test_only_the_servers_diagnostics_go() -> None:
    inside = "<p><b>Warning</b>: tides run fast here.<br></p>"
    html = f"{PHP_WARNING}<!DOCTYPE html><html><body>{inside}</body></html>\n<!-- end -->{PHP_WARNING}"
    kept = without_server_diagnostics(html).strip()
    assert kept == f"<!DOCTYPE html><html><body>{inside}</body></html>\n<!-- end -->"


def test_a_text_that_opens_with_a_warning_is_no_page() -> None:
    assert not is_html((PHP_WARNING + "Tide tables are published weekly.\n").encode())


def test_a_page_declaring_a_legacy_charset_whose_bytes_are_utf8_reads_as_utf8(tmp_path: Path) -> None:
    html = (
        "<!DOCTYPE html><html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-15'>"
        "<title>La detención en Francia</title></head><body><article><h1>La detención en Francia</h1>"
        + "<p>Los investigadores situaron a la jefa del aparato militar a 70 kilómetros de Lyon. </p>" * 6
        + "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("utf-8"))
    draft = read_article(path)
    assert draft.title == "La detención en Francia"
    assert "70 kilómetros" in draft.body and "Ã" not in draft.body


def test_a_page_in_its_declared_legacy_charset_keeps_it(tmp_path: Path) -> None:
    html = (
        "<!DOCTYPE html><html><head><meta charset='iso-8859-1'><title>Der Bäcker am Fluss</title></head>"
        "<body><article><h1>Der Bäcker am Fluss</h1>"
        + "<p>Über den Fluss führt eine Brücke, und der Bäcker öffnet früh. </p>" * 6
        + "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("iso-8859-1"))
    draft = read_article(path)
    assert draft.title == "Der Bäcker am Fluss"
    assert "Über den Fluss führt" in draft.body


@pytest.mark.parametrize("start", ["\t\n\t<head>", "<HEAD>", "<!-- saved -->\n<body class=post>"])
def test_a_page_saved_without_its_html_start_tag_is_a_page(tmp_path: Path, start: str) -> None:
    # HTML lets a document leave out <html> (and <head>): a saved fragment opening with <head>
    # or <body> is a page, not plain text with its tags and scripts shown as words
    head = "<title>Tide tables, read right</title><script>var tracker = 1;</script></head>"
    html = f"{start}{head}<body><article><h1>Tide tables, read right</h1>{PROSE}</article></body>"
    if start.rstrip().endswith("<body class=post>"):
        html = f"{start}<h1>Tide tables, read right</h1><article>{PROSE}</article></body>"
    assert is_html(html.encode())
    draft = read_article(save(tmp_path, html))
    assert "Harbour masters" in draft.body and "tracker" not in draft.body and "<" not in draft.body


def test_a_text_that_only_mentions_a_head_tag_is_no_page() -> None:
    assert not is_html(b"Notes on the <head> element of a page.\n")


def test_a_page_with_an_element_of_a_hundred_thousand_attributes_is_refused_at_once(tmp_path: Path) -> None:
    """libxml2 compares each attribute of a tag with every one before it: a saved page of 1.6 MB
    with one such paragraph held `digest import` for an hour."""
    crowded = " ".join(f"a{number}=x" for number in range(100_000))
    body = f"<article><h1>A real headline</h1>\n<p>{'Words of the body. ' * 12}</p>\n<p {crowded}>t</p></article>"
    path = save(tmp_path, page_of(body))

    def refused_at_once() -> DigestError:
        with pytest.raises(DigestError) as refused:
            read_article(path)
        return refused.value

    returns_in_time("a page of one crowded element", refused_at_once)
    message = str(refused_at_once())
    assert message.startswith(f"{path}:3: an element holds more than 1,000 attributes"), message[:300]
    assert "remove them" in message


def test_a_page_whose_elements_hold_many_attributes_each_is_read(tmp_path: Path) -> None:
    """A thousand attributes on one element (a framework's bindings, data-* by the dozen on
    every line) is read as any page."""
    many = " ".join(f"data-a{number}=x" for number in range(1_000))
    body = f"<article><h1>A real headline</h1><p {many}>{'Words of the article body. ' * 12}</p></article>"
    assert read_article(save(tmp_path, page_of(body))).title == "A real headline"


def test_a_page_nested_past_what_the_html_reader_reads_is_refused_not_cut(tmp_path: Path) -> None:
    """libxml2 stops reading a page at an element nested more than 256 deep, without a word: a
    page whose article sat inside 300 <div>s was imported as its first lines alone, the article's
    text and everything after it gone (found by world18)."""
    deep = "<div>" * 300 + f"<p>{'The words deep inside the page. ' * 20}</p>" + "</div>" * 300
    path = save(tmp_path, page_of(BODY_PROSE + deep + f"<p>{'Closing words. ' * 20}</p>"))
    with pytest.raises(DigestError) as refused:
        read_article(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: ") and "deep" in message and "reader view" in message, message


def _dated_entry(opening: str) -> str:
    return page(
        "<title>Reading a tide table</title><meta property='article:published_time' content='2026-03-26T15:52:00Z'>",
        f"<article><h1>Reading a tide table</h1><p>{opening}</p>{PROSE}</article>",
    )


@pytest.mark.parametrize("opening", ["26th March 2026", "Thursday, March 26, 2026", "2026-03-26"])
def test_an_opening_line_that_only_says_the_pages_day_leaves_the_text(tmp_path: Path, opening: str) -> None:
    draft = read_article(save(tmp_path, _dated_entry(opening)))
    assert draft.body.lstrip().startswith("Harbour masters publish tide tables"), draft.body[:80]


def _signed_entry(opening: str, declared: str = "") -> str:
    author = f"<meta name='author' content='{declared}'>" if declared else ""
    return page(
        f"<title>Reading a tide table</title>{author}",
        f"<article><h1>Reading a tide table</h1><p>{opening}</p>{PROSE}</article>",
    )


@pytest.mark.parametrize(
    "opening",
    [
        "By Ann Lee",
        "<em>by Ann Lee.</em>",
        "By <a href='/ann/'>Ann Lee</a>",
        "By Ann Lee<br>March 26, 2026",  # a line of its own, the page's day under it on another
    ],
)
@pytest.mark.parametrize("declared", ["Ann Lee", ""])
def test_an_opening_line_that_only_names_the_author_leaves_the_text(
    tmp_path: Path, opening: str, declared: str
) -> None:
    """'By Ann Lee' over the article, unmarked (no 'byline' class): kept as its first paragraph, the
    review page said 'by Ann Lee' twice and the cards and feeds opened with 'By Ann Lee Harbour
    masters...' (found by review24). The author has a field of its own, as the date has."""
    draft = read_article(save(tmp_path, _signed_entry(opening, declared)))
    assert draft.author == "Ann Lee"
    assert draft.body.lstrip().startswith("Harbour masters publish tide tables"), draft.body[:80]


@pytest.mark.parametrize(
    ("opening", "declared"),
    [
        ("By Ann Lee", "Bo Chen"),  # another writer than the page declares: the text's to say
        ("By Ann Lee, harbour master of Port Ellen", "Ann Lee"),  # more than the name
        ("By design, a tide table is read from the top.", ""),
    ],
)
def test_an_opening_byline_saying_more_or_another_name_stays(
    tmp_path: Path, opening: str, declared: str
) -> None:
    draft = read_article(save(tmp_path, _signed_entry(opening, declared)))
    assert draft.body.lstrip().startswith(opening.split(",")[0]), draft.body[:80]


def test_an_opening_byline_going_on_in_its_paragraph_stays_whole(tmp_path: Path) -> None:
    """Markdown's soft line break: the next line goes on with the byline (a co-author)."""
    draft = read_article(save(tmp_path, _signed_entry("By Ann Lee\nand Bo Chen", "Ann Lee")))
    assert draft.body.lstrip().startswith("By Ann Lee\nand Bo Chen"), draft.body[:80]


@pytest.mark.parametrize(
    "opening",
    [
        "12th March 2026",  # another day: one the text tells of
        "Updated March 26, 2026",  # more than the day
        "On 26th March 2026 the harbour office moved its tide gauge.",
    ],
)
def test_an_opening_line_with_another_day_or_more_words_stays(tmp_path: Path, opening: str) -> None:
    draft = read_article(save(tmp_path, _dated_entry(opening)))
    assert opening.split()[0] in draft.body.split("\n\n")[0], draft.body[:80]
