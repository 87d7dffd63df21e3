"""Second-round import rules on pages written for these tests: the headline the page marks as
the entry's title, a <title> segment that repeats a heading in a script without spaces, a
byline in the article's own text, and a date the opening sentence tells of."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.sources.importer import read_article
from tests.test_import_rules import PROSE, page, save


def test_a_marked_headline_wins_over_a_title_worded_for_sharing(tmp_path: Path) -> None:
    html = page(
        "<title>Tide tables explained » Harbour Blog</title><meta property='og:title' content='Tide tables explained'>",
        "<h1>Harbour Blog</h1><article><h1 class='entry-title'>How to read a tide table</h1>"
        f"{PROSE}</article><aside><h2 class='entry-title'>Another post</h2></aside>",
    )
    assert read_article(save(tmp_path, html)).title == "How to read a tide table"


def test_two_marked_headlines_decide_nothing(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Tide tables explained'>",
        f"<h1 class='entry-title'>First of two</h1><h1 class='entry-title'>Second of two</h1>{PROSE}",
    )
    assert read_article(save(tmp_path, html)).title == "Tide tables explained"


def test_a_title_segment_that_repeats_a_heading_without_spaces(tmp_path: Path) -> None:
    html = page(
        "<title>港口潮汐表今日更新 - 海港新闻 - 地方</title>",
        f"<h1>港口潮汐表今日更新</h1><article>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).title == "港口潮汐表今日更新"


def test_a_title_after_the_site_name_that_repeats_the_post_heading(tmp_path: Path) -> None:
    html = page(
        "<title>Ines Okafor's Notebook | Reading tide tables</title>",
        f"<h2>Reading tide tables</h2><article>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).title == "Reading tide tables"


def test_a_byline_opening_the_article_text_is_the_author_guessed(tmp_path: Path) -> None:
    # a German page: 'Von' is German's 'by' (on a page in English it is a name's particle)
    html = page(
        "<meta property='og:title' content='Gezeiten lesen'>",
        f"<article><p><em>Von Ines Okafor</em></p>{PROSE}</article>",
    ).replace("lang='en'", "lang='de'", 1)
    draft = read_article(save(tmp_path, html))
    assert draft.author == "Ines Okafor"
    assert any("byline in the article's text" in guess for guess in draft.guesses)


def test_a_byline_word_inside_prose_is_no_author(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Tides'>",
        f"<article>{PROSE}<p>By the harbour wall the water rose quickly that night.</p></article>",
    )
    assert read_article(save(tmp_path, html)).author is None


def test_a_date_the_opening_sentence_tells_of_is_not_the_posts(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Tide tables'>",
        "<article><p>The new harbour was opened on March 3, 2011, after years of work on the "
        "breakwater and the quays, and it has changed how the town lives with the sea.</p>"
        f"{PROSE}</article>",
    )
    told = read_article(save(tmp_path, html))
    assert not any("article's opening" in guess for guess in told.guesses)  # only htmldate's search, if any
    dateline = page(
        "<meta property='og:title' content='Tide tables'>",
        f"<article><p>March 3, 2011</p>{PROSE}</article>",
    )
    dated = read_article(save(tmp_path, dateline, "dated.html"))
    assert dated.date == datetime(2011, 3, 3, tzinfo=UTC)
    assert any("article's opening" in guess for guess in dated.guesses)


def test_a_byline_in_the_article_s_own_footer(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Tide tables'>",
        f"<article>{PROSE}<footer><p>Posted by Ines Okafor.</p><a href='/share'>Share this</a></footer></article>"
        "<footer><p>Site by Harbour Web Studio</p></footer>",
    )
    assert read_article(save(tmp_path, html)).author == "Ines Okafor"


def test_a_blogs_name_linked_home_over_its_post_is_not_the_title(tmp_path: Path) -> None:
    """WordPress's classic themes: the blog's name in an <h1> linking to the blog's home, the
    post's own title an <h2> permalink, the <title> 'Blog » Blog Archive » Post'."""
    html = page(
        "<title>Harbour Notes » Blog Archive » Stand by the tide</title>"
        "<link rel='canonical' href='https://example.org/notes/2013/02/08/stand-by-the-tide/'>",
        "<div id='content'><h1><a href='https://example.org/notes/'>Harbour Notes</a></h1>"
        "<div class='post'><h2><a href='https://example.org/notes/2013/02/08/stand-by-the-tide/' "
        f"rel='bookmark'>Stand by the tide</a></h2><div class='entry'>{PROSE}</div></div></div>",
    )
    assert read_article(save(tmp_path, html)).title == "Stand by the tide"


