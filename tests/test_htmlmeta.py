"""What a saved page's head declares, read once (digest.sources.importer.htmlmeta): its
metadata as written, its description and picture, and pages read in time however large."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.importer import read_article
from tests.helpers import BODY_PROSE, ends_in_time, page_of
from tests.test_import_rules import PROSE, page, save


def test_a_title_of_a_hundred_thousand_separators_is_read_in_time(tmp_path: Path) -> None:
    title = "<title>" + "| - " * 50_000 + "</title>"
    ends_in_time(tmp_path, "title.html", page_of(BODY_PROSE, title), "digest.sources.importer.read_article")


def test_a_container_of_twenty_thousand_inline_elements_is_read_in_time(tmp_path: Path) -> None:
    inline = "<div><p>An opening paragraph of the article.</p>" + "<b>x</b> " * 20_000 + "</div>"
    ends_in_time(
        tmp_path, "inline.html", page_of(BODY_PROSE + inline), "digest.sources.importer.read_article"
    )


def test_a_container_of_fifty_thousand_inline_elements_is_read_in_time(tmp_path: Path) -> None:
    # htmldate's free-text search grows with the square of the elements: 17 s at 20,000
    inline = "<div><p>An opening paragraph of the article.</p>" + "<i>y</i> " * 50_000 + "</div>"
    ends_in_time(
        tmp_path, "inline50.html", page_of(BODY_PROSE + inline), "digest.sources.importer.read_article"
    )


def test_metadata_escaped_twice_is_read_as_meant(tmp_path: Path) -> None:
    head = '<meta name="description" content="Frankfurt (dpa) -&amp;nbsp;F&amp;uuml;r einen Roman">'
    draft = read_article(save(tmp_path, page(head, f"<h1>Prize for a novel</h1>{PROSE}")))
    assert draft.description == "Frankfurt (dpa) - Für einen Roman"


def test_meta_tags_that_keep_their_text_in_value_attributes(tmp_path: Path) -> None:
    head = (
        '<meta name="author" value="Ann Lee">'
        '<meta name="og:title" value="Tide tables, read right">'
        '<meta name="description" value="How to read a tide table.">'
        '<meta name="article:published_time" value="2020-04-19T06:50:00+01:00">'
        "<title>Tides | Harbour Notes</title>"
    )
    draft = read_article(
        save(tmp_path, page(head, f"<h1>Tide tables, read right</h1><article>{PROSE}</article>"))
    )
    assert (draft.author, draft.description) == ("Ann Lee", "How to read a tide table.")
    assert draft.date is not None and draft.date.isoformat() == "2020-04-19T06:50:00+01:00"


def test_a_stray_value_attribute_beside_content_metas_is_the_pages_own(tmp_path: Path) -> None:
    head = (
        '<meta name="author" value="Theme Designer">'  # a Blogger template's own credit
        '<meta property="og:title" content="Tide tables, read right">'
    )
    draft = read_article(
        save(tmp_path, page(head, f"<h1>Tide tables, read right</h1><article>{PROSE}</article>"))
    )
    assert draft.author != "Theme Designer"


@pytest.mark.parametrize(("content", "expected"), [("&lt;!–", None), ("How to read a tide table.", "How to")])
def test_a_description_without_words_is_none(tmp_path: Path, content: str, expected: str | None) -> None:
    head = f'<title>Tides</title><meta name="description" content="{content}">'
    description = read_article(
        save(tmp_path, page(head, f"<h1>Tides</h1><article>{PROSE}</article>"))
    ).description
    assert (description[:6] if description else None) == expected


def test_an_image_address_the_build_would_refuse_is_passed_over_for_the_next(tmp_path: Path) -> None:
    """A port past 65535 or a broken IPv6 host in og:image was written into the review, whose
    build then refused it: the page's next image is taken, as where og:image is missing."""
    for broken in ("https://cdn.example.org:99999/card.png", "https://[::1/card.png"):
        html = page(
            f'<meta property="og:image" content="{broken}">'
            '<meta name="twitter:image" content="https://cdn.example.org/card.png">'
            '<link rel="canonical" href="https://harbour.example.org/tides">',
            f"<article><h1>T</h1>{PROSE}<p><a href='{broken}'>the card</a></p></article>",
        )
        draft = read_article(save(tmp_path, html))
        assert draft.image == "https://cdn.example.org/card.png"


HOLDERS_XPATH = "//body//text()[normalize-space()]/.."


@pytest.mark.parametrize(
    "markup",
    [
        "<p>One</p><div><span>two</span> tail</div><div> \t\n</div><div>\xa0</div>",
        "<div><!-- a comment --> after it<br>line<b></b>  </div><script>var x;</script>",
        "<ul><li><a href='/a'>x</a></li><li>  <em>y</em>  </li></ul>text in body<hr>tail of hr",
        "",
    ],
)
def test_text_holders_are_what_the_xpath_finds(markup: str) -> None:
    import lxml.html

    from digest.sources.importer.pageparts import text_holders

    document = lxml.html.document_fromstring(
        f"<html><head><title>t</title></head><body>{markup}</body></html>"
    )
    assert list(text_holders(document)) == document.xpath(HOLDERS_XPATH)


def test_text_holders_are_what_the_xpath_finds_on_every_real_page() -> None:
    import lxml.html

    from digest.sources.importer.pageparts import text_holders

    saved = sorted((Path(__file__).parent / "realworld" / "pages").glob("*.html"))
    assert len(saved) > 150
    for each in saved:
        document = lxml.html.document_fromstring(each.read_bytes())
        assert list(text_holders(document)) == document.xpath(HOLDERS_XPATH), each.name
