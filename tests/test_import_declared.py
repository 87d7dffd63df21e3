"""Which of the dates and descriptions a page declares the importer takes, when it declares
several (digest.sources.importer.pagedate and htmlmeta): the publication before the record's
creation, a time given with its offset before the same wall-clock time given without one, a
description without the site's name a CMS appended to one copy of it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from digest.sources.importer import read_article
from digest.sources.importer.authornames import name_in_byline
from tests.test_import_rules import PROSE, page, save

JAKARTA = timezone(timedelta(hours=7))


def test_a_publication_meta_is_taken_before_an_earlier_creation_meta(tmp_path: Path) -> None:
    # a CMS stamps `createdate` when the draft is stored and `publishdate` when it goes out
    head = (
        "<title>Tide tables</title>"
        '<meta name="createdate" content="2023/11/02 09:10:00">'
        '<meta name="publishdate" content="2023/11/02 14:30:00">'
    )
    draft = read_article(save(tmp_path, page(head, f"<article><h1>Tide tables</h1>{PROSE}</article>")))
    assert draft.date == datetime(2023, 11, 2, 14, 30, tzinfo=UTC)


def test_a_creation_meta_is_taken_after_the_json_ld_publication(tmp_path: Path) -> None:
    head = (
        "<title>Tide tables</title>"
        '<meta name="createdate" content="2023-11-01T09:10:00+07:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tide tables",'
        ' "datePublished": "2023-11-02T20:59:53+07:00"}</script>'
    )
    draft = read_article(save(tmp_path, page(head, f"<article><h1>Tide tables</h1>{PROSE}</article>")))
    assert draft.date == datetime(2023, 11, 2, 20, 59, 53, tzinfo=JAKARTA)


def test_a_creation_meta_alone_is_still_the_date(tmp_path: Path) -> None:
    head = '<title>Tide tables</title><meta name="createdate" content="2023/11/02 09:10:00">'
    draft = read_article(save(tmp_path, page(head, f"<article><h1>Tide tables</h1>{PROSE}</article>")))
    assert draft.date == datetime(2023, 11, 2, 9, 10, tzinfo=UTC)


def test_a_time_without_offset_takes_the_offset_of_the_same_time_stated_with_one(tmp_path: Path) -> None:
    # the meta gives the newsroom's wall clock; JSON-LD gives the same moment with its offset
    head = (
        "<title>Tide tables</title>"
        '<meta name="publishdate" content="2023/11/02 20:59:53">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tide tables",'
        ' "datePublished": "2023-11-02T20:59:53+07:00"}</script>'
    )
    draft = read_article(save(tmp_path, page(head, f"<article><h1>Tide tables</h1>{PROSE}</article>")))
    assert draft.date == datetime(2023, 11, 2, 20, 59, 53, tzinfo=JAKARTA)


def test_a_time_without_offset_stays_when_no_other_states_the_same_clock(tmp_path: Path) -> None:
    head = (
        "<title>Tide tables</title>"
        '<meta name="publishdate" content="2023/11/02 20:59:53">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tide tables",'
        ' "datePublished": "2023-11-02T18:00:00+07:00"}</script>'
    )
    draft = read_article(save(tmp_path, page(head, f"<article><h1>Tide tables</h1>{PROSE}</article>")))
    assert draft.date == datetime(2023, 11, 2, 20, 59, 53, tzinfo=UTC)


def test_a_description_with_the_site_name_appended_is_taken_without_it(tmp_path: Path) -> None:
    head = (
        "<title>Tide tables</title>"
        '<meta property="og:site_name" content="harbourtimes.net">'
        '<meta name="description" content="How to read a tide table. - HarbourTimes">'
        '<meta property="og:description" content="How to read a tide table.">'
    )
    draft = read_article(save(tmp_path, page(head, f"<article><h1>Tide tables</h1>{PROSE}</article>")))
    assert draft.description == "How to read a tide table."


def test_a_description_ending_in_other_words_keeps_them(tmp_path: Path) -> None:
    head = (
        "<title>Tide tables</title>"
        '<meta property="og:site_name" content="harbourtimes.net">'
        '<meta name="description" content="How to read a tide table. - and when to ignore it">'
        '<meta property="og:description" content="How to read a tide table.">'
    )
    draft = read_article(save(tmp_path, page(head, f"<article><h1>Tide tables</h1>{PROSE}</article>")))
    assert draft.description == "How to read a tide table. - and when to ignore it"


def test_every_writer_the_json_ld_names_is_kept_when_the_page_shows_them_all(tmp_path: Path) -> None:
    # the byline joins the two names with a word, so the declared list is not in the text as written
    head = (
        "<title>Tide tables</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tide tables",'
        ' "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bob Roe"}]}'
        "</script>"
    )
    body = (
        "<article><h1>Tide tables</h1><p class='author'>By Ann Lee and Bob Roe</p>"
        f"{PROSE}<div class='author-box'><span class='author'>Ann Lee</span> writes on the harbour.</div></article>"
    )
    draft = read_article(save(tmp_path, page(head, body)))
    assert draft.author == "Ann Lee, Bob Roe"


def test_a_declared_writer_the_page_never_shows_still_yields_to_its_byline(tmp_path: Path) -> None:
    head = (
        "<title>Tide tables</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tide tables",'
        ' "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Carl Dunn"}]}'
        "</script>"
    )
    body = f"<article><h1>Tide tables</h1><p class='author'>By Bob Roe</p>{PROSE}</article>"
    draft = read_article(save(tmp_path, page(head, body)))
    assert draft.author == "Bob Roe"


ARTICLE_BODY = (
    "Harbour masters publish tide tables every week, and sailors read them before leaving.\\n"
    "Heights are given above chart datum, roughly the lowest tide, and times are local. "
    "The range is the difference between high and low water, which decides how much chain "
    "to let out when anchoring overnight in a sheltered bay. " * 4
)


def _script_rendered(article_body: str, shown: str = "") -> str:
    # a page saved before its script drew the article: headline and byline in the markup, the text
    # only in the JSON-LD the page states for search engines
    ld = (
        '{"@type": "NewsArticle", "headline": "Tide tables", "datePublished": "2024-05-02T10:00:00Z",'
        f' "author": {{"@type": "Person", "name": "Ann Lee"}}, "articleBody": "{article_body}"}}'
    )
    head = f'<title>Tide tables</title><script type="application/ld+json">{ld}</script>'
    body = (
        "<div id='app'><h1>Tide tables</h1><p class='standfirst'>How to read the weekly table.</p>"
        f"<p class='byline'>Ann Lee</p>{shown}<div class='bio'>Ann Lee writes about the harbour.</div></div>"
    )
    return page(head, body)


def test_a_page_whose_markup_lacks_its_article_is_read_from_the_declared_article_body(tmp_path: Path) -> None:
    draft = read_article(save(tmp_path, _script_rendered(ARTICLE_BODY)))
    assert "how much chain to let out when anchoring overnight" in draft.body
    assert draft.body.startswith("Harbour masters publish tide tables every week")
    assert "Heights are given above chart datum" in draft.body.split("\n\n")[1]
    assert any("articleBody" in guess for guess in draft.guesses)


def test_markdown_signs_in_a_declared_article_body_stay_text(tmp_path: Path) -> None:
    draft = read_article(save(tmp_path, _script_rendered("# 1 rule: *never* guess. " + ARTICLE_BODY)))
    assert draft.body.startswith("\\# 1 rule: \\*never\\* guess.")


def test_a_declared_article_body_the_markup_shows_leaves_the_text_as_read(tmp_path: Path) -> None:
    draft = read_article(save(tmp_path, _script_rendered(ARTICLE_BODY, shown=PROSE * 2)))
    assert "Harbour masters publish tide tables every week, and the tables tell a sailor" in draft.body
    assert not any("articleBody" in guess for guess in draft.guesses)


def _profile_linked(declared: str, shown: str) -> str:
    ld = (
        '{"@type": "NewsArticle", "headline": "Tide tables", "author": {"@type": "Person",'
        f' "name": "{declared}", "url": "https://harbour.example.org/team/ann-marie-lee"}}}}'
    )
    body = (
        f"<article><h1>Tide tables</h1>{PROSE}<footer><span>2 May 2024</span> "
        f"<strong><a href='/team/ann-marie-lee'>{shown}</a></strong> in <a href='/tides'>Tides</a></footer></article>"
    )
    return page(f'<title>Tide tables</title><script type="application/ld+json">{ld}</script>', body)


def test_the_name_the_page_shows_on_the_declared_writers_own_link_is_the_author(tmp_path: Path) -> None:
    # the structured data carries the account's name; readers see the name linked to the same profile
    draft = read_article(save(tmp_path, _profile_linked("Anna Lee", "Ann-Marie Lee")))
    assert draft.author == "Ann-Marie Lee"


def test_a_profile_link_that_reads_no_name_leaves_the_declared_author(tmp_path: Path) -> None:
    draft = read_article(save(tmp_path, _profile_linked("Anna Lee", "more from this writer")))
    assert draft.author == "Anna Lee"


def test_a_profile_link_that_reads_a_menu_word_leaves_the_declared_author(tmp_path: Path) -> None:
    # the writer's profile is the site's 'About' page, linked from its menu
    draft = read_article(save(tmp_path, _profile_linked("Anna Lee", "About")))
    assert draft.author == "Anna Lee"


def test_a_profile_link_that_reads_a_given_name_leaves_the_declared_full_name(tmp_path: Path) -> None:
    draft = read_article(save(tmp_path, _profile_linked("Anna Lee", "Anna")))
    assert draft.author == "Anna Lee"


def _personal_site(author_markup: str, card: str = "") -> str:
    head = "<title>Tide tables</title><meta property='og:site_name' content='Ines Okafor Blog'>"
    body = (
        "<header><a href='/'>iOkafor</a></header><article itemscope itemtype='http://schema.org/Article'>"
        f"<h1 itemprop='name'>Tide tables</h1>{author_markup}<div itemprop='articleBody'>{PROSE}</div></article>{card}"
    )
    return page(head, body)


def test_the_microdata_author_of_a_site_named_after_its_writer_is_the_author(tmp_path: Path) -> None:
    # schema.org's author written as microdata, as JSON-LD's typed Person is: the writer, even where
    # the site is named after them
    html = _personal_site("<strong itemprop='author'>Ines Okafor</strong>")
    assert read_article(save(tmp_path, html)).author == "Ines Okafor"


def test_an_author_cards_heading_names_the_writer_without_its_about(tmp_path: Path) -> None:
    card = (
        "<section class='article-author'><header class='author-profile-hdr'><h3>About Ines Okafor</h3></header>"
        "<div class='author-profile-content'><p>Ines writes about the coast and the harbour for the paper, mostly on "
        "tides and the boats that wait for them.</p></div></section>"
    )
    html = page(
        "<title>Tide tables</title><meta property='og:site_name' content='Harbour News'>",
        f"<article><h1>Tide tables</h1>{PROSE}</article>{card}",
    )
    assert read_article(save(tmp_path, html)).author == "Ines Okafor"


def test_an_about_heading_names_the_person_after_it_and_no_one_alone() -> None:
    assert name_in_byline("About Ines Okafor", []) == "Ines Okafor"
    assert name_in_byline("À propos de Ines Okafor", []) == "Ines Okafor"
    assert name_in_byline("About me", []) is None
    assert name_in_byline("About", []) is None


def test_a_given_name_spelled_like_another_languages_about_stays_in_the_name() -> None:
    # 'Om' is Swedish for 'about' and a given name ('Om Malik'): the writer lost it (found by review25)
    assert name_in_byline("Om Malik", []) == "Om Malik"
    assert name_in_byline("By Om Prakash Sharma", []) == "Om Prakash Sharma"


def test_a_microdata_person_that_is_the_sites_declared_name_is_the_site(tmp_path: Path) -> None:
    head = "<title>Tide tables</title><meta property='og:site_name' content='The Harbour Press'>"
    body = (
        "<article itemscope itemtype='http://schema.org/Article'><h1>Tide tables</h1>"
        "<span itemprop='author' itemscope itemtype='https://schema.org/Person'><meta itemprop='name' "
        f"content='The Harbour Press'></span><p class='byline'>By Ines Okafor</p>{PROSE}</article>"
    )
    assert read_article(save(tmp_path, page(head, body))).author == "Ines Okafor"