def test_a_headline_linked_to_its_own_page_stays_the_title(tmp_path: Path) -> None:
    html = page(
        "<title>Harbour Notes » Stand by the tide</title>"
        "<link rel='canonical' href='https://example.org/notes/2013/02/08/stand-by-the-tide/'>",
        "<div id='content'><h1><a href='https://example.org/notes/2013/02/08/stand-by-the-tide/'>"
        f"Stand by the tide</a></h1><div class='entry'>{PROSE}</div></div>",
    )
    assert read_article(save(tmp_path, html)).title == "Stand by the tide"


@pytest.mark.parametrize(
    "canonical",
    [
        "",
        # the blog's address under another country's domain than the one its home link names
        "<link rel='canonical' href='https://harbour-notes.example.com/2011/'>",
    ],
)
def test_a_declared_title_that_is_the_blogs_name_linked_home_yields_to_the_one_entry_title(
    tmp_path: Path, canonical: str
) -> None:
    """Blogger's archive of a year holding one post: og:title is the blog's name, which the <h1>
    links home; the post's title is the page's one hAtom `entry-title`, an <h3>."""
    html = page(
        f"<title>Harbour Notes: 2011</title><meta property='og:title' content='Harbour Notes'>{canonical}",
        "<h1 class='title'><a href='https://harbour-notes.example.net/'>Harbour Notes</a></h1>"
        "<h2 class='date-header'><span>Wednesday, March 30, 2011</span></h2>"
        "<div class='post hentry'><h3 class='post-title entry-title'>"
        "<a href='https://harbour-notes.example.net/2011/03/stand-by-the-tide.html'>Stand by the tide</a></h3>"
        f"<div class='post-body entry-content'>{PROSE}</div></div>",
    )
    assert read_article(save(tmp_path, html)).title == "Stand by the tide"


def test_a_blogs_name_as_the_title_stays_when_the_page_marks_several_entries(tmp_path: Path) -> None:
    entries = "".join(
        f"<div class='post hentry'><h3 class='entry-title'><a href='/2011/03/{n}.html'>Tide note {n}</a></h3>"
        f"<div class='entry-content'>{PROSE}</div></div>"
        for n in (1, 2)
    )
    html = page(
        "<title>Harbour Notes: 2011</title><meta property='og:title' content='Harbour Notes'>",
        f"<h1 class='title'><a href='https://harbour-notes.example.net/'>Harbour Notes</a></h1>{entries}",
    )
    assert read_article(save(tmp_path, html)).title != "Tide note 1"


def test_a_declared_title_the_page_shows_whole_keeps_its_last_segment(tmp_path: Path) -> None:
    # 'part 3 -- Neap tides': the page's heading shows the declared title whole, so the words after
    # the double hyphen are the headline's own, no section's label
    html = page(
        "<title>Tide tables, part 3 -- Neap tides :: Ann's notes</title>"
        "<meta property='og:title' content='Tide tables, part 3 -- Neap tides'>",
        f"<div><a href='/'>Ann's notes</a></div><h2 class='post-header'>Tide tables, part 3 -- Neap tides</h2>{PROSE}",
    )
    assert read_article(save(tmp_path, html)).title == "Tide tables, part 3 -- Neap tides"


def test_a_declared_title_whose_heading_adds_a_badge_still_loses_its_section(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading tide tables in a storm | Tides'>",
        f"<h1>Reading tide tables in a storm <span>New</span></h1>{PROSE}",
    )
    assert read_article(save(tmp_path, html)).title == "Reading tide tables in a storm"
