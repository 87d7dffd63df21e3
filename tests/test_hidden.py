"""Elements a saved page's own stylesheet hides (digest.sources.importer.hidden) are not the article."""

from __future__ import annotations

from pathlib import Path

from digest.sources.importer import read_article
from tests.test_import_rules import PROSE, page, save


def test_what_the_stylesheet_hides_is_not_the_article(tmp_path: Path) -> None:
    notice = (
        "<p>This page is not meant to be printed, and printing it wastes the paper of the reader.</p>" * 4
    )
    html = page(
        "<meta property='og:title' content='Reading a tide table'>"
        "<style>#print { display: none } .later { display:none !important } "
        "@media print { #print { display: block } }</style>",
        f"<article>{PROSE}<img class='later' src='https://example.org/chart.png' alt='A tide chart'></article>"
        f"<div id='print'>{notice}</div>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "printed" not in body
    assert "chart datum" in body and "A tide chart" in body  # a picture hidden until loaded stays


def test_rules_inside_media_queries_hide_nothing(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>"
        "<style>@media (max-width: 600px) { .wide { display: none } } .note { color: grey }</style>",
        f"<article><div class='wide'>{PROSE}</div></article>",
    )
    assert "chart datum" in read_article(save(tmp_path, html)).body


def test_only_the_rules_that_hide_are_parsed_and_inlined_pictures_break_nothing() -> None:
    from digest.sources.importer.hidden import _hiding_rules, _hiding_selectors

    picture = "url(data:image/png;base64," + "A" * 100_000 + ")"
    css = (
        "/* .gone { display: none } */ .shown { color: red } "
        f".a::after {{ content: '}}' }} #print {{ display: none; background: {picture} }} "
        "@media print { .b { display: none } } .c, .d { display: none !important } .e { display: block }"
    )
    assert _hiding_selectors(css) == ["#print", ".c", ".d"]
    assert "AAAA" not in _hiding_rules(css) and ".e" not in _hiding_rules(css)
    assert _hiding_rules(".x { color: red }" * 1000) == ""


def test_a_page_with_megabytes_of_style_is_read_in_time(tmp_path: Path) -> None:
    from tests.helpers import BODY_PROSE, ends_in_time, page_of

    rules = "".join(f".r{n} {{ display: none; margin: {n}px }} .s{n} {{ color: red }}" for n in range(40_000))
    style = f"<style>{rules}</style><style>.bg {{ background: url(data:image/png;base64,{'A' * 2_000_000}) }}</style>"
    ends_in_time(
        tmp_path,
        "styled.html",
        page_of(BODY_PROSE, "<title>A real headline</title>" + style),
        "digest.sources.importer.read_article",
    )


def test_unclosed_addresses_and_strings_in_a_style_are_read_in_time(tmp_path: Path) -> None:
    """The patterns for url(...) and for strings backtracked from every 'url(' and every quote
    to the end of the style when none was closed: 1 min 47 s for a 240 KB page."""
    from tests.helpers import BODY_PROSE, ends_in_time, page_of

    for name, text in (("addresses.html", "url(" * 200_000), ("strings.html", '"\\' * 200_000 + "\\")):
        style = f"<style>.ad {{ display: none }} .x {{ content: {text} }}</style>"
        ends_in_time(
            tmp_path,
            name,
            page_of(BODY_PROSE, "<title>A real headline</title>" + style),
            "digest.sources.importer.read_article",
        )


def test_a_string_or_address_left_open_hides_nothing_after_it() -> None:
    from digest.sources.importer.hidden import _hiding_selectors

    # CSS ends a string left open at the line's end, and the rules after it are read.
    assert _hiding_selectors('.a { content: "open\n} .b { display: none }') == [".b"]
    assert _hiding_selectors(".a { background: url(x.png } .b { display: none }") == [".b"]
