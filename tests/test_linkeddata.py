"""A saved page's JSON-LD (digest.sources.importer.linkeddata): its authors and dates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.sources.importer import read_article
from tests.test_import_rules import PROSE, page, save

GRAPH = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
    '{"@type": "WebPage", "@id": "https://harbour.example/tides/#webpage", "name": "Reading a tide table"},'
    '{"@type": "NewsArticle", "@id": "https://harbour.example/tides/#article", "headline": "Reading a tide table",'
    ' "datePublished": "2023-05-05T23:00:57+00:00", "author": AUTHOR},'
    '{"@type": ["Person", "Organization"], "@id": "https://harbour.example/#/schema/person/757d",'
    ' "name": "Taylor Marsh"}]}</script>'
)


@pytest.mark.parametrize(
    "author",
    [
        '{"@id": "https://harbour.example/#/schema/person/757d"}',  # a reference to a node of the @graph
        '[{"@id": "https://harbour.example/#/schema/person/757d"}]',
        # a reference that also says the node's type, but not its name
        '{"@type": "Person", "@id": "https://harbour.example/#/schema/person/757d"}',
        '{"@type": ["Person", "Organization"], "name": "Taylor Marsh"}',  # a person who is also a business
    ],
)
def test_a_json_ld_author_given_by_reference_or_as_a_person_and_organisation_is_read(
    tmp_path: Path, author: str
) -> None:
    head = "<title>Reading a tide table - Harbour News</title>" + GRAPH.replace("AUTHOR", author)
    draft = read_article(
        save(tmp_path, page(head, f"<article><h1>Reading a tide table</h1>{PROSE}</article>"))
    )
    assert draft.author == "Taylor Marsh"
    assert draft.date == datetime(2023, 5, 5, 23, 0, 57, tzinfo=UTC)


def test_the_article_node_of_a_graph_is_read_before_the_web_page_node_that_holds_it(
    tmp_path: Path,
) -> None:
    # Yoast's @graph dates the WebPage too, and lists it before the Article that names the author
    web_page = (
        '{"@type": "WebPage", "@id": "https://harbour.example/tides/#webpage", "name": "Reading a tide table",'
        ' "datePublished": "2023-05-05T23:00:57+00:00", "dateModified": "2023-05-08T10:00:00+00:00"},'
    )
    graph = GRAPH.replace(
        '"@graph": [{"@type": "WebPage", "@id": "https://harbour.example/tides/#webpage",'
        ' "name": "Reading a tide table"},',
        '"@graph": [' + web_page,
    )
    assert graph != GRAPH
    author = '{"@id": "https://harbour.example/#/schema/person/757d"}'
    head = "<title>Reading a tide table - Harbour News</title>" + graph.replace("AUTHOR", author)
    draft = read_article(
        save(tmp_path, page(head, f"<article><h1>Reading a tide table</h1>{PROSE}</article>"))
    )
    assert draft.author == "Taylor Marsh"
    assert draft.date == datetime(2023, 5, 5, 23, 0, 57, tzinfo=UTC)


def test_a_persons_lower_case_handle_in_json_ld_is_the_author(tmp_path: Path) -> None:
    linked = (
        '<script type="application/ld+json">{"@context": "http://schema.org", "@type": "Article", '
        '"headline": "Tide tables", "author": {"@type": "Person", "name": "umputun"}}</script>'
    )
    html = page(f"<title>Tide tables</title>{linked}", f"<article><h1>Tide tables</h1>{PROSE}</article>")
    assert read_article(save(tmp_path, html)).author == "umputun"


@pytest.mark.parametrize(
    ("handle", "shown", "author"),
    [
        ("tidewriter_k3x9q2", False, None),  # a login with a generated suffix, never shown: an account
        ("tidewriter_k3x9q2", True, "tidewriter_k3x9q2"),  # the page calls the writer so
        ("umputun", False, "umputun"),  # a word the blogger goes by
    ],
)
def test_a_json_ld_handle_with_digits_is_the_author_only_where_the_page_shows_it(
    tmp_path: Path, handle: str, shown: bool, author: str | None
) -> None:
    linked = (
        '<script type="application/ld+json">{"@context": "http://schema.org", "@type": "Article", '
        f'"headline": "Tide tables", "author": {{"@type": "Person", "name": "{handle}"}}}}</script>'
    )
    foot = f"<p>Posted by {handle}</p>" if shown else ""
    html = page(
        f"<title>Tide tables</title>{linked}", f"<article><h1>Tide tables</h1>{PROSE}{foot}</article>"
    )
    assert read_article(save(tmp_path, html)).author == author


def _linked_author(name: str) -> str:
    return (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        f'"headline": "北市士林年邁母子 住處身亡", "author": {{"@type": "Person", "name": "{name}"}}}}</script>'
    )


def test_a_json_ld_author_the_page_never_shows_yields_to_its_byline(tmp_path: Path) -> None:
    # the byline under the headline names the reporter; the structured data another (a template's
    # or an editor's), nowhere in the page a reader sees
    html = page(
        f"<title>北市士林年邁母子 住處身亡</title>{_linked_author('陳昱光')}",
        "<article><header><h1>北市士林年邁母子 住處身亡</h1><div class=meta-info><time datetime='2018-09-16 15:31'>"
        "2018/09/16</time><div class=source>中時</div><div class=author><a href='/reporter/899'>謝明俊</a></div>"
        f"</div></header><div class=article-body>{PROSE}</div></article>",
    )
    assert read_article(save(tmp_path, html)).author == "謝明俊"


def test_a_json_ld_author_stays_when_the_page_shows_no_other_byline(tmp_path: Path) -> None:
    html = page(
        f"<title>北市士林年邁母子 住處身亡</title>{_linked_author('陳昱光')}",
        f"<article><h1>北市士林年邁母子 住處身亡</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author == "陳昱光"


def test_a_json_ld_person_the_site_is_named_after_is_the_author(tmp_path: Path) -> None:
    html = page(
        "<title>Reading a tide table</title><meta property='og:site_name' content='Lee.'>"
        f"<meta name='twitter:site' content='@annlee'>{_linked_author('Ann Lee')}",
        f"<article><h1>Reading a tide table</h1>{PROSE}</article><footer>&copy; 2026 Lee.</footer>",
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee"  # a publication named after its writer
    brand = html.replace("Ann Lee", "AnnLee").replace("Lee.", "AnnLee")
    assert read_article(save(tmp_path, brand, "brand.html")).author is None  # the site typed as a Person
